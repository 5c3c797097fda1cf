"""Numbers, dates and reading times as a reader of each language expects them, from CLDR.

Django's own formats are not used for these: its Hindi number format lacks Indian digit
grouping, and Babel carries the full CLDR data for every language we publish.
"""

import math
import re
import unicodedata

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from content import languages


def babel_locale(language=None):
    code = language or get_language()
    return languages.get(code if code in languages.BY_CODE else languages.SOURCE).babel_locale


def long_date(value, language=None):
    return format_date(value, format="long", locale=babel_locale(language))


def number(value, language=None):
    return format_decimal(value, locale=babel_locale(language))


def html_list(items, style="standard", language=None):
    """HTML items joined as the language joins a list (CLDR's list patterns through Babel):
    "A, B, and C" in English, "A, B और C" in Hindi; style "or" for alternatives."""
    items = [conditional_escape(item) for item in items]
    # Babel formats plain text: join placeholders, escape the pattern's own text, then put
    # the items (already HTML) in their places.
    marks = [f"\x00{index}\x00" for index in range(len(items))]
    joined = escape(format_list(marks, style=style, locale=babel_locale(language)))
    for mark, item in zip(marks, items, strict=True):
        joined = joined.replace(mark, item)
    return mark_safe(joined)


def html_pattern(pattern, **values):
    """A catalogue's pattern ("%(place)s: %(bands)s") filled with HTML values: the pattern's
    own text is escaped, the values are escaped unless they are HTML already."""
    return mark_safe(escape(pattern) % {k: conditional_escape(v) for k, v in values.items()})


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


def sort_text(text, language):
    """collation_key() as text, so that a database sorts titles as the language does."""
    primary, secondary, original = collation_key(text, language)
    letters = "".join(f"{kind}{code:06x}" for kind, code in primary)
    accents = "".join("1" if accented else "0" for accented in secondary)
    return f"{letters}~{accents}~{original}"[:400]


# Hangul syllables are listed under their first consonant, as Korean dictionaries do.
_HANGUL_INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"


def initial(text, language):
    """The letter `text` is listed under in an A to Z of `language` ('#' for a text that
    starts with no letter)."""
    for char in text.casefold():
        if "가" <= char <= "힣":
            return _HANGUL_INITIALS[(ord(char) - 0xAC00) // 588]
        if unicodedata.category(char)[0] != "L":
            if unicodedata.category(char)[0] == "N":
                return "#"
            continue
        if char in languages.get(language).alphabet:
            return char
        return unicodedata.normalize("NFD", char)[0]
    return "#"
