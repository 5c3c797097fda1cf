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


def _symbol(currency, locale):
    return locale.currency_symbols.get(currency, currency)


@lru_cache(maxsize=4096)
def range_parts(minimum, maximum, currency, language):
    """A range of money as two strings, split where a line may break: after the range sign
    and its spacing. Together they are the range as the language writes it.

    The sign comes from CLDR's range pattern (content.languages). The currency is given once
    when its symbol is longer than one character and stands at the same side of both figures
    ("160 000 to 200 000 USD", "US$30,000~70,000"), as ICU's number range formatter does in its
    default (auto) mode; a one-character symbol ($, €) stays with each figure."""
    locale, _pattern = _locale_and_pattern(language)
    low, high = money(minimum, currency, language), money(maximum, currency, language)
    symbol = _symbol(currency, locale)
    if len(symbol) > 1:
        if low.startswith(symbol) and high.startswith(symbol):
            high = high[len(symbol) :].lstrip("\xa0 ")
        elif low.endswith(symbol) and high.endswith(symbol):
            low = low[: -len(symbol)].rstrip("\xa0 ")
    before, rest = languages.get(language).range_pattern.split("{0}")
    sign, after = rest.split("{1}")
    if "\xa0" in low or " " in low:
        # Figures that contain spaces read as one figure unless the range sign stands apart.
        sign = f"\u202f{sign}\u202f"
    return f"{before}{low}{sign}", f"{high}{after}"


def money_range(minimum, maximum, currency, language):
    return "".join(range_parts(minimum, maximum, currency, language))
