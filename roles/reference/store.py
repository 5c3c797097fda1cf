"""The reference content as the database holds it, and writing a document into it.

`stored_content` gives a document's rows in the same shape `read.py` gives them from the
files, so the two can be compared; `write_*` change only the rows that differ, matching list
items by position, so that rows keep their ids when their text changes.
"""

import hashlib
import json
import re

from django.conf import settings

from metrics.models import Metric
from roles.models import Role, RoleFamily
from salaries.models import Location, SalaryBand

LANGUAGES = [code for code, _name in settings.LANGUAGES]

_SHARED = {
    "families": (RoleFamily, "slug"),
    "locations": (Location, "slug"),
    "metrics": (Metric, "code"),
}


def _translated(*fields):
    return [f"{field}_{code}" for field in fields for code in LANGUAGES]


# For each list on a role: its related name, its columns, and the columns that name another
# row (column -> the lookup that reads it from the database).
_ROLE_LISTS = {
    "aliases": ("aliases", ["order", *_translated("name")], {}),
    "sections": ("sections", ["order", "key", *_translated("heading", "body")], {}),
    "responsibility_groups": ("responsibility_groups", ["order", *_translated("title")], {}),
    "responsibilities": (
        "responsibilities",
        ["order", "group", *_translated("title", "description")],
        {"group": "group__order"},
    ),
    "skills": ("skills", ["order", *_translated("name", "description")], {}),
    "tools": ("tools", ["order", "examples", *_translated("name", "description")], {}),
    "best_practices": ("best_practices", ["order", *_translated("title", "description")], {}),
    "takeaways": ("takeaways", ["order", *_translated("question", "answer")], {}),
    "career_steps": (
        "career_steps",
        ["order", "kind", "target_role", *_translated("title", "description")],
        {"target_role": "target_role__slug"},
    ),
    "role_metrics": (
        "role_metrics", ["order", "metric", *_translated("note")], {"metric": "metric__code"}
    ),
    "salary_bands": (
        "salary_bands",
        ["location", "track", "minimum", "maximum", "currency", "period", "source_url", "as_of",
         *_translated("source")],
        {"location": "location__slug"},
    ),
}  # fmt: skip


def digest(content):
    canonical = json.dumps(content, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


_TRANSLATED_COLUMN = re.compile(rf"_({'|'.join(LANGUAGES)})$")


def _clean(row):
    """Untranslated texts are NULL in the database and '' in the files: both mean empty."""
    return {
        key: "" if value is None and _TRANSLATED_COLUMN.search(key) else value
        for key, value in row.items()
    }


def _values(queryset, columns, lookups):
    names = [lookups.get(column, column) for column in columns]
    renamed = {lookup: column for column, lookup in lookups.items()}
    return [
        _clean({renamed.get(name, name): value for name, value in row.items()})
        for row in queryset.values(*names)
    ]


def stored_content(document):
    """The document's rows as stored now; None where the database has no such row."""
    if document.kind in _SHARED:
        model, key = _SHARED[document.kind]
        rows = document.content[document.kind]
        columns = list(rows[0]) if rows else [key]
        stored = {r[key]: r for r in _values(model.objects.all(), columns, {})}
        return {document.kind: [stored.get(row[key]) for row in rows]}

    role = Role.objects.filter(slug=document.content["role"]["slug"]).first()
    if role is None:
        return None
    content = {
        "role": _values(
            Role.objects.filter(pk=role.pk),
            list(document.content["role"]),
            {"family": "family__slug"},
        )[0]
    }
    for name, (related, columns, lookups) in _ROLE_LISTS.items():
        content[name] = _values(getattr(role, related).all(), columns, lookups)
    content["salary_bands"].sort(key=band_key)
    return content


def band_key(band):
    return (band["location"], band["track"], band["period"])


def is_absent(stored):
    if stored is None:
        return True
    return all(row is None for rows in stored.values() for row in rows)


# Writing ------------------------------------------------------------------------------------


def _update(obj, fields):
    """Set the fields that differ and save, advancing the version as an admin save does, so
    that a form opened before the import cannot overwrite it unseen."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, fields[name])
        obj.version += 1
        obj.save(update_fields=[*changed, "version"])


def _write(model, lookup, fields):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**{**fields, **lookup})
    else:
        _update(obj, fields)


def write_shared(document):
    model, key = _SHARED[document.kind]
    for row in document.content[document.kind]:
        _write(model, {key: row[key]}, row)


def write_role(document):
    """The role's own row; its lists follow in write_role_lists, once every role exists."""
    fields = dict(document.content["role"])
    fields["family"] = RoleFamily.objects.get(slug=fields["family"])
    _write(Role, {"slug": fields["slug"]}, fields)


def write_role_lists(document):
    content = document.content
    role = Role.objects.get(slug=content["role"]["slug"])
    resolve = {
        "group": lambda order: role.responsibility_groups.get(order=order) if order else None,
        "target_role": lambda slug: Role.objects.get(slug=slug) if slug else None,
        "metric": lambda code: Metric.objects.get(code=code),
        "location": lambda slug: Location.objects.get(slug=slug),
    }
    for name, (related, _columns, _lookups) in _ROLE_LISTS.items():
        manager = getattr(role, related)
        if name == "salary_bands":
            _write_bands(role, content[name], resolve)
            continue
        existing = list(manager.all())
        for index, row in enumerate(content[name]):
            fields = {k: resolve[k](v) if k in resolve else v for k, v in row.items()}
            if index < len(existing):
                _update(existing[index], fields)
            else:
                manager.model.objects.create(role=role, **fields)
        for obj in existing[len(content[name]) :]:
            obj.delete()


def _write_bands(role, rows, resolve):
    """Bands are matched by location, track and period: a band is a fact about those three."""
    wanted = {band_key(row): row for row in rows}
    for band in role.salary_bands.select_related("location"):
        key = (band.location.slug, band.track, band.period)
        if key not in wanted:
            band.delete()
    for row in rows:
        fields = {k: resolve[k](v) if k in resolve else v for k, v in row.items()}
        lookup = {name: fields.pop(name) for name in ("location", "track", "period")}
        _write(SalaryBand, {"role": role, **lookup}, fields)
