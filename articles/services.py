"""Loading the reference files into the database, all of them or none."""

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
        untouched = store.is_absent(stored) if loaded is None else store.digest(stored) == loaded
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
