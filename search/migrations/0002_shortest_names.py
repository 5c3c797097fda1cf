from django.db import migrations

SHORTEST_NAMES = """
    CREATE INDEX IF NOT EXISTS search_document_shortest_names ON search_document
    (language, length(names), id) INCLUDE (names)
    """


def create_index(apps, schema_editor):
    """The names of each language, shortest first (search/engines.py): PostgreSQL only."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SHORTEST_NAMES)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_shortest_names")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
