"""Numbers, dates and reading times as a reader of each language expects them, from CLDR.

Django's own formats are not used for these: its Hindi number format lacks Indian digit
grouping, and Babel carries the full CLDR data for every language we publish.
"""

import math
import re

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.translation import get_language

BABEL_LOCALES = {"en": "en_US", "hi": "hi_IN", "uk": "uk_UA", "ko": "ko_KR", "nb": "nb_NO"}

# Average silent reading speeds. Korean is measured in characters: its word spacing (eojeol)
# does not match the word counts the other rates assume.
WORDS_PER_MINUTE = {"en": 230, "hi": 180, "uk": 190, "nb": 210}
KOREAN_CHARACTERS_PER_MINUTE = 500


def babel_locale(language=None):
    return BABEL_LOCALES.get(language or get_language(), "en_US")


def long_date(value, language=None):
    return format_date(value, format="long", locale=babel_locale(language))


def number(value, language=None):
    return format_decimal(value, locale=babel_locale(language))


def reading_minutes(texts, language):
    """Whole minutes, at least one, to read `texts` in `language`."""
    if language == "ko":
        characters = sum(len(re.sub(r"\s", "", text)) for text in texts)
        minutes = characters / KOREAN_CHARACTERS_PER_MINUTE
    else:
        words = sum(len(text.split()) for text in texts)
        minutes = words / WORDS_PER_MINUTE.get(language, 230)
    return max(1, math.ceil(minutes))
