"""What stored text may contain.

The sources were scraped pages full of escape sequences, entities, placeholders and invisible
characters. These rules keep all of that out of the database: the reference import refuses text
that breaks them, model fields validate with them (so the admin shows a form error), and a test
scans every translated field of every object.
"""

import functools
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from content import languages

# Unicode categories that never belong in prose: controls, invisible format characters
# (zero-width spaces and joiners, soft hyphens, bidi marks), private use, unassigned, and
# "other symbols" such as emoji.
_FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp", "So"}

_PATTERNS = [
    (re.compile(r"\\"), _("a literal escape sequence (backslash)")),
    (re.compile(r"&#?[A-Za-z0-9]+;|(?<![A-Za-z])(amp|nbsp|quot|lt|gt);"), _("an HTML entity")),
    (
        re.compile(r"[{}]|%\(?[a-z_]*\)?s\b|\[\[|\]\]|\bXX\b"),
        _("a template placeholder"),
    ),
    (re.compile(r"<\s*/?\s*[A-Za-z!]|\*\*|```"), _("markup")),
    (re.compile(r"^[ \t]|[ \t]$|[ \t]\n|\n[ \t]", re.MULTILINE), _("leading or trailing spaces")),
    (re.compile(r"  "), _("a double space")),
    (re.compile(r"\n\n\n"), _("more than one blank line")),
]

# Letters outside the language's own script are allowed only in these names and acronyms.
LATIN_TERMS = sorted(
    {
        "SaaS", "CSM", "CSMs", "NPS", "CSAT", "CRM", "KPI", "KPIs", "CX", "VP", "CEO", "FRT",
        "AHT", "eNPS", "Salesforce", "HubSpot", "Zoho CRM", "Zoho", "Gainsight", "Totango",
        "ChurnZero", "Outlook", "Gmail", "Slack", "Microsoft Teams", "Google Analytics",
        "Tableau", "Looker", "Asana", "Trello", "Monday.com", "SurveyMonkey", "Typeform",
        "Qualtrics", "Guru", "Confluence", "SharePoint",
    },
    key=len,
    reverse=True,
)  # fmt: skip
# One alternation behind a look-ahead for the terms' first letters: the engine skips every
# other position at once (20 times as fast as a look-behind in each of the ~60 branches,
# which the translators' queue paid for each of thousands of texts a page).
_FIRST_LETTERS = re.escape("".join(sorted({t[0] for t in LATIN_TERMS})))
_LATIN_TERM = re.compile(
    rf"(?=[{_FIRST_LETTERS}])(?<![A-Za-z])(?:{'|'.join(map(re.escape, LATIN_TERMS))})(?![A-Za-z])"
)


def text_problems(value):
    """The ways a text breaks the rules, as short translated phrases; empty when it is clean."""
    problems = []
    if not unicodedata.is_normalized("NFC", value):
        problems.append(_("text that is not NFC-normalised"))
    for char in value:
        category = unicodedata.category(char)
        invisible_space = category == "Zs" and char != " "
        if (category in _FORBIDDEN_CATEGORIES and char != "\n") or invisible_space:
            problems.append(_("the character U+%(code)04X") % {"code": ord(char)})
            break
    problems.extend(str(message) for pattern, message in _PATTERNS if pattern.search(value))
    return problems


@functools.lru_cache(maxsize=4096)
def _script(char):
    return unicodedata.name(char, "UNKNOWN").split(" ")[0]


def foreign_letters(value, language):
    """The scripts other than the language's own that `value` has letters in (outside the
    allowed Latin terms), and up to three words that show them."""
    expected = languages.get(language).script
    remaining = _LATIN_TERM.sub(" ", value) if expected != "LATIN" else value
    # Each distinct letter once: the translators' queue checks thousands of texts a page.
    foreign = sorted({_script(c) for c in set(remaining) if c.isalpha()} - {expected})
    if not foreign:
        return foreign, []
    words = re.findall(r"\w+", remaining)
    sample = [w for w in words if any(_script(c) in foreign for c in w if c.isalpha())][:3]
    return foreign, sample


def script_problems(value, language):
    """Letters from a script the language does not use, outside the allowed Latin terms."""
    foreign, sample = foreign_letters(value, language)
    if not foreign:
        return []
    return [f"letters in {'/'.join(foreign).lower()} script: {', '.join(sample)}"]


def validate_script(value, language):
    """The script rule for a text of `language`, as a form error (the importer applies
    script_problems to the same texts)."""
    foreign, sample = foreign_letters(value, language)
    if foreign:
        raise ValidationError(
            _(
                "This text is meant to be %(in_language)s but has letters of another script: "
                "%(words)s."
            ),
            code="foreign_script",
            params={"in_language": languages.get(language).in_language, "words": ", ".join(sample)},
        )


def validate_clean_text(value):
    problems = text_problems(value)
    if problems:
        raise ValidationError(
            _("This text contains %(problems)s. Remove it and save again."),
            code="unclean_text",
            params={"problems": ", ".join(problems)},
        )
