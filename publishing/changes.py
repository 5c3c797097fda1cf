"""What readers would see change if a language were published now: the texts and facts, old
beside new.

Computed by the code publishing runs (snapshot.merged, then the stored form of
services.as_stored), on the same rows, so the publishing page and a publication can never
disagree. Publishing a language alone is what the page previews: English brings the
language-neutral facts with it (which items exist, their order, figures, links), another
language only its texts.
"""

from dataclasses import dataclass

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from content.languages import CODES, SOURCE
from content.models import Published
from content.outdated import translated_fields
from content.published import label
from publishing.snapshot import MODELS, Snapshot, draft_objects, merged

# Columns that say nothing a reader sees, or that every other column already shows.
_UNSHOWN = {"id", "version", "role_id"}


@dataclass(frozen=True)
class Change:
    where: str
    old: str
    new: str


def pending_changes(obj, *, stored):
    """{language: [Change]} of `obj` for every language, and the Published row (None when
    never published). `stored` is publishing's own function giving a snapshot as the
    database keeps it."""
    model = type(obj)
    published = Published.objects.filter(kind=label(model), object_id=obj.pk).first()
    current = Snapshot.of(published)
    head, parts = draft_objects(obj)
    found = {}
    for code in CODES:
        if current is None:
            found[code] = [Change(_("never published"), "", str(obj))] if code == SOURCE else []
            continue
        snapshot, _texts = merged(model, head, parts, current, [code])
        after_head, after_parts = stored(snapshot)
        found[code] = list(
            _differences(model, current.head, current.parts, after_head, after_parts, code)
        )
    return published, found


def _differences(model, head, parts, after_head, after_parts, language):
    yield from _row_changes(model, _name_of(model, after_head), head, after_head, language)
    for kind in dict.fromkeys([*parts, *after_parts]):
        item_model = MODELS[kind]
        before = {row["id"]: row for row in parts.get(kind, [])}
        after = {row["id"]: row for row in after_parts.get(kind, [])}
        noun = item_model._meta.verbose_name
        for item_id in dict.fromkeys([*before, *after]):
            old, new = before.get(item_id), after.get(item_id)
            name = f"{noun} “{_name_of(item_model, new or old)}”"
            if old is None:
                yield Change(name, "", _("added"))
            elif new is None:
                yield Change(name, _("removed"), "")
            else:
                yield from _row_changes(item_model, name, old, new, language)
        if [i for i in before if i in after] != [i for i in after if i in before]:
            yield Change(item_model._meta.verbose_name_plural, _("order"), _("new order"))


def _row_changes(model, where, old, new, language):
    translated = set(translated_fields(model))
    for key in sorted(set(old) | set(new)):
        if key in _UNSHOWN or old.get(key) == new.get(key):
            continue
        name, _sep, code = key.rpartition("_")
        if key == "outdated":
            yield Change(f"{where} › {_('outdated marks')}", _marks(old), _marks(new))
        elif name in translated and code in CODES:
            field = model._meta.get_field(name).verbose_name
            yield Change(f"{where} › {field}", _text(old.get(key)), _text(new.get(key)))
        elif language == SOURCE:
            field = _field_name(model, key)
            yield Change(f"{where} › {field}", _text(old.get(key)), _text(new.get(key)))


def _field_name(model, attname):
    for field in model._meta.concrete_fields:
        if field.attname == attname:
            return field.verbose_name
    return attname


def _name_of(model, row):
    for name in translated_fields(model):
        text = (row or {}).get(f"{name}_{SOURCE}")
        if text:
            return Truncator(text).chars(60)
    return str((row or {}).get("slug") or (row or {}).get("code") or (row or {}).get("id"))


def _marks(row):
    marks = row.get("outdated") or {}
    return "; ".join(f"{code}: {', '.join(fields)}" for code, fields in sorted(marks.items()))


def _text(value):
    return "" if value is None else str(value)
