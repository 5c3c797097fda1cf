"""The languages the site publishes: one row each, and everything else derives from them.

Settings (LANGUAGES, modeltranslation), the permissions and groups, the admin's confirm
boxes, the text rules' script check, Babel's locales, reading times, money ranges and the
templates all read this table. Adding a language is a row here, a migration
(`makemigrations`: its columns and permissions), a catalogue in locale/ and the content's
translations (README, "Adding a language").

This module is imported by the settings, so it must not import models or settings.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Language:
    code: str
    # Shown to readers of that language in the switcher: never translated.
    name: str
    # For permission names and logs, which are not translated.
    english_name: str
    # "in Hindi", as each interface language writes it (through the catalogues), for
    # sentences that name a language: "The texts in Hindi still match the English".
    in_language: str
    babel_locale: str
    # The Unicode script of its letters (the first word of unicodedata.name()).
    script: str
    # Silent reading speed, in words a minute; in characters for languages whose word
    # spacing does not match the word counts the others assume (Korean eojeol).
    reading_rate: int
    reading_unit: str
    # CLDR's number-range pattern (miscPatterns/range), which Babel does not carry.
    range_pattern: str
    # The language shown where a text is not translated; None for the source language.
    fallback: str | None = "en"
    # Accept-Language tags that readers of this language send but Django does not map.
    accept_aliases: tuple = ()
    # PostgreSQL's text search configuration that stems the language (search/); "simple"
    # where PostgreSQL has none, and its words are matched by trigrams alone.
    text_search_config: str = "simple"
    # Its lower-case letters in alphabetical order, where Unicode's code point order is not
    # that order (Ukrainian ґ, є, ї; Norwegian æ, ø, å after z): for sorting roles by title.
    alphabet: str = ""

    @property
    def translator_group(self):
        return f"Translators: {self.name}"

    @property
    def reviewer_group(self):
        return f"Reviewers: {self.name}"

    @property
    def is_source(self):
        return self.fallback is None


WORDS, CHARACTERS = "words", "characters"

LANGUAGES = (
    Language(
        code="en",
        name="English",
        english_name="English",
        in_language=_("in English"),
        babel_locale="en_US",
        script="LATIN",
        reading_rate=230,
        reading_unit=WORDS,
        range_pattern="{0}–{1}",
        fallback=None,
        text_search_config="english",
    ),
    Language(
        code="hi",
        name="हिन्दी",
        english_name="Hindi",
        in_language=_("in Hindi"),
        babel_locale="hi_IN",
        script="DEVANAGARI",
        reading_rate=180,
        reading_unit=WORDS,
        range_pattern="{0}–{1}",
        text_search_config="hindi",
    ),
    Language(
        code="uk",
        name="Українська",
        english_name="Ukrainian",
        in_language=_("in Ukrainian"),
        babel_locale="uk_UA",
        script="CYRILLIC",
        reading_rate=190,
        reading_unit=WORDS,
        range_pattern="{0}–{1}",
        alphabet="абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    ),
    Language(
        code="ko",
        name="한국어",
        english_name="Korean",
        in_language=_("in Korean"),
        babel_locale="ko_KR",
        script="HANGUL",
        reading_rate=500,
        reading_unit=CHARACTERS,
        range_pattern="{0}~{1}",
    ),
    Language(
        code="nb",
        name="Norsk bokmål",
        english_name="Norwegian Bokmål",
        in_language=_("in Norwegian Bokmål"),
        babel_locale="nb_NO",
        script="LATIN",
        reading_rate=210,
        reading_unit=WORDS,
        range_pattern="{0}–{1}",
        # Django has no fallback between the Norwegian codes: a browser set to "no" or "nn"
        # would get English. Norwegian readers are served Bokmål.
        accept_aliases=("no", "nn"),
        text_search_config="norwegian",
        alphabet="abcdefghijklmnopqrstuvwxyzæøå",
    ),
)

BY_CODE = {language.code: language for language in LANGUAGES}
CODES = [language.code for language in LANGUAGES]
SOURCE = next(language.code for language in LANGUAGES if language.is_source)
# The languages translated from the source.
TARGETS = [code for code in CODES if code != SOURCE]


def get(code):
    return BY_CODE[code]


def django_languages():
    """settings.LANGUAGES: each language named in its own language."""
    return [(language.code, language.name) for language in LANGUAGES]


def translated_columns(field):
    """The column of `field` in every language: title_en, title_hi, …"""
    return [f"{field}_{code}" for code in CODES]


def text_in(obj, field, code):
    """The text of `field` a reader of `code` is shown, and the language it is in: the
    language's own text, else its fallback's (English), as modeltranslation falls back."""
    while code is not None:
        text = getattr(obj, f"{field}_{code}", None)
        if text:
            return text, code
        code = BY_CODE[code].fallback if code in BY_CODE else SOURCE
    return "", None
