"""Numbers, dates and reading times as a reader of each language expects them, from CLDR.

Django's own formats are not used for these: its Hindi number format lacks Indian digit
grouping, and Babel carries the full CLDR data for every language we publish.
"""

import math
import re
import unicodedata

from babel.dates import format_date
from babel.numbers import format_decimal
from django.utils.translation import get_language

from content import languages


def babel_locale(language=None):
    code = language or get_language()
    return languages.get(code if code in languages.BY_CODE else languages.SOURCE).babel_locale


def long_date(value, language=None):
    return format_date(value, format="long", locale=babel_locale(language))


def number(value, language=None):
    return format_decimal(value, locale=babel_locale(language))


def reading_minutes(texts, language):
    """Whole minutes, at least one, to read `texts` in `language`."""
    reader = languages.get(language)
    if reader.reading_unit == languages.CHARACTERS:
        amount = sum(len(re.sub(r"\s", "", text)) for text in texts)
    else:
        amount = sum(len(text.split()) for text in texts)
    return max(1, math.ceil(amount / reader.reading_rate))


def collation_key(text, language):
    """A sort key that puts texts of `language` in its alphabetical order: case and accents
    count only after the letters, the language's own alphabet where it has one (Norwegian
    æ, ø, å after z), spaces and punctuation before letters. Hangul syllables and
    Devanagari follow code point order, which is their dictionary order."""
    order = {letter: index for index, letter in enumerate(languages.get(language).alphabet)}
    primary, secondary = [], []
    for char in text.casefold():
        decomposed = unicodedata.normalize("NFD", char)
        accented = len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:])
        base = decomposed[0] if accented and char not in order else char
        if base in order:
            primary.append((1, order[base]))
        elif unicodedata.category(base)[0] in "LMN":
            primary.append((2, ord(base)))
        else:
            primary.append((0, ord(base)))
        secondary.append(accented and char not in order)
    return primary, secondary, text
