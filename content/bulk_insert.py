"""Many rows written at once: Django's bulk_create, or COPY on PostgreSQL. Generated content
(demo) and restored backups (publishing) are written this way.

Django 5.2 hands PostgreSQL a bulk insert as one array per column (INSERT … SELECT FROM
UNNEST), and psycopg quotes every element of a text or JSON array in Python, one regular
expression per quote character: for the published JSON of 1,000 generated roles that took
most of a minute. COPY sends the rows as they are, formatted by psycopg's C code.
"""

from django.db import connection


def insert(model, objects, *, raw=False, batch_size=1000):
    """Write `objects` (new, unsaved) as rows of `model`, each given its id. `raw` objects
    already have their ids and are written exactly as they are, automatic dates included,
    as loaddata writes a fixture's."""
    if not objects:
        return objects
    fields = model._meta.concrete_fields
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)

    def row(obj):
        return [
            field.get_db_prep_save(
                getattr(obj, field.attname) if raw else field.pre_save(obj, True), connection
            )
            for field in fields
        ]

    if connection.vendor != "postgresql":
        if not raw:
            return model.objects.bulk_create(objects, batch_size=batch_size)
        with connection.cursor() as cursor:
            values = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({values})", [row(obj) for obj in objects]
            )
    else:
        with connection.cursor() as cursor:
            if not raw:
                # Ids drawn from the table's own sequence, so that later rows can point at
                # these.
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [model._meta.db_table, model._meta.pk.column, len(objects)],
                )
                for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
                    obj.pk = pk
            # COPY is psycopg's own: its errors become Django's (IntegrityError) here.
            copying = cursor.copy(f"COPY {table} ({columns}) FROM STDIN")
            with connection.wrap_database_errors, copying as copy:
                for obj in objects:
                    copy.write_row(row(obj))
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects
