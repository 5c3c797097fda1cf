"""The shipped reference content, loaded once per test process.

Loading it (reading and checking the files, writing, publishing and, with STORED_PAGES on,
rendering every page) took seconds each time a module or a browser test asked for it. The
first load in a process is the real command; after it, the database is copied back as it
was right after that load, ids and all, which takes milliseconds. Only into a database
holding nothing of a test's (a module fixture's, or a transactional test's): the copy
replaces every row.
"""

import sqlite3

from django.conf import settings
from django.core.management import call_command
from django.db import connection

# {STORED_PAGES: the database right after loading}: with stored pages on, loading also
# renders and stores every page.
_copies = {}


def load_reference_content():
    key = settings.STORED_PAGES
    if key in _copies:
        _restore(_copies[key])
        return
    call_command("load_reference", verbosity=0)
    _copies[key] = _copy()


def _copy():
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        return copy
    return _postgresql_copy()


def _restore(copy):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        copy.backup(connection.connection)
        return
    _postgresql_restore(copy)


def _postgresql_copy():
    """Each table's rows (COPY, binary) and each sequence's position."""
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        rows = {}
        for table in tables:
            with cursor.copy(
                f"COPY {connection.ops.quote_name(table)} TO STDOUT (FORMAT BINARY)"
            ) as copy:
                rows[table] = b"".join(bytes(chunk) for chunk in copy)
        cursor.execute(
            "SELECT schemaname || '.' || sequencename, last_value FROM pg_sequences "
            "WHERE schemaname = current_schema()"
        )
        sequences = cursor.fetchall()
    return rows, sequences


def _postgresql_restore(copy):
    rows, sequences = copy
    quoted = {table: connection.ops.quote_name(table) for table in rows}
    with connection.cursor() as cursor:
        # Foreign keys are checked by triggers, which a replica does not fire: the rows go
        # back table by table in any order, as they were when copied (all consistent).
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(f"TRUNCATE {', '.join(quoted.values())}")
            for table, data in rows.items():
                if data:
                    with cursor.copy(f"COPY {quoted[table]} FROM STDIN (FORMAT BINARY)") as into:
                        into.write(data)
            for name, last_value in sequences:
                if last_value is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [name])
                else:
                    cursor.execute("SELECT setval(%s, %s)", [name, last_value])
        finally:
            cursor.execute("SET session_replication_role = DEFAULT")
