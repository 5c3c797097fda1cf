"""A place's salary line is a sentence of the reader's language, built from the catalogue's
patterns and CLDR's list pattern: no colon after the track, no semicolons, lower case after
the colon, each language's range sign and currency placement."""

import re

import pytest

NBSP, NNBSP = "\xa0", "\u202f"

SAN_FRANCISCO = {
    "en": "San Francisco: $30,000–$70,000 per year for individual contributors and "
    "$60,000–$160,000 per year for people managers",
    "hi": "सैन फ़्रांसिस्को: टीम सदस्यों के लिए $30,000–$70,000 प्रति वर्ष और टीम प्रबंधकों के "
    "लिए $60,000–$1,60,000 प्रति वर्ष",
    "uk": f"Сан-Франциско: 30{NBSP}000{NNBSP}–{NNBSP}70{NBSP}000{NBSP}USD на рік для рядових "
    f"працівників і 60{NBSP}000{NNBSP}–{NNBSP}160{NBSP}000{NBSP}USD на рік для керівників із "
    "підлеглими",
    "ko": "샌프란시스코: 실무자 연간 US$30,000~70,000 및 팀장 연간 US$60,000~160,000",
    "nb": f"San Francisco: 30{NBSP}000{NNBSP}–{NNBSP}70{NBSP}000{NBSP}USD per år for "
    f"medarbeidere uten personalansvar og 60{NBSP}000{NNBSP}–{NNBSP}160{NBSP}000{NBSP}USD "
    "per år for ledere med personalansvar",
}


def _lines(client, language):
    html = client.get(f"/{language}/roles/customer-support-manager/").text
    figures = re.search(r'<ul class="salary-figures">(.*?)</ul>', html, re.S).group(1)
    return [re.sub(r"<[^>]+>", "", item) for item in re.findall(r"<li>(.*?)</li>", figures)]


@pytest.mark.django_db
@pytest.mark.parametrize("language", SAN_FRANCISCO)
def test_salary_line_is_punctuated_as_the_language_writes_it(client, reference_content, language):
    assert _lines(client, language)[0] == SAN_FRANCISCO[language]
