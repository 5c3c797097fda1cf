"""Many rows written at once: Django's bulk_create, or COPY on PostgreSQL.

Django 5.2 hands PostgreSQL a bulk insert as one array per column (INSERT … SELECT FROM
UNNEST), and psycopg quotes every element of a text or JSON array in Python, one regular
expression per quote character: for the published JSON of 1,000 generated roles that took
most of a minute. COPY sends the rows as they are, formatted by psycopg's C code.
"""

from django.db import connection


def insert(model, objects, batch_size=1000):
    """Write `objects` (new, unsaved) as rows of `model`, each given its id."""
    if not objects:
        return objects
    if connection.vendor != "postgresql":
        return model.objects.bulk_create(objects, batch_size=batch_size)
    meta = model._meta
    fields = meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    with connection.cursor() as cursor:
        # Ids drawn from the table's own sequence, so that later rows can point at these.
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
        with cursor.copy(
            f"COPY {connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for obj in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects
