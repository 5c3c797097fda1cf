"""Restoring a backup (a fixture written by backup_content) a batch of rows at a time.

loaddata saves a fixture's objects one by one, trying an UPDATE before each INSERT: two
statements a row, some 2.5 ms each, which made the restore of 1,000 generated roles take
four minutes. Here each run of rows of one model is written at once (content.bulk_insert), as
loaddata would write them (raw: ids and automatic dates as they were), in bounded memory.
"""

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection

from content.bulk_insert import insert
from content.published import copy_from_sources

BATCH = 1000


def restore(file):
    """Write the objects of the backup `file` (.jsonl or .json) into the database, which
    must hold none of them, and return how many of each model were written ({label: n}).
    Call it inside a transaction: a row that clashes with one already there raises
    IntegrityError."""
    counts = {}
    with open(file, encoding="utf-8") as stream:
        objects = serializers.deserialize(
            "jsonl" if str(file).endswith(".jsonl") else "json", stream
        )
        batch = []
        for deserialized in objects:
            obj = deserialized.object
            if obj.pk is None:
                # Objects known by a natural key (users, groups) get their id as they are
                # saved, before later rows that name them by that key are read.
                deserialized.save()
            else:
                if batch and type(batch[0].object) is not type(obj):
                    _write(batch)
                    batch = []
                batch.append(deserialized)
                if len(batch) == BATCH:
                    _write(batch)
                    batch = []
            label = obj._meta.label_lower
            counts[label] = counts.get(label, 0) + 1
        _write(batch)
    # A backup made before links and titles held their source's kind and order has them
    # empty.
    copy_from_sources()
    models = [apps.get_model(label) for label in counts]
    with connection.cursor() as cursor:
        # The next id of each table follows the restored ones (PostgreSQL's sequences).
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    # Foreign keys are checked now, inside the transaction, not as it commits.
    connection.check_constraints(table_names=[model._meta.db_table for model in models])
    return counts


def _write(batch):
    if not batch:
        return
    insert(type(batch[0].object), [deserialized.object for deserialized in batch], raw=True)
    for deserialized in batch:
        for name, values in (deserialized.m2m_data or {}).items():
            getattr(deserialized.object, name).set(values)
