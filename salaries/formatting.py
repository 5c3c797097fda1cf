"""Money as a reader of each language writes it, with every figure in full.

Compact forms ("$2 lakh", "160K") are never used: CLDR's compact patterns round, and a pay
figure that changes with the reader's language is wrong in all but one of them.
"""

from functools import cache, lru_cache

from babel import Locale
from babel.numbers import parse_pattern

from content import languages
from content.formatting import babel_locale


@cache
def _locale_and_pattern(language):
    """The language's CLDR locale and currency pattern without the cents (salaries are whole
    amounts); parsed once, as a salary chart formats dozens of figures."""
    locale = Locale.parse(babel_locale(language))
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    return locale, parse_pattern(pattern.replace(".00", "").replace(",00", ""))


# Pay figures repeat across pages and languages: a chart's ticks, a table's bands.
@lru_cache(maxsize=4096)
def money(amount, currency, language):
    locale, pattern = _locale_and_pattern(language)
    return pattern.apply(amount, locale, currency=currency, currency_digits=False)


@lru_cache(maxsize=4096)
def money_range(minimum, maximum, currency, language):
    low, high = money(minimum, currency, language), money(maximum, currency, language)
    pattern = languages.get(language).range_pattern
    if "\xa0" in low or " " in low:
        # Figures that contain spaces read as one figure unless the range sign stands apart.
        pattern = pattern.replace("{0}", "{0}\u202f").replace("{1}", "\u202f{1}")
    return pattern.format(low, high)
