"""The interface catalogues (and, for the rules that hold everywhere, the reference texts)
follow the decisions recorded in reference/glossary.yaml: a term's `avoid` words are not used
for it (in the translations whose English names the term, or in every translation of the
language when the term holds `everywhere`)."""

import re
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po
from django.conf import settings

from content import languages

GLOSSARY = yaml.safe_load((settings.BASE_DIR / "reference" / "glossary.yaml").read_text())
RULED = [term for term in GLOSSARY["terms"] if term.get("avoid")]
LETTERS = r"\w\u0900-\u097F\uac00-\ud7a3"


def _pattern(word):
    """A whole word (a phrase), or with a leading '…' the end of a word."""
    if word.startswith("…"):
        return re.compile(rf"{re.escape(word[1:])}(?![{LETTERS}])")
    return re.compile(rf"(?<![{LETTERS}]){re.escape(word)}(?![{LETTERS}])")


def _translations(language):
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        for message in read_po(po, locale=language):
            if not message.id:
                continue
            english = " ".join(message.id) if isinstance(message.id, tuple) else message.id
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            yield english, " ".join(s for s in strings if s)


def _names(term, english):
    word = term.get("matches", term["term"])
    return re.search(rf"\b{re.escape(word)}", english, re.IGNORECASE)


def test_the_glossary_rules_name_known_languages():
    for term in RULED:
        assert set(term["avoid"]) <= set(languages.TARGETS), term["term"]


@pytest.mark.parametrize("language", languages.TARGETS)
def test_catalogue_follows_the_glossary(language):
    problems = []
    for english, translation in _translations(language):
        for term in RULED:
            if not (term.get("everywhere") or _names(term, english)):
                continue
            for word in term["avoid"].get(language, []):
                if _pattern(word).search(translation):
                    problems.append(f"{english!r}: {word!r} ({term['term']})")
    assert problems == []


@pytest.mark.parametrize("language", languages.TARGETS)
def test_reference_texts_follow_the_rules_that_hold_everywhere(language):
    problems = []
    for path in sorted(Path(settings.BASE_DIR, "reference").rglob(f"{language}.yaml")):
        text = path.read_text(encoding="utf-8")
        for term in (t for t in RULED if t.get("everywhere")):
            for word in term["avoid"].get(language, []):
                if _pattern(word).search(text):
                    problems.append(f"{path.parent.name}/{path.name}: {word!r} ({term['term']})")
    assert problems == []
