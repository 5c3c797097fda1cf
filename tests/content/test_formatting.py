"""Reading times and dates as each language's readers count and write them."""

import datetime

import pytest

from content.formatting import long_date, number, reading_minutes


@pytest.mark.parametrize(
    ("language", "words", "minutes"),
    [("en", 230, 1), ("en", 231, 2), ("hi", 360, 2), ("uk", 380, 2), ("nb", 420, 2)],
)
def test_reading_time_is_whole_minutes_at_the_languages_reading_speed(language, words, minutes):
    assert reading_minutes(["word " * words], language) == minutes


def test_korean_reading_time_counts_characters_not_spaces():
    assert reading_minutes(["관리자 " * 250], "ko") == 2  # 750 syllables, 250 "words"
    assert reading_minutes(["관" * 500], "ko") == 1


def test_an_empty_page_still_takes_a_minute():
    assert reading_minutes([], "en") == 1


def test_dates_and_numbers_follow_cldr():
    day = datetime.date(2026, 11, 23)
    assert long_date(day, "en") == "November 23, 2026"
    assert long_date(day, "ko") == "2026년 11월 23일"
    assert number(1234567, "hi") == "12,34,567"
