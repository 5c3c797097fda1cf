"""Translation checks, as a translation tool runs them on one text and its English source.

Each problem is either blocking (the save is refused, with the reason) or a warning (the text
is saved and the problem listed on the translator's queue). The workspace, the file import
and the admin form all refuse the same blocking problems; the checks that need to know other
texts take them as plain data (`glossary`, `others`), so they stay in the kernel.
"""

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from content import languages
from content.text_rules import LATIN_TERMS, script_problems, text_problems

NUMBERS, MARKUP, SCRIPT, TOO_LONG = "numbers", "markup", "script", "too-long"
WHITESPACE, PUNCTUATION, IDENTICAL = "whitespace", "punctuation", "identical"
INCONSISTENT, GLOSSARY, LENGTH = "inconsistent", "glossary", "length"


@dataclass(frozen=True)
class Problem:
    check: str
    message: str
    # Blocking refuses the save; a warning is saved and listed.
    blocking: bool = False


@dataclass(frozen=True)
class Term:
    """A glossary entry as the checks see it, for one language."""

    term: str
    translation: str = ""
    note: str = ""
    do_not_translate: bool = False

    @property
    def expected(self):
        return self.term if self.do_not_translate else self.translation


# Figures: digits with the group and decimal separators of every language (1,60,000 in
# Hindi, 160 000 in Ukrainian, 4,5 for 4.5), compared as their digits only.
_NUMBER = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_SEPARATORS = re.compile(r"[^\d]")


def figures(text):
    return Counter(
        "".join(str(unicodedata.digit(c)) for c in _SEPARATORS.sub("", match))
        for match in _NUMBER.findall(text)
    )


# Sentence-final punctuation, the same mark in each script's form.
_ENDINGS = {
    ".": ".", "।": ".", "。": ".", "?": "?", "？": "?", "!": "!", "！": "!", ":": ":",
    "：": ":", ";": ";", "…": "…",
}  # fmt: skip
_ONLY_NAMES = re.compile(
    "|".join(rf"(?<![A-Za-z]){re.escape(t)}(?![A-Za-z])" for t in LATIN_TERMS) + r"|[\d\W_]+"
)
# A word as the glossary check matches it: letters and marks together (a Devanagari vowel
# sign is not a letter to \w), split at spaces and punctuation.
_WORD = re.compile(r"[^\s,.;:!?()\[\]\"'«»“”„।/–—]+")


def words(text):
    return _WORD.findall(text.casefold())


def _stem(word):
    """Enough of a word to recognise it inflected (uk cases, nb definite forms, hi oblique
    plurals, Korean particles)."""
    return word if len(word) <= 4 else word[: max(4, len(word) - 3)]


def follows(target, expected):
    """Whether `target` uses the approved `expected` term, possibly inflected."""
    folded = target.casefold()
    if expected.casefold() in folded:
        return True
    found = words(folded)
    return all(any(w.startswith(_stem(e)) for w in found) for e in words(expected))


@functools.lru_cache(maxsize=16)
def _term_patterns(glossary):
    """One pattern for the translated terms (any case) and one for those kept as they are,
    longest first, so that a match at a position is the longest term there."""
    patterns = []
    for keep, flags in ((False, re.IGNORECASE), (True, 0)):
        terms = sorted(
            (t for t in glossary if t.do_not_translate == keep), key=lambda t: -len(t.term)
        )
        if terms:
            alternatives = "|".join(re.escape(t.term) for t in terms)
            by_text = {t.term if keep else t.term.casefold(): t for t in terms}
            patterns.append(
                (re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", flags), keep, by_text)
            )
    return patterns


def term_matches(source, glossary):
    """(start, end, Term) of each glossary term the English `source` uses, none inside a
    longer one, in the order they appear."""
    found = []
    for pattern, keep, by_text in _term_patterns(tuple(glossary)):
        for match in pattern.finditer(source):
            term = by_text.get(match.group(0) if keep else match.group(0).casefold())
            if term is not None:
                found.append((match.start(), match.end(), term))
    found.sort(key=lambda m: (m[0], m[0] - m[1]))
    kept, end = [], -1
    for match in found:
        if match[0] >= end:
            kept.append(match)
            end = match[1]
    return kept


def terms_in(source, glossary):
    """The glossary terms the English `source` uses, longest first, none inside another."""
    terms = list(dict.fromkeys(term for _start, _end, term in term_matches(source, glossary)))
    return sorted(terms, key=lambda t: -len(t.term))


def blocking_problems(source, target, language, *, max_length=None):
    """What refuses a translation: markup, placeholders and the other text rules, letters of
    another script, figures of the source missing, a text longer than its field."""
    problems = []

    def refuse(check, message):
        problems.append(Problem(check, message, blocking=True))

    rules = text_problems(target)
    if rules:
        refuse(MARKUP, _("This text contains %(problems)s.") % {"problems": ", ".join(rules)})
    script = script_problems(target, language)
    if script:
        refuse(
            SCRIPT,
            _("Letters of another script than the language's: %(detail)s.")
            % {"detail": "; ".join(script)},
        )
    missing = figures(source) - figures(target)
    if missing:
        refuse(
            NUMBERS,
            _("Figures of the English missing or changed: %(figures)s.")
            % {"figures": ", ".join(sorted(missing.elements()))},
        )
    if max_length and len(target) > max_length:
        refuse(
            TOO_LONG,
            _("Longer than this text may be: %(length)s of %(limit)s characters.")
            % {"length": len(target), "limit": max_length},
        )
    return problems


def check(source, target, language, *, max_length=None, glossary=(), others=()):
    """Every problem of `target` as the translation of `source` into `language`: blocking
    ones first. `glossary` holds the language's Terms, `others` the other translations the
    same English has in that language."""
    if not target:
        return []
    problems = blocking_problems(source, target, language, max_length=max_length)
    warn = problems.append
    extra = figures(target) - figures(source)
    if extra:
        warn(
            Problem(
                NUMBERS,
                _("Figures the English does not have: %(figures)s.")
                % {"figures": ", ".join(sorted(extra.elements()))},
            )
        )
    if (source[:1].isspace(), source[-1:].isspace()) != (
        target[:1].isspace(),
        target[-1:].isspace(),
    ):
        warn(
            Problem(WHITESPACE, _("Begins or ends with a space or line break unlike the English."))
        )
    ending = _ENDINGS.get(source.rstrip()[-1:])
    if ending != _ENDINGS.get(target.rstrip()[-1:]):
        warn(
            Problem(
                PUNCTUATION,
                _("Ends with other punctuation than the English (“%(mark)s”).")
                % {"mark": source.rstrip()[-1:] if ending else "—"},
            )
        )
    approved = {t.expected for t in glossary}
    if target == source and source not in approved and _ONLY_NAMES.sub("", source).strip():
        warn(Problem(IDENTICAL, _("The same as the English: is it translated?")))
    for other in sorted(set(others) - {target}):
        warn(
            Problem(
                INCONSISTENT,
                _("The same English is translated differently elsewhere: “%(other)s”.")
                % {"other": other if len(other) <= 80 else other[:79] + "…"},
            )
        )
    in_language = languages.get(language).in_language
    for term in terms_in(source, glossary):
        if term.expected and not follows(target, term.expected):
            message = (
                _("Glossary: “%(term)s” stays “%(term)s”, untranslated.")
                if term.do_not_translate
                else _("Glossary: “%(term)s” is “%(approved)s” %(in_language)s.")
            )
            warn(
                Problem(
                    GLOSSARY,
                    message
                    % {"term": term.term, "approved": term.translation, "in_language": in_language},
                )
            )
    if len(target) > 3 * len(source):
        warn(Problem(LENGTH, _("More than three times as long as the English.")))
    return problems
