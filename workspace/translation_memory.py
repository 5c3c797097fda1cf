"""Translation memory: earlier translations in a language of the same or similar English,
from all content, each with how close its English is (fuzzy match, 75% and up)."""

import re
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.utils.translation import gettext as _

from workspace.models import MemoryEntry
from workspace.segments import OUTDATED

THRESHOLD = 0.75
# The share of words two texts have in common below which they are never 75% alike in
# practice (a cheap test before the character-level comparison).
WORDS_SHARED = 0.5
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Entry:
    source: str
    target: str
    # The segment it was found in: where it appears is worked out only for what is shown.
    # None for a pair brought in from another project's memory (TMX), named by `origin`.
    segment: object
    origin: str = ""

    @property
    def where(self):
        return self.segment.where if self.segment is not None else self.origin

    @property
    def segment_id(self):
        return self.segment.id if self.segment is not None else ""


@dataclass(frozen=True)
class Suggestion:
    entry: Entry
    score: int  # percent

    @property
    def target(self):
        return self.entry.target

    @property
    def source(self):
        return self.entry.source

    @property
    def where(self):
        return self.entry.where


def _tokens(text):
    return _WORDS.findall(text.casefold())


class Memory:
    def __init__(self, entries):
        self.entries = entries
        self.index = defaultdict(set)
        self.folded = [e.source.casefold() for e in entries]
        self.sizes = []
        for n, entry in enumerate(entries):
            tokens = set(_tokens(entry.source))
            self.sizes.append(len(tokens))
            for token in tokens:
                self.index[token].add(n)

    @classmethod
    def of(cls, corpus):
        """Every pair of English and translation the corpus holds in its language: the
        drafts that are up to date, what was published, and what an outdated translation
        was made from."""
        pairs = {}
        for segment in corpus.by_id.values():
            found = []
            if segment.target and segment.state != OUTDATED:
                found.append((segment.source, segment.target))
            if segment.target and segment.state == OUTDATED and segment.old_source:
                found.append((segment.old_source, segment.target))
            if segment.published_target and segment.state != OUTDATED:
                found.append((segment.source, segment.published_target))
            for source, target in found:
                pairs.setdefault((source, target), Entry(source, target, segment))
        for source, target, origin in MemoryEntry.objects.filter(
            language=corpus.language
        ).values_list("source", "target", "origin"):
            label = _("translation memory %(file)s") % {"file": origin} if origin else ""
            pairs.setdefault((source, target), Entry(source, target, None, label))
        return cls(list(pairs.values()))

    def suggestions(self, segment, limit=3):
        """The closest earlier translations of the segment's English, best first, never the
        segment's own text."""
        source = segment.source.casefold()
        tokens = set(_tokens(source))
        counts = defaultdict(int)
        for token in tokens:
            for n in self.index.get(token, ()):
                counts[n] += 1
        found = []
        for n, shared in counts.items():
            # Texts 75% alike share most of their words: the rest are not compared at all.
            if 2 * shared / (len(tokens) + self.sizes[n]) < WORDS_SHARED:
                continue
            entry = self.entries[n]
            if entry.segment is segment or entry.target == segment.target:
                continue
            other = self.folded[n]
            shorter, longer = sorted((len(source), len(other)))
            if not longer or 2 * shorter / (shorter + longer) < THRESHOLD:
                continue
            matcher = SequenceMatcher(None, source, other, autojunk=False)
            if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
                continue
            ratio = 1.0 if source == other else matcher.ratio()
            if ratio >= THRESHOLD:
                found.append(Suggestion(entry, int(ratio * 100)))
        found.sort(key=lambda s: (-s.score, s.target))
        unique, seen = [], set()
        for suggestion in found:
            if suggestion.target not in seen:
                seen.add(suggestion.target)
                unique.append(suggestion)
        return unique[:limit]
