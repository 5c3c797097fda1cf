"""Numbers, dates and reading times as a reader of each language expects them, from CLDR.

Django's own formats are not used for these: its Hindi number format lacks Indian digit
grouping, and Babel carries the full CLDR data for every language we publish.
"""

import math
import re

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
