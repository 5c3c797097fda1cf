"""The workspace's segments: every translatable text of the content, in one language.

A segment is one translated field of one object (a role's title, one responsibility's
description). Its source is the English readers see (as published; the draft's English for
what was never published), its target the draft in the language. Everything the queue, the
editor and the translation files show is read here in a fixed number of queries, whatever
the number of segments (`Corpus`).
"""

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, cached_property

from django.db.models import Prefetch
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.parts import PARTS, PUBLISHABLE, SHARED
from content import translation_checks
from content.languages import CODES, SOURCE
from content.models import OutdatedSource, Published
from content.outdated import translated_fields
from content.published import label
from publishing.models import ReviewRequest
from publishing.reviews import open_comments
from roles.models import Role, RoleFamily
from workspace.models import GlossaryTerm

MISSING, OUTDATED, CHANGES, SUBMITTED, UNPUBLISHED, DONE = (
    "missing",
    "outdated",
    "changes",
    "submitted",
    "unpublished",
    "done",
)
STATE_LABELS = {
    MISSING: _("missing"),
    OUTDATED: _("outdated"),
    # A reviewer sent the document back: its drafts, and the texts they commented on.
    CHANGES: _("changes requested"),
    SUBMITTED: _("submitted for review"),
    UNPUBLISHED: _("translated, not published"),
    DONE: _("published"),
}
# Most urgent first: a reviewer waits for texts sent back; readers see an outdated text with
# a notice, a missing one in English.
URGENCY = [CHANGES, OUTDATED, MISSING, SUBMITTED, UNPUBLISHED, DONE]
TO_TRANSLATE = (MISSING, OUTDATED)


def fingerprint(text):
    """What a form remembers of the text it was opened with, to notice a save meanwhile."""
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def segment_id(obj, name):
    return f"{label(type(obj))}:{obj.pk}:{name}"


def other_languages(model, language):
    """The translated columns of `model` in neither English nor `language`."""
    return [
        f"{name}_{code}"
        for name in translated_fields(model)
        for code in CODES
        if code not in (SOURCE, language)
    ]


@cache
def texts_of(model):
    """The translated fields of `model`, in the order the model declares them (asked for
    every object of a corpus: once a model)."""
    translated = set(translated_fields(model))
    return tuple(f.name for f in model._meta.fields if f.name in translated)


def english_label(obj, limit=60):
    """An object named by its first English text, as translators recognise it."""
    for name in texts_of(type(obj)):
        text = getattr(obj, f"{name}_{SOURCE}", "")
        if text:
            return Truncator(text).chars(limit) if limit else text
    return str(obj.pk)


def queue_kinds():
    """(label, model) of what has documents in the queue: roles, then the shared content."""
    return [(label(model), model) for model in PUBLISHABLE]


@dataclass
class Segment:
    obj: object
    name: str
    language: str
    document: "Document"
    source: str
    target: str
    published_target: str
    state: str
    # The English the translation was made or confirmed against, for an outdated one.
    old_source: str | None = None

    @cached_property
    def id(self):
        return segment_id(self.obj, self.name)

    @property
    def anchor(self):
        """Its id in the editor's page (and the address's #fragment)."""
        return "s-" + self.id.replace(".", "-").replace(":", "-")

    @property
    def field(self):
        return type(self.obj)._meta.get_field(f"{self.name}_{self.language}")

    @property
    def max_length(self):
        return self.field.max_length

    @property
    def multiline(self):
        return self.field.get_internal_type() == "TextField"

    @property
    def words(self):
        return len(self.source.split())

    @property
    def base(self):
        return fingerprint(self.target)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @cached_property
    def where(self):
        """Where the text appears: the object, the item of its article, the field."""
        meta = type(self.obj)._meta
        place = [str(self.document)]
        if self.obj is not self.document.obj:
            place.append(f"{meta.verbose_name} “{english_label(self.obj)}”")
        place.append(str(meta.get_field(self.name).verbose_name))
        return " › ".join(place)


@dataclass
class Document:
    """A role with everything its article lists, or a metric, location or family: what is
    published as one, in one language."""

    obj: object
    language: str
    published: bool = False
    submitted: bool = False
    changes_requested: bool = False
    segments: list = field(default_factory=list)
    # For a role: the family, metrics and locations it uses (their own documents), each with
    # how the role relates to it where the article says ("reports on" a metric), else "".
    linked: list = field(default_factory=list)

    def __str__(self):
        return english_label(self.obj)

    @property
    def kind(self):
        return label(type(self.obj))

    @property
    def key(self):
        return (self.kind, self.obj.pk)

    @property
    def verbose_name(self):
        return type(self.obj)._meta.verbose_name

    def count(self, state):
        return sum(1 for s in self.segments if s.state == state)

    @property
    def counts(self):
        return {state: self.count(state) for state in URGENCY}

    @property
    def counted(self):
        """(state, label, number) for the states that have segments, most urgent first."""
        return [(s, STATE_LABELS[s], n) for s, n in self.counts.items() if n]

    @property
    def words_to_translate(self):
        return sum(s.words for s in self.segments if s.state in TO_TRANSLATE)

    @property
    def has_work(self):
        return any(s.state != DONE for s in self.segments)

    @property
    def state(self):
        return next((s for s in URGENCY if self.count(s)), DONE)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def draft_state(self):
        """The state of a translated text not published as it is."""
        if self.submitted:
            return SUBMITTED
        return CHANGES if self.changes_requested else UNPUBLISHED

    def urgency(self):
        """Sort key: texts a reviewer sent back first, then outdated words, then missing
        words, then what waits for review, then what is not published."""

        def words(state):
            return sum(s.words for s in self.segments if s.state == state)

        return (
            -self.count(CHANGES),
            -words(OUTDATED),
            -words(MISSING),
            -self.count(SUBMITTED),
            -self.count(UNPUBLISHED),
            str(self),
        )


class Corpus:
    """Every document of the content in one language, with what the checks and the memory
    need: read in a fixed number of queries."""

    def __init__(self, language):
        self.language = language
        self.published = {(p.kind, p.object_id): p for p in Published.objects.all()}
        reviews = {
            (kind, pk): state
            for kind, pk, state in ReviewRequest.objects.filter(
                language=language, state__in=ReviewRequest.OPEN
            ).values_list("kind", "object_id", "state")
        }
        self.submitted = {k for k, s in reviews.items() if s == ReviewRequest.State.SUBMITTED}
        self.changes_requested = set(reviews) - self.submitted
        # {segment id: [ReviewEvent]}: what reviewers said of texts still under review.
        self.comments = open_comments(language=language)
        self.old_sources = {
            (o.kind, o.object_id, o.field): o.english
            for o in OutdatedSource.objects.filter(language=language)
        }
        self.glossary = glossary_terms(language)
        self.documents = []
        for shared in SHARED:
            for obj in shared.model.objects.defer(*other_languages(shared.model, language)):
                self.documents.append(self._document(obj, [obj]))
        for role in self._roles():
            items = [role, *(i for part in PARTS for i in getattr(role, part.name).all())]
            self.documents.append(self._document(role, items))
        self.by_key = {d.key: d for d in self.documents}
        self.by_id = {s.id: s for d in self.documents for s in d.segments}
        for document in self.documents:
            if isinstance(document.obj, Role):
                document.linked = self._linked(document.obj)
        self._consistency = None
        self._memory = None
        self._problems = {}

    def _roles(self):
        """Every role with its article's lists, read with the English and this language's
        columns only: model instances of every list are most of what a corpus costs."""
        language = self.language
        lists = [
            Prefetch(part.name, part.model.objects.defer(*other_languages(part.model, language)))
            for part in PARTS
        ]
        return Role.objects.defer(*other_languages(Role, language)).prefetch_related(*lists)

    def _document(self, obj, objects):
        kind = label(type(obj))
        published = self.published.get((kind, obj.pk))
        rows = {}
        if published is not None:
            rows[(kind, obj.pk)] = published.head
            for part_kind, part_rows in published.parts.items():
                rows.update(((part_kind, row["id"]), row) for row in part_rows)
        document = Document(
            obj,
            self.language,
            published=published is not None,
            submitted=(kind, obj.pk) in self.submitted,
            changes_requested=(kind, obj.pk) in self.changes_requested,
        )
        for item in objects:
            row = rows.get((label(type(item)), item.pk))
            for name in texts_of(type(item)):
                segment = self._segment(document, item, name, row)
                if segment is not None:
                    document.segments.append(segment)
        return document

    def _segment(self, document, obj, name, row):
        language = self.language
        source = (row or {}).get(f"{name}_{SOURCE}") if row else None
        if source is None:
            source = getattr(obj, f"{name}_{SOURCE}") or ""
        if not source:
            return None  # nothing to translate
        target = getattr(obj, f"{name}_{language}") or ""
        published_target = (row or {}).get(f"{name}_{language}") or ""
        old = None
        if not target:
            state = MISSING
        elif name in (obj.outdated or {}).get(language, ()):
            state = OUTDATED
            old = self.old_sources.get((label(type(obj)), obj.pk, name))
        elif target != published_target:
            state = document.draft_state
        elif document.changes_requested and segment_id(obj, name) in self.comments:
            state = CHANGES
        else:
            state = DONE
        return Segment(obj, name, language, document, source, target, published_target, state, old)

    def _linked(self, role):
        """(document, relation) of what the role uses: its family, its metrics (judged by or
        reports on, as translators must say it too) and its locations."""
        wanted = {(label(RoleFamily), role.family_id): ""}
        for role_metric in role.role_metrics.all():
            relation = role_metric.get_kind_display()
            wanted.setdefault(("metrics.metric", role_metric.metric_id), relation)
        for band in role.salary_bands.all():
            wanted.setdefault(("salaries.location", band.location_id), "")
        return [(self.by_key[k], relation) for k, relation in wanted.items() if k in self.by_key]

    def document(self, kind, pk):
        return self.by_key.get((kind, pk))

    def queue(self, *, kind="", state="", family=None, search=""):
        """The documents with work in this language, most urgent first; only those of a
        kind (roles.role), with texts in a state, roles of a family (its pk), or named with
        `search` in their English, when asked."""
        folded = search.casefold()
        found = [
            d
            for d in self.documents
            if d.has_work
            and (not kind or d.kind == kind)
            and (not state or d.count(state))
            and (family is None or (isinstance(d.obj, Role) and d.obj.family_id == family))
            and (not folded or folded in english_label(d.obj, limit=None).casefold())
        ]
        return sorted(found, key=Document.urgency)

    def families(self):
        """{pk: name} of the role families, for the queue's filter."""
        return {d.obj.pk: str(d) for d in self.documents if isinstance(d.obj, RoleFamily)}

    # Checks ---------------------------------------------------------------------------

    @property
    def consistency(self):
        """{English: {translation: {segment ids}}} of the texts translated and up to date."""
        if self._consistency is None:
            index = defaultdict(lambda: defaultdict(set))
            for segment in self.by_id.values():
                if segment.target and segment.state != OUTDATED:
                    index[segment.source][segment.target].add(segment.id)
            self._consistency = index
        return self._consistency

    def problems(self, segment, target=None):
        """The checks' problems of `segment` (with `target` instead of its draft)."""
        text = segment.target if target is None else target
        key = (segment.id, text)
        if key not in self._problems:
            # Other texts' translations of the same English: never this text's own draft.
            others = [
                translation
                for translation, ids in self.consistency.get(segment.source, {}).items()
                if ids - {segment.id}
            ]
            self._problems[key] = translation_checks.check(
                segment.source,
                text,
                self.language,
                max_length=segment.max_length,
                glossary=self.glossary,
                others=others,
            )
        return self._problems[key]

    def warnings(self, document):
        """(segment, problems) of the document's texts that a check finds fault with."""
        found = []
        for segment in document.segments:
            problems = self.problems(segment)
            if problems:
                found.append((segment, problems))
        return found

    # Memory -----------------------------------------------------------------------------

    @property
    def memory(self):
        if self._memory is None:
            from workspace.translation_memory import Memory

            self._memory = Memory.of(self)
        return self._memory


def glossary_terms(language):
    """The glossary as the checks see it in `language`."""
    terms = []
    for entry in GlossaryTerm.objects.prefetch_related("translations"):
        translation = next((t.text for t in entry.translations.all() if t.language == language), "")
        if translation or entry.do_not_translate:
            terms.append(
                translation_checks.Term(entry.term, translation, entry.note, entry.do_not_translate)
            )
    return terms
