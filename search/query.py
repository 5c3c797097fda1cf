"""A reader's search: what they typed, checked, looked up and put in order.

The engine (search/engines.py) finds the documents that hold the start of every typed word,
through the database's index, a bounded number of them. Here each is checked word by word
(search/text.py: the same word, a longer form, the same start for inflections and particles,
one typo) and scored, the same on both databases:

- a word found in a title, an abbreviation or another title counts three times one found in
  the text; a better kind of match counts more;
- a title all of whose words were typed, in the order typed, comes first; the exact title,
  abbreviation or other title before anything else; a title that holds every typed word
  before another thing's other title that holds them;
- roles, metrics and locations before sections that match as well.

Results in the reader's language come first; a match found only in another language is
shown marked with it, linking to that language's page. When nothing has every word, what
has most of them is shown, said so; when nothing matches at all, the closest titles are
suggested.
"""

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content import languages
from search import engines
from search.models import Document
from search.text import (
    PREFIX,
    STEM,
    normalised,
    probe,
    quality,
    similarity,
    tokens,
    typo_probes,
    words,
)

# Longer than any title or question a reader would type; longer input is refused, not cut.
MAX_LENGTH = 200
# Words looked up at most (the rest of a long query is ignored).
MAX_WORDS = 10
PER_PAGE = 10
SUGGESTIONS = 3
KIND_ORDER = {Document.Kind.ROLE: 0, Document.Kind.METRIC: 1, Document.Kind.LOCATION: 2,
              Document.Kind.SECTION: 3}  # fmt: skip
KIND_BONUS = {Document.Kind.ROLE: 0.5, Document.Kind.METRIC: 0.5, Document.Kind.LOCATION: 0.3}
# A title that holds every typed word outranks another thing's other title that holds them
# (ESCO ranks preferred labels above alternative labels): more than the most an other title
# can add over a title (0.9 x 2.5 against 2 x a quarter of a title's words), less than an
# exact other title adds (0.9 x 5.5).
TITLE_HOLDS_EVERY_WORD = 2.0


class Status:
    RESULTS = "results"
    # Nothing has every word; these have most of them.
    PARTIAL = "partial"
    EMPTY = "empty"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    # Nothing in it to search for: no letters or digits.
    GARBAGE = "garbage"
    NO_RESULTS = "no_results"


@dataclass
class Result:
    kind: str
    kind_label: str
    title: str
    title_html: str
    title_language: str
    language: str
    # Found only in another language than the reader's: shown marked with it.
    other_language: bool
    in_language: str
    path: str
    anchor: str
    # A section's role.
    context: str
    # The abbreviation and other titles, when the typed words were found there.
    also_html: str
    snippet_html: str


@dataclass
class Suggestion:
    kind: str
    kind_label: str
    title: str
    language: str
    path: str


@dataclass
class Outcome:
    query: str
    language: str
    status: str
    message: str
    results: list = field(default_factory=list)
    total: int = 0
    page: int = 1
    pages: int = 0
    suggestions: list = field(default_factory=list)

    @property
    def has_results(self):
        return self.status in (Status.RESULTS, Status.PARTIAL)


@dataclass
class _Scored:
    row: dict
    score: float
    # The words of the document's title, names and text that the typed words matched.
    in_title: set
    in_names: set
    in_text: set
    # How well each typed word matched.
    qualities: list


def cleaned(query):
    """What was typed, control and format characters as spaces, surrounding space removed."""
    return " ".join("".join(c if c.isprintable() else " " for c in (query or "")).split())


def search(query, language, page=1):
    """Search what readers see for `query`, for a reader of `language`: an Outcome."""
    # No query, however odd, holds a server's thread longer (SEARCH_TIME_LIMIT_MS).
    with engines.time_limit(settings.SEARCH_TIME_LIMIT_MS / 1000):
        return _search(query, language, page)


def _search(query, language, page):
    if len(query or "") > 4 * MAX_LENGTH:  # not worth reading through
        return _said(cleaned(query[: MAX_LENGTH + 1]), language, Status.TOO_LONG)
    typed = cleaned(query)
    if not typed:
        return _said(typed, language, Status.EMPTY)
    if len(typed) > MAX_LENGTH:
        return _said(typed, language, Status.TOO_LONG)
    found_words = list(dict.fromkeys(words(typed)))
    if not found_words:
        return _said(typed, language, Status.GARBAGE)
    # Words of one letter (з, a, i) count when they match, and are never required.
    required = [word for word in found_words if len(word) >= 2][:MAX_WORDS]
    if not required:
        return _said(typed, language, Status.TOO_SHORT)

    status = Status.RESULTS
    found = engines.find([_strict(w) for w in required], language)
    scored = _scored(required, found, every=True)
    # A long word found only as another form, or not at all, may be a typo for a word of
    # another start: look for those too.
    weak = {
        word
        for n, word in enumerate(required)
        if typo_probes(word) and not any(item.qualities[n] >= PREFIX for item in scored)
    }
    if weak:
        more = engines.find([_loose(w) if w in weak else _strict(w) for w in required], language)
        known = {candidate.row["id"] for candidate in found}
        found += [candidate for candidate in more if candidate.row["id"] not in known]
        scored = _scored(required, found, every=True)
    if not scored and len(required) > 1:
        loose = [_loose(w) for w in required]
        scored = _scored(required, engines.find(loose, language, every=False), every=False)
        status = Status.PARTIAL
    if not scored:
        outcome = _said(typed, language, Status.NO_RESULTS)
        outcome.suggestions = _suggestions(required, language)
        return outcome
    ranked = _ranked(scored, language)
    return _page(typed, language, status, ranked, page)


def _strict(word):
    return engines.Word(word, [probe(word)], stemmed=len(word) >= 3)


def _loose(word):
    return engines.Word(word, [probe(word), *typo_probes(word)], stemmed=len(word) >= 3)


def _said(typed, language, status):
    messages = {
        Status.EMPTY: _(
            "Type what you are looking for: a role, a section of an article, a metric or a place."
        ),
        Status.TOO_LONG: _("That is too long to search for: use at most %(limit)s characters.")
        % {"limit": MAX_LENGTH},
        Status.GARBAGE: _(
            "There is nothing to search for in that: type words or numbers, in any of the "
            "site's languages."
        ),
        Status.TOO_SHORT: _("Type at least two letters or digits."),
        Status.NO_RESULTS: _("Nothing matches “%(query)s”.") % {"query": typed},
    }
    return Outcome(query=typed, language=language, status=status, message=messages[status])


# Scoring -------------------------------------------------------------------------------------


def _scored(required, found, *, every):
    scored = []
    for candidate in found:
        score = _score(required, candidate, every)
        if score is not None:
            scored.append(score)
    return scored


def _score(required, candidate, every):
    row = candidate.row
    names = row["names"].split("|")  # the title first, then the abbreviation, other titles
    name_words = [name.split() for name in names]
    in_names, in_text = [set() for _ in names], set()
    total, matched_words, qualities, in_a_name = 0.0, 0, [], False
    # For each name, and each typed word, the positions of the name's words it matched.
    positions = [[] for _ in names]
    for word in required:
        names_quality = 0.0
        for n, name in enumerate(names):
            name_quality, hits = quality(word, name)
            names_quality = max(names_quality, name_quality)
            in_names[n] |= hits
            positions[n].append({i for i, w in enumerate(name_words[n]) if w in hits})
        text_quality, text_hits = quality(word, row["text"])
        if word in candidate.stems:
            text_quality = max(text_quality, STEM)
        in_text |= text_hits
        best = max(3 * names_quality, text_quality)
        in_a_name = in_a_name or names_quality > 0
        qualities.append(max(names_quality, text_quality))
        if best:
            matched_words += 1
            total += best
    needed = len(required) if every else max(1, math.ceil(len(required) / 2))
    if matched_words < needed:
        return None
    # The name the typed words cover best: all of its words, in the order typed, or exactly.
    typed = " ".join(required)
    name_bonus = 0.0
    for n, found in enumerate(name_words):
        if not found:
            continue
        bonus = 2 * sum(w in in_names[n] for w in found) / len(found)
        if len(required) > 1 and _in_order(positions[n]):
            bonus += 0.5
        if typed == " ".join(found):
            bonus += 3
        name_bonus = max(name_bonus, bonus if n == 0 else 0.9 * bonus)
    score = total / len(required) + name_bonus
    if all(positions[0]):
        score += TITLE_HOLDS_EVERY_WORD
    if in_a_name:  # what is named so comes before a section that matches as well
        score += KIND_BONUS.get(row["kind"], 0)
    all_names = set().union(*in_names)
    return _Scored(row, score, in_names[0], all_names, in_text, qualities)


def _in_order(positions):
    """Whether the typed words matched consecutive words of the title, in the order typed."""
    if any(not p for p in positions):
        return False
    return any(all(start + n in p for n, p in enumerate(positions)) for start in positions[0])


def _ranked(scored, language):
    """One result per thing found: in the reader's language where it matched there, else
    the best match in another. The reader's language first, then by score."""
    best = {}
    for item in scored:
        row = item.row
        thing = (row["kind"], row["source"], row["object_id"], row["anchor"])
        current = best.get(thing)
        mine = row["language"] == language
        if current is None:
            best[thing] = item
            continue
        current_mine = current.row["language"] == language
        if (mine, item.score) > (current_mine, current.score):
            best[thing] = item

    def order(item):
        row = item.row
        other = row["language"] != language
        return (other, -item.score, KIND_ORDER[row["kind"]], row["position"], row["id"])

    return sorted(best.values(), key=order)


# Pages of results ----------------------------------------------------------------------------


def page_number(value):
    """The page asked for, as a number; 1 for anything that is not one."""
    try:
        number = int(str(value)[:6])
    except (TypeError, ValueError):
        return 1
    return max(1, number)


def _page(typed, language, status, ranked, page):
    total = len(ranked)
    pages = math.ceil(total / PER_PAGE)
    page = min(page_number(page), pages)
    shown = ranked[(page - 1) * PER_PAGE : page * PER_PAGE]
    ids = [item.row["id"] for item in shown]
    texts = dict(Document.objects.filter(id__in=ids).values_list("id", "body"))
    if status == Status.PARTIAL:
        message = _("Nothing matches all of “%(query)s”; these match some of its words.") % {
            "query": typed
        }
    else:
        message = ngettext(
            "%(count)s result for “%(query)s”", "%(count)s results for “%(query)s”", total
        ) % {"count": total, "query": typed}
    return Outcome(
        query=typed,
        language=language,
        status=status,
        message=message,
        results=[_result(item, language, texts) for item in shown],
        total=total,
        page=page,
        pages=pages,
    )


def path_of(row):
    """The address of a document's page, in the document's language."""
    with translation.override(row["language"]):
        kind = row["kind"]
        if kind in (Document.Kind.ROLE, Document.Kind.SECTION):
            path = reverse("articles:role-detail", kwargs={"slug": row["key"]})
            return f"{path}#{row['anchor']}" if row["anchor"] else path
        if kind == Document.Kind.METRIC:
            return reverse("metrics:metric-detail", kwargs={"code": row["key"]})
        return reverse("salaries:salary-list")


def _result(item, language, texts):
    row = item.row
    also = ""
    if row["also"] and item.in_names - item.in_title:
        also = highlight(row["also"], item.in_names)
    return Result(
        kind=row["kind"],
        kind_label=str(Document.Kind(row["kind"]).label),
        title=row["title"],
        title_html=highlight(row["title"], item.in_title),
        title_language=row["title_language"],
        language=row["language"],
        other_language=row["language"] != language,
        in_language=str(languages.get(row["language"]).in_language),
        path=path_of(row),
        anchor=row["anchor"],
        context=row["context"],
        also_html=also,
        snippet_html=snippet(texts.get(row["id"], ""), item.in_text),
    )


def _suggestions(required, language):
    """The titles closest to what was typed, in the reader's language."""
    typed = " ".join(required)
    found = engines.nearest_titles(normalised(typed).strip(), language, limit=SUGGESTIONS * 3)
    scored = []
    for row in found:
        title = row["names"].split("|")[0]
        closeness = max(similarity(typed, name) for name in row["names"].split("|"))
        if closeness > 0 and title.strip():
            scored.append((-closeness, KIND_ORDER[row["kind"]], row["position"], row["id"], row))
    scored.sort(key=lambda s: s[:4])
    seen, suggestions = set(), []
    for *_order, row in scored:
        if (row["kind"], row["object_id"]) in seen:
            continue
        seen.add((row["kind"], row["object_id"]))
        suggestions.append(
            Suggestion(
                kind=row["kind"],
                kind_label=str(Document.Kind(row["kind"]).label),
                title=row["title"],
                language=row["title_language"],
                path=path_of(row),
            )
        )
    return suggestions[:SUGGESTIONS]


# Highlighting --------------------------------------------------------------------------------


def highlight(text, matched):
    """`text`, escaped, with the words in `matched` (as compared) marked. Matched words with
    only spaces between them share one mark: between two marks, the space was dropped by
    base.html's spaceless, and "customer support" copied as "customersupport"."""
    spans = []
    for start, end, word in tokens(text):
        if word not in matched:
            continue
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1][1] = end
        else:
            spans.append([start, end])
    pieces, last = [], 0
    for start, end in spans:
        pieces += [escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece is escaped


@lru_cache(maxsize=1024)
def _finder(matched):
    alternatives = "|".join(sorted(map(re.escape, matched), key=len, reverse=True))
    return re.compile(f"(?<!\\w)(?:{alternatives})", re.IGNORECASE)


def _first(flat, matched):
    """Where the first word of `matched` is in `flat`: found by a regular expression where
    the text has it as compared (in most texts), else word by word."""
    if not matched:
        return None
    found = _finder(frozenset(matched)).search(flat)
    if found:
        return found.start()
    return next((start for start, _end, word in tokens(flat) if word in matched), None)


def snippet(text, matched, before=10, after=22):
    """Some thirty words of `text` around the first matched word, marked and escaped."""
    lines = (line.strip().removeprefix("- ") for line in (text or "").split("\n"))
    flat = " ".join(line for line in lines if line)
    first = _first(flat, matched) or 0
    # Read some 16 characters a word on each side, not the whole text.
    low = max(0, first - 16 * before)
    around = [(s + low, e + low, w) for s, e, w in tokens(flat[low : first + 16 * after])]
    at = next((n for n, (s, _e, _w) in enumerate(around) if s >= first), 0)
    window = around[max(0, at - before) : at + after]
    if not window:
        return mark_safe("")
    start = 0 if at - before <= 0 and low == 0 else window[0][0]
    more = at + after < len(around) or window[-1][1] < len(flat.rstrip())
    end = window[-1][1] if more else len(flat)
    marked = highlight(flat[start:end], matched)
    return mark_safe(("… " if start else "") + marked + (" …" if more else ""))
