"""Loading the reference files into the database, all of them or none."""

import itertools
from dataclasses import dataclass, field

from django.db import transaction

from articles.reference import store
from roles.models import LoadedReference


class EditedSinceLoaded(Exception):
    """Reference content was changed in the admin after it was loaded."""

    def __init__(self, names):
        self.names = names
        super().__init__(", ".join(names))


@dataclass
class LoadReport:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)


# Fields at their defaults that are tried away, at most (2**8 digests): with more, the load
# asks for --overwrite-edits instead.
MOST_ADDED_FIELDS = 8


def _as_loaded(document, stored, loaded):
    """Whether `stored` is what was last loaded (`loaded`, its digest). A field added to the
    models since then (its migration fills every row with its default) was not in what was
    loaded: the digest is tried again without such fields, so that a migration alone is not
    taken for an edit in the admin."""
    if store.digest(stored) == loaded:
        return True
    candidates = store.fields_at_default(document, stored)
    if len(candidates) > MOST_ADDED_FIELDS:
        return False
    for count in range(1, len(candidates) + 1):
        for fields in itertools.combinations(candidates, count):
            if store.digest(store.without(stored, fields)) == loaded:
                return True
    return False


def reference_load(*, documents, overwrite_edits=False):
    """Store the documents read from the reference files, all of them or none.

    A document whose stored rows no longer match what was last loaded has been edited in the
    admin: unless `overwrite_edits` is set, nothing is written and EditedSinceLoaded names it.
    """
    report = LoadReport()
    changed = []
    edited = []
    records = {r.document: r.digest for r in LoadedReference.objects.all()}
    for document in documents:
        stored = store.stored_content(document)
        if stored == document.content:
            report.unchanged.append(document.name)
            continue
        loaded = records.get(document.name)
        if loaded is None:
            untouched = store.is_absent(stored)
        else:
            untouched = _as_loaded(document, stored, loaded)
        if not untouched:
            edited.append(document.name)
        (report.created if store.is_absent(stored) else report.updated).append(document.name)
        changed.append(document)
    if edited and not overwrite_edits:
        raise EditedSinceLoaded(edited)

    with transaction.atomic():
        for document in changed:
            if document.kind != "role":
                store.write_shared(document)
        for document in changed:
            if document.kind == "role":
                store.write_role(document)
        for document in changed:
            if document.kind == "role":
                store.write_role_lists(document)
        for document in changed:
            LoadedReference.objects.update_or_create(
                document=document.name, defaults={"digest": store.digest(document.content)}
            )
    return report
