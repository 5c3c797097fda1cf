"""Money in each language's own conventions, and never a figure other than the one stored."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content import languages
from salaries.formatting import money, money_range

NNBSP = "\u202f"
NBSP = "\xa0"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "$160,000"),
        ("hi", "$1,60,000"),
        ("uk", f"160{NBSP}000{NBSP}USD"),
        ("ko", "US$160,000"),
        ("nb", f"160{NBSP}000{NBSP}USD"),
    ],
)
def test_money_follows_the_languages_grouping_and_symbol(language, expected):
    assert money(160_000, "USD", language) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "$30,000–$70,000"),
        # CLDR's range pattern for Hindi is the en dash, as for English.
        ("hi", "$30,000–$70,000"),
        # A symbol longer than one character is given once, as ICU's range formatter does.
        ("uk", f"30{NBSP}000{NNBSP}–{NNBSP}70{NBSP}000{NBSP}USD"),
        ("ko", "US$30,000~70,000"),
        ("nb", f"30{NBSP}000{NNBSP}–{NNBSP}70{NBSP}000{NBSP}USD"),
    ],
)
def test_ranges_use_the_languages_range_sign(language, expected):
    assert money_range(30_000, 70_000, "USD", language) == expected


@given(
    amount=st.integers(min_value=0, max_value=10**9),
    language=st.sampled_from(languages.CODES),
)
def test_no_language_changes_a_figure(amount, language):
    assert re.sub(r"\D", "", money(amount, "USD", language)) == str(amount)
