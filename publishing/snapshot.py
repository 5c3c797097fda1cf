"""What a publication holds: an object's rows, its drafts merged into what was published.

Publishing a language takes that language's draft texts. Publishing English (the source)
also takes the language-neutral facts: which items exist, their order, figures, links and
slugs. Every other language keeps its last published text of each item until it is
published itself; an item new in this publication has none yet, and readers see its
English (content.languages.text_in).
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import Prefetch

from articles.parts import PART_MODELS, PARTS
from content.languages import CODES, SOURCE, TARGETS
from content.models import OutdatedSource
from content.outdated import translated_fields
from content.published import label, to_row
from content.services import content_mark_outdated
from roles.models import Role

MODELS = {label(model): model for model in PART_MODELS}


@dataclass
class Snapshot:
    head: dict
    parts: dict = field(default_factory=dict)

    @classmethod
    def of(cls, published):
        return cls(published.head, published.parts) if published else None


def draft_objects(obj):
    """The object as drafted and, for a role, every item of its article: {kind: [objects]}."""
    if not isinstance(obj, Role):
        return type(obj)._default_manager.get(pk=obj.pk), {}
    # Only their columns are read (to_row): what the items refer to (a metric, a place) and
    # the roles that lead to it, which an article shows, are not.
    role = Role.objects.prefetch_related(
        *(Prefetch(p.name, p.model.objects.all()) for p in PARTS)
    ).get(pk=obj.pk)
    return role, {label(p.model): list(getattr(role, p.name).all()) for p in PARTS}


def english_changes(model, drafted, published):
    """The English columns whose text the draft changes."""
    if published is None:
        return set()
    columns = [f"{name}_{SOURCE}" for name in translated_fields(model)]
    return {c for c in columns if (drafted.get(c) or "") != (published.get(c) or "")}


def mark_drafts_outdated(objects, current):
    """Publishing changed English makes the translations of those texts outdated, in the
    drafts too (translators see the marks in the admin). A text that was up to date keeps
    the English it was translated or confirmed against (OutdatedSource), for the diff the
    translator is shown; one outdated already keeps the English it had then. Returns
    {language: number of texts outdated now that were not before}, for the translators'
    notice."""
    published = _rows_by_id(current, label(objects[0]) if objects else None)
    newly = {}
    for obj in objects:
        row = published.get((label(obj), obj.pk))
        changed = english_changes(type(obj), to_row(obj), row)
        if changed:
            before = {lang: set(fields) for lang, fields in (obj.outdated or {}).items()}
            content_mark_outdated(obj=obj, changed_english=changed)
            for _name, language in _keep_old_english(obj, row, before):
                newly[language] = newly.get(language, 0) + 1
    return newly


def _keep_old_english(obj, row, before):
    newly = [
        (name, language)
        for language, names in obj.outdated.items()
        for name in names
        if name not in before.get(language, ())
    ]
    if not newly:
        return newly
    kind = label(obj)
    for name, language in newly:
        OutdatedSource.objects.update_or_create(
            kind=kind,
            object_id=obj.pk,
            field=name,
            language=language,
            defaults={"english": row.get(f"{name}_{SOURCE}") or ""},
        )
    return newly


def _rows_by_id(snapshot, head_kind):
    """Every row of the snapshot by (kind, id), the object's own among them: its head was
    keyed apart before, so a changed English of a role's, metric's or location's own text
    never marked its translations outdated."""
    if snapshot is None:
        return {}
    rows = {(kind, row["id"]): row for kind, items in snapshot.parts.items() for row in items}
    rows[(head_kind, snapshot.head["id"])] = snapshot.head
    return rows


def merged(model, head, parts, current, languages):
    """The snapshot to publish from the drafted `head` object and `parts` ({kind: [objects]}),
    and {language: [what changed]} for the record."""
    changes = {}
    merge = _Merge(languages, changes)
    snapshot = Snapshot(merge.row(model, to_row(head), current.head if current else None))
    kinds = [label(part.model) for part in PARTS] if parts else []
    for kind in kinds:
        drafted = {obj.pk: to_row(obj) for obj in parts.get(kind, [])}
        published = {row["id"]: row for row in (current.parts.get(kind, []) if current else [])}
        # Which items exist, and their order, are published with English.
        ids = list(drafted) if SOURCE in languages else list(published)
        snapshot.parts[kind] = [
            merge.row(MODELS[kind], drafted.get(i), published.get(i)) for i in ids
        ]
    return snapshot, changes


class _Merge:
    def __init__(self, languages, changes):
        self.languages = languages
        self.changes = changes

    def row(self, model, drafted, published):
        if drafted is None:  # deleted from the drafts: it goes when English is published
            return dict(published)
        row = dict(drafted if SOURCE in self.languages else published)
        english = english_changes(model, drafted, published) if SOURCE in self.languages else set()
        for name in translated_fields(model):
            for code in CODES:
                column = f"{name}_{code}"
                row[column] = (drafted if code in self.languages else published or {}).get(column)
                before = (published or {}).get(column) or ""
                if code in self.languages and (row[column] or "") != before:
                    self.changes.setdefault(code, []).append(
                        f"{model._meta.verbose_name}: {model._meta.get_field(name).verbose_name}"
                    )
        row["outdated"] = self._marks(drafted, published, row, english)
        return row

    def _marks(self, drafted, published, row, english):
        """For a language published now, its draft's marks; for another, what readers saw
        plus the texts whose English changed under it."""
        marks = {}
        for code in TARGETS:
            if code in self.languages:
                fields = set((drafted.get("outdated") or {}).get(code, ()))
            else:
                fields = set(((published or {}).get("outdated") or {}).get(code, ()))
                for column in english:
                    name = column.removesuffix(f"_{SOURCE}")
                    if row.get(f"{name}_{code}"):
                        fields.add(name)
            if fields:
                marks[code] = sorted(fields)
        return marks


def links(model, snapshot):
    """(kind, id) of every other object the snapshot refers to: a role's family, its
    metrics, locations and the roles on its career path."""
    found = set()
    rows = [(model, snapshot.head, False)]
    rows += [(MODELS[kind], row, True) for kind, items in snapshot.parts.items() for row in items]
    for row_model, row, is_item in rows:
        for fk in row_model._meta.concrete_fields:
            if not isinstance(fk, models.ForeignKey) or fk.related_model in PART_MODELS:
                continue
            if is_item and fk.name == "role":
                continue  # the item's own role
            if row.get(fk.attname) is not None:
                found.add((label(fk.related_model), row[fk.attname]))
    return found
