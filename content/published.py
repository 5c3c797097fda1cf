"""What readers see: published content, read back as model instances.

Each published object keeps the rows it was published with in content.Published (every
language's text as published in that language). Reading them builds model instances like
the ORM's own, so templates and API schemas read them as any other instance; the objects
they refer to are attached as select_related and prefetch_related would attach them, so
nothing a reader sees comes from the drafts.

While a page is rendered for storing, every read is noted (`reads`), so that a later
publication knows which stored pages it changes.
"""

import contextlib
import contextvars
import functools

from django.apps import apps
from django.db import models
from django.db.models import Q

from content.models import Published
from content.outdated import translated_fields

_reads = contextvars.ContextVar("published_reads", default=None)


def label(model):
    return model._meta.label_lower


# Rows --------------------------------------------------------------------------------------


@functools.cache
def stored_fields(model):
    """The columns a row keeps: every concrete field but the untranslated copy that
    modeltranslation keeps of each translated one (title beside title_en, title_hi, …)."""
    copies = set(translated_fields(model))
    return [field for field in model._meta.concrete_fields if field.name not in copies]


@functools.cache
def _reading(model):
    """How a row becomes an instance: the attribute names, and which values JSON keeps as
    text that the field holds otherwise (dates)."""
    fields = stored_fields(model)
    converted = {
        field.attname: field.to_python
        for field in fields
        if isinstance(field, models.DateField | models.DecimalField | models.UUIDField)
    }
    return [field.attname for field in fields], converted


def to_row(obj):
    """An object's columns as published, by attribute name."""
    return {field.attname: field.value_from_object(obj) for field in stored_fields(type(obj))}


def from_row(model, row):
    """The instance a published row describes, as if the ORM had read it."""
    names, converted = _reading(model)
    values = [row.get(name) for name in names]
    for index, name in enumerate(names):
        if name in converted and values[index] is not None:
            values[index] = converted[name](values[index])
    return model.from_db("default", names, values)


def attach(obj, name, objects):
    """Give `obj` its related list `name` (obj.<name>.all()) without a query, as
    prefetch_related does."""
    manager = getattr(obj, name)
    queryset = manager.model._default_manager.none()
    queryset._result_cache = list(objects)
    queryset._prefetch_done = True
    # The name prefetch_related keeps a reverse foreign key's objects under.
    cache_name = manager.field.remote_field.cache_name
    obj.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset


def instance(published):
    """The object a Published row is, from its own row."""
    return from_row(apps.get_model(published.kind), published.head)


def part_rows(published):
    """{model: [instances]} of the lists published with the object."""
    return {
        apps.get_model(kind): [from_row(apps.get_model(kind), row) for row in rows]
        for kind, rows in published.parts.items()
    }


# Dependencies of stored pages ---------------------------------------------------------------


@contextlib.contextmanager
def noting_reads():
    """Collect what is read inside the block: ("obj", kind, id) for an object read,
    ("kind", kind) for a list of everything of a kind, ("links", kind, id) for the
    objects that refer to one."""
    token = _reads.set(set())
    try:
        yield _reads.get()
    finally:
        _reads.reset(token)


def _note(*dependency):
    noted = _reads.get()
    if noted is not None:
        noted.add(dependency)


# Queries -----------------------------------------------------------------------------------


def find(model, key):
    """The published object of `model` at `key` (its slug or code), or None."""
    kind = label(model)
    published = Published.objects.filter(kind=kind, key=key).first()
    _note("obj", kind, published.object_id if published else key)
    return published


def find_by_id(model, object_id):
    kind = label(model)
    _note("obj", kind, object_id)
    return Published.objects.filter(kind=kind, object_id=object_id).first()


def every(model, *, with_parts=False):
    """Every published object of `model`."""
    kind = label(model)
    _note("kind", kind)
    rows = Published.objects.filter(kind=kind)
    return list(rows if with_parts else rows.defer("parts"))


def related(references, linking_to=()):
    """In one query: the published objects named by `references` (pairs of model and ids),
    and those of the models in `linking_to` (pairs of model and an object) that refer to
    that object. {(kind, object_id): Published}."""
    condition = Q(pk__in=[])
    for model, ids in references:
        ids = {i for i in ids if i is not None}
        for object_id in ids:
            _note("obj", label(model), object_id)
        if ids:
            condition |= Q(kind=label(model), object_id__in=ids)
    for model, target in linking_to:
        _note("links", label(target), target.pk)
        condition |= Q(kind=label(model), links__kind=label(target), links__target_id=target.pk)
    found = Published.objects.filter(condition).distinct().defer("parts")
    return {(p.kind, p.object_id): p for p in found}


def linking(model, target, *, with_parts=False):
    """The published objects of `model` that refer to `target`."""
    _note("links", label(target), target.pk)
    rows = Published.objects.filter(
        kind=label(model), links__kind=label(target), links__target_id=target.pk
    ).distinct()
    return list(rows if with_parts else rows.defer("parts"))


def sort(objects):
    """In the editorial order the models' Meta gives (order, then pk)."""
    return sorted(objects, key=lambda obj: (getattr(obj, "order", 0), obj.pk))
