"""How the editor shows a source: a word-level diff of the English, old → new, and the
glossary terms it uses, marked."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from content.translation_checks import term_matches

# Words, spaces, punctuation. Indic vowel signs and viramas are not \w: without the block
# (danda aside) a Hindi word split at each sign and its diff marked half-letters.
_TOKENS = re.compile(r"\s+|[\w\u0900-\u0963\u0966-\u0dff]+|[^\w\s]")


def word_diff(old, new):
    """HTML of `new` with the words removed from `old` in <del> and those added in <ins>."""
    before, after = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(after[j1:j2])))
            continue
        if op in ("delete", "replace"):
            parts.append(format_html("<del>{}</del>", "".join(before[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(format_html("<ins>{}</ins>", "".join(after[j1:j2])))
    return mark_safe("".join(str(p) for p in parts))


def marked_terms(source, glossary):
    """HTML of `source` with each glossary term it uses in a <mark>, titled with the
    approved translation; and the terms found."""
    matches = term_matches(source, glossary)
    parts, last = [], 0
    for start, end, term in matches:
        parts.append(escape(source[last:start]))
        parts.append(
            format_html(
                '<mark class="ws-term" title="{}">{}</mark>', term.expected, source[start:end]
            )
        )
        last = end
    parts.append(escape(source[last:]))
    terms = list(dict.fromkeys(term for _start, _end, term in matches))
    return mark_safe("".join(str(p) for p in parts)), terms
