"""The shape of the rows a publication keeps, and how rows of an older shape are read.

content.Published and publishing.Publication keep each object's rows as JSON (`head`, its
own row; `parts`, the rows of its lists), by field name. Kept publications are read long
after the code that wrote them: a rollback, an old version. So each keeps the `schema` it
was written in, and reading brings it to the current one.

When a stored field of a published model is renamed, removed or added: raise SCHEMA, add
to UPGRADES how a row of the version before becomes one of the new version (for each kind
of row it concerns), and add a kept snapshot of the old version to
tests/content/snapshots/ (test_snapshot_schema reads every one). A row that lacks a field
after its upgrades is refused (UnreadableRow), never read as None.
"""

# Version 1: the rows as published since publishing began (2026-11), with role metrics'
# kind (publishing migration 0004) and every field the models have had since.
# Version 2: a role's classification codes (isco_08, esco_uri, onet_soc; roles migration
# 0005), empty in what was published before they existed.
SCHEMA = 2


def _with_classification_codes(kind, row):
    if kind == "roles.role":
        for name in ("isco_08", "esco_uri", "onet_soc"):
            row.setdefault(name, "")
    return row


# {version: function(kind, row) -> the row in version + 1}; `kind` is a model's label,
# e.g. "roles.role" or "roles.responsibility". Each takes and returns a new dict.
UPGRADES = {1: _with_classification_codes}


class UnreadableRow(Exception):
    """A kept row lacks a field the model reads, and no upgrade supplies it."""


def upgraded_row(kind, row, schema):
    for version in range(schema, SCHEMA):
        row = UPGRADES[version](kind, dict(row))
    return row


def upgraded_parts(parts, schema):
    if schema == SCHEMA or not parts:
        return parts
    return {kind: [upgraded_row(kind, row, schema) for row in rows] for kind, rows in parts.items()}


def upgrade_loaded(kept):
    """Bring the rows of a Published or Publication just read from the database to SCHEMA,
    in memory (the stored JSON changes when it is published again). Only what was loaded:
    a query may defer `parts`. `schema` stays the stored one: a list read on its own from
    the stored JSON (`listed`, content.published) is upgraded with it when it is read."""
    loaded = kept.__dict__
    if loaded.get("schema", SCHEMA) == SCHEMA:
        return
    if loaded.get("head") is not None:
        kept.head = upgraded_row(kept.kind, kept.head, kept.schema)
    if "parts" in loaded:
        kept.parts = upgraded_parts(kept.parts, kept.schema)
