"""The reference content as the database holds it, and writing a document into it.

`stored_content` gives a document's rows in the same shape `read.py` gives them from the
files, so the two can be compared; `write_*` change only the rows that differ, matching list
items by position (or, for unordered lists, by what identifies an item), so that rows keep
their ids when their text changes. Writes go through content_save, as admin saves do.
"""

import hashlib
import json

from django.db import models

from articles.parts import PART_MODELS, PARTS, SHARED, natural_key
from articles.reference.read import fact_fields
from content.languages import CODES, translated_columns
from content.outdated import translated_fields
from content.services import content_save
from roles.models import Role, RoleFamily

_SHARED = {shared.name: shared for shared in SHARED}


def digest(content):
    canonical = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def columns(model, *, ordered=False):
    """A row's columns: order (for a list in editorial order), facts, texts per language."""
    facts = [f.name for f in fact_fields(model) if not (ordered and f.name == "order")]
    texts = [c for field in translated_fields(model) for c in translated_columns(field)]
    return [*(["order"] if ordered else []), *facts, *texts]


def lookups(model):
    """How each column that names another row is read: by the key it has in the files."""
    named = {}
    for field in fact_fields(model):
        if isinstance(field, models.ForeignKey):
            target = field.related_model
            # Another list of the same article is named by its place in that list.
            key = "order" if target in PART_MODELS else natural_key(target)
            named[field.name] = f"{field.name}__{key}"
    return named


def identity(part):
    """What identifies an item of an unordered list: the fields its uniqueness rests on."""
    unique = next(c for c in part.model._meta.constraints if isinstance(c, models.UniqueConstraint))
    return [name for name in unique.fields if name != "role"]


def sort_key(part):
    fields = identity(part)
    return lambda row: tuple(row[name] for name in fields)


def _clean(row):
    """Untranslated texts are NULL in the database and '' in the files: both mean empty."""
    suffixes = tuple(f"_{code}" for code in CODES)
    return {
        key: "" if value is None and key.endswith(suffixes) else value for key, value in row.items()
    }


def _values(queryset, names, named):
    renamed = {lookup: column for column, lookup in named.items()}
    return [
        _clean({renamed.get(name, name): value for name, value in row.items()})
        for row in queryset.values(*(named.get(column, column) for column in names))
    ]


def stored_content(document):
    """The document's rows as stored now; None where the database has no such row."""
    if document.kind in _SHARED:
        shared = _SHARED[document.kind]
        rows = document.content[document.kind]
        names = list(rows[0]) if rows else [shared.key]
        stored = {r[shared.key]: r for r in _values(shared.model.objects.all(), names, {})}
        return {document.kind: [stored.get(row[shared.key]) for row in rows]}

    role = Role.objects.filter(slug=document.content["role"]["slug"]).first()
    if role is None:
        return None
    content = {
        "role": _values(Role.objects.filter(pk=role.pk), list(document.content["role"]), {
            "family": "family__slug"
        })[0]
    }  # fmt: skip
    for part in PARTS:
        names = columns(part.model, ordered=part.ordered)
        rows = _values(getattr(role, part.name).all(), names, lookups(part.model))
        content[part.name] = rows if part.ordered else sorted(rows, key=sort_key(part))
    return content


def _model_of(document, section):
    if document.kind in _SHARED:
        return _SHARED[document.kind].model
    if section == "role":
        return Role
    return next(part.model for part in PARTS if part.name == section)


def fields_at_default(document, stored):
    """The fields of each list of `stored` whose every row holds the field's default (text
    empty, a fact its default), as (list, columns): what a field added to the models since
    the document was loaded looks like, for a load that must not take it for an edit."""
    found = []
    for section, rows in stored.items():
        rows = [rows] if isinstance(rows, dict) else [row for row in rows if row]
        if not rows:
            continue
        model = _model_of(document, section)
        fields = [([f.name], f.get_default()) for f in fact_fields(model)]
        fields += [(translated_columns(name), "") for name in translated_fields(model)]
        for cols, default in fields:
            if not all(c in rows[0] for c in cols):
                continue
            if all(row[c] in (default, "", None) for row in rows for c in cols):
                found.append((section, tuple(cols)))
    return found


def without(stored, fields):
    """`stored` without the columns of `fields` ((list, columns) pairs)."""
    dropped = {}
    for section, cols in fields:
        dropped.setdefault(section, set()).update(cols)

    def trimmed(row, cols):
        return None if row is None else {k: v for k, v in row.items() if k not in cols}

    result = {}
    for section, rows in stored.items():
        cols = dropped.get(section, set())
        if isinstance(rows, dict):
            result[section] = trimmed(rows, cols)
        else:
            result[section] = [trimmed(row, cols) for row in rows]
    return result


def is_absent(stored):
    if stored is None:
        return True
    return all(row is None for rows in stored.values() for row in rows)


# Writing ------------------------------------------------------------------------------------


def _update(obj, fields):
    """Set the fields that differ and save as an admin save would, so that a form opened
    before the import cannot overwrite it unseen and changed English marks translations."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        content_save(obj=obj)


def _write(model, lookup, fields):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        content_save(obj=model(**{**fields, **lookup}))
    else:
        _update(obj, fields)


def write_shared(document):
    shared = _SHARED[document.kind]
    for row in document.content[document.kind]:
        _write(shared.model, {shared.key: row[shared.key]}, row)


def write_role(document):
    """The role's own row; its lists follow in write_role_lists, once every role exists."""
    fields = dict(document.content["role"])
    fields["family"] = RoleFamily.objects.get(slug=fields["family"])
    _write(Role, {"slug": fields["slug"]}, fields)


def _resolved(role, model, row):
    """The row with the keys it names replaced by the objects they name."""
    fields = dict(row)
    for field in fact_fields(model):
        value = fields.get(field.name)
        if not isinstance(field, models.ForeignKey) or value is None:
            continue
        target = field.related_model
        if target in PART_MODELS:
            fields[field.name] = target.objects.get(role=role, order=value)
        else:
            fields[field.name] = target.objects.get(**{natural_key(target): value})
    return fields


def write_role_lists(document):
    content = document.content
    role = Role.objects.get(slug=content["role"]["slug"])
    for part in PARTS:
        rows = [_resolved(role, part.model, row) for row in content[part.name]]
        if part.ordered:
            _write_in_order(role, part, rows)
        else:
            _write_by_identity(role, part, rows)


def _write_in_order(role, part, rows):
    existing = list(getattr(role, part.name).all())
    for index, fields in enumerate(rows):
        if index < len(existing):
            _update(existing[index], fields)
        else:
            content_save(obj=part.model(role=role, **fields))
    for obj in existing[len(rows) :]:
        obj.delete()


def _write_by_identity(role, part, rows):
    names = identity(part)
    wanted = {tuple(fields[name] for name in names): fields for fields in rows}
    for obj in getattr(role, part.name).all():
        if tuple(getattr(obj, name) for name in names) not in wanted:
            obj.delete()
    for fields in rows:
        lookup = {name: fields.pop(name) for name in names}
        _write(part.model, {"role": role, **lookup}, fields)
