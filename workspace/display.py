"""How the editor shows a source: a word-level diff of the English, old → new, and the
glossary terms it uses, marked."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from content.checks import terms_in

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


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
    terms = terms_in(source, glossary)
    if not terms:
        return escape(source), []
    by_text = {}
    for term in terms:
        by_text[term.term.casefold()] = term
    pattern = re.compile(
        "|".join(
            rf"(?<![\w-]){re.escape(t.term)}(?![\w-])"
            for t in sorted(terms, key=lambda t: len(t.term), reverse=True)
        ),
        re.IGNORECASE,
    )
    parts, last = [], 0
    for match in pattern.finditer(source):
        term = by_text.get(match.group(0).casefold())
        if term is None:
            continue
        parts.append(escape(source[last : match.start()]))
        parts.append(
            format_html('<mark class="ws-term" title="{}">{}</mark>', term.expected, match.group(0))
        )
        last = match.end()
    parts.append(escape(source[last:]))
    return mark_safe("".join(str(p) for p in parts)), terms
