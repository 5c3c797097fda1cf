"""A name and its abbreviation as each language writes them: a space before the bracket in
English, none in Korean, whether the name is a heading or a link."""

import re

import pytest

EXPECTED = {
    "en": ("Customer Support Manager (CSM)", "Customer satisfaction (CSAT)"),
    "ko": ("고객 지원 관리자(CSM)", "고객 만족도(CSAT)"),
}


def _text(html):
    return re.sub(r"<[^>]+>", "", html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", EXPECTED)
def test_name_and_abbreviation(client, reference_content, language):
    title, metric = EXPECTED[language]
    page = client.get(f"/{language}/roles/customer-support-manager/").text
    assert _text(re.search(r"<h1>.*?</h1>", page).group(0)) == title
    senior = client.get(f"/{language}/roles/senior-customer-success-manager/").text
    assert metric in [_text(dt) for dt in re.findall(r"<dt>.*?</dt>", senior)]
