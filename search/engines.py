"""The databases' own search engines, behind one small interface.

Both find the documents whose words start with what a typed word starts with (a "probe",
such as " менедж" for менеджером: a space, then the start of the word), through an index:

- **PostgreSQL**: a pg_trgm GIN index on the normalised names and text answers LIKE
  '% менедж%' (trigram matching: Ukrainian and Korean, which have no text search
  configuration, the parts of a word around a typo, suggestions by trigram similarity); a
  GIN index on a tsvector, made by a trigger with the language's configuration (english,
  hindi, norwegian; simple for the others), answers the stemmed forms: "responsibilities"
  finds "responsible".
- **SQLite**: an FTS5 table with the trigram tokenizer over the same columns, kept by
  triggers, answers the same probes as phrases (" менедж").

Which of the documents found match, and in what order, is decided in search/query.py, the
same on both.
"""

from dataclasses import dataclass, field

from django.db import connection, transaction

from content import languages

# How many documents one query gives at most: enough for every result page readers look at,
# bounded however many documents match.
LIMIT = 200

_FIELDS = [
    "id", "kind", "source", "object_id", "language", "key", "anchor", "position", "title",
    "title_language", "context", "also", "body", "names", "text",
]  # fmt: skip

POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_document ADD COLUMN IF NOT EXISTS vector tsvector",
    """
    CREATE OR REPLACE FUNCTION search_document_vector() RETURNS trigger AS $$
    BEGIN
      NEW.vector := setweight(to_tsvector(NEW.config::regconfig, NEW.names), 'A')
        || setweight(to_tsvector(NEW.config::regconfig, NEW.text), 'B');
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS search_document_vector ON search_document",
    """
    CREATE TRIGGER search_document_vector BEFORE INSERT OR UPDATE OF names, text, config
    ON search_document FOR EACH ROW EXECUTE FUNCTION search_document_vector()
    """,
    "CREATE INDEX IF NOT EXISTS search_document_vector ON search_document USING gin (vector)",
    """
    CREATE INDEX IF NOT EXISTS search_document_trigrams ON search_document
    USING gin ((names || text) gin_trgm_ops)
    """,
]
POSTGRES_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_document_vector ON search_document",
    "DROP FUNCTION IF EXISTS search_document_vector()",
    "DROP INDEX IF EXISTS search_document_trigrams",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS vector",
]

# An external-content FTS5 table: it indexes search_document's columns without a copy of
# them. The triggers keep it in step with every insert, update and delete, in the same
# transaction (also Django's flush, which deletes the rows).
SQLITE_INSTALL = [
    """
    CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
      names, text, content='search_document', content_rowid='id', tokenize='trigram'
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS search_document_fts_insert AFTER INSERT ON search_document
    BEGIN
      INSERT INTO search_fts(rowid, names, text) VALUES (new.id, new.names, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS search_document_fts_delete AFTER DELETE ON search_document
    BEGIN
      INSERT INTO search_fts(search_fts, rowid, names, text)
      VALUES ('delete', old.id, old.names, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS search_document_fts_update AFTER UPDATE ON search_document
    BEGIN
      INSERT INTO search_fts(search_fts, rowid, names, text)
      VALUES ('delete', old.id, old.names, old.text);
      INSERT INTO search_fts(rowid, names, text) VALUES (new.id, new.names, new.text);
    END
    """,
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]


@dataclass
class Word:
    """One typed word as the engines look for it."""

    word: str
    # Substrings a matching document holds (at least one of them).
    probes: list
    # Whether PostgreSQL's stemming may find it too.
    stemmed: bool = True


@dataclass
class Found:
    """A document an engine found, with the words PostgreSQL found by their stems."""

    row: dict
    stems: set = field(default_factory=set)


def install(using=None):
    """Create the engine's index and triggers (what the migration does); safe to repeat,
    and repairs them (SQLite drops a table's triggers when a migration remakes it)."""
    with connection.cursor() as cursor:
        statements = POSTGRES_INSTALL if connection.vendor == "postgresql" else SQLITE_INSTALL
        for statement in statements:
            cursor.execute(statement)
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")


def find(words, *, every=True, limit=LIMIT):
    """Documents holding, for every word (or for any, when not `every`), one of its probes."""
    words = [w for w in words if w.probes]
    if not words:
        return []
    if connection.vendor == "postgresql":
        return _postgres_find(words, every, limit)
    return _sqlite_find(words, every, limit)


def nearest_titles(typed, language, limit=5):
    """Titles of roles, metrics and locations in `language` that share trigrams with
    `typed`, most similar first by the engine's measure: (row, …)."""
    if connection.vendor == "postgresql":
        return _postgres_nearest(typed, language, limit)
    return _sqlite_nearest(typed, language, limit)


# PostgreSQL ----------------------------------------------------------------------------------

_CONFIGS = sorted({lang.text_search_config for lang in languages.LANGUAGES} - {"simple"})


def _like(probe):
    escaped = probe.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _lexeme(word):
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'"


def _postgres_word(word, params):
    arms = []
    for probe in word.probes:
        arms.append("(names || text) LIKE %s")
        params.append(_like(probe))
    if word.stemmed:
        for config in _CONFIGS:
            arms.append(f"(config = %s AND vector @@ to_tsquery('{config}', %s))")
            params += [config, _lexeme(word.word)]
    return "(" + " OR ".join(arms) + ")"


def _postgres_find(words, every, limit):
    where_params, select_params = [], []
    conditions = [_postgres_word(word, where_params) for word in words]
    stems = []
    for word in words:
        if not (word.stemmed and _CONFIGS):
            stems.append("false")
            continue
        arms = [f"(config = %s AND vector @@ to_tsquery('{c}', %s))" for c in _CONFIGS]
        for config in _CONFIGS:
            select_params += [config, _lexeme(word.word)]
        stems.append("(" + " OR ".join(arms) + ")")
    first = [_like(probe) for word in words for probe in word.probes[:1]]
    sql = (
        f"SELECT {', '.join(_FIELDS)}, {', '.join(stems)} FROM search_document "
        f"WHERE {(' AND ' if every else ' OR ').join(conditions)} "
        "ORDER BY (names LIKE ANY(%s)) DESC, id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*select_params, *where_params, first, limit])
        found = []
        for values in cursor.fetchall():
            row = dict(zip(_FIELDS, values, strict=False))
            flags = values[len(_FIELDS) :]
            found.append(Found(row, {w.word for w, flag in zip(words, flags, strict=True) if flag}))
    return found


def _postgres_nearest(typed, language, limit):
    sql = (
        f"SELECT {', '.join(_FIELDS)} FROM search_document "
        "WHERE language = %s AND kind <> 'section' AND %s <%% (names || text) "
        "ORDER BY similarity(names, %s) DESC, position, id LIMIT %s"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL pg_trgm.word_similarity_threshold = 0.2")
        cursor.execute(sql, [language, typed, typed, limit])
        return [dict(zip(_FIELDS, values, strict=True)) for values in cursor.fetchall()]


# SQLite --------------------------------------------------------------------------------------


def _phrase(probe):
    return '"' + probe.replace('"', '""') + '"'


def _sqlite_match(words, every):
    groups = ["(" + " OR ".join(map(_phrase, w.probes)) + ")" for w in words]
    return (" AND " if every else " OR ").join(groups)


def _sqlite_find(words, every, limit):
    sql = (
        f"SELECT {', '.join('d.' + f for f in _FIELDS)} FROM search_fts "
        "JOIN search_document d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH %s ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_sqlite_match(words, every), limit])
        return [Found(dict(zip(_FIELDS, values, strict=True))) for values in cursor.fetchall()]


def _sqlite_nearest(typed, language, limit):
    from search.text import trigrams

    grams = sorted(g for g in trigrams(typed) if g.strip() and len(g.lstrip()) >= 2)
    if not grams:
        return []
    sql = (
        f"SELECT {', '.join('d.' + f for f in _FIELDS)} FROM search_fts "
        "JOIN search_document d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH %s AND d.language = %s AND d.kind <> 'section' "
        "ORDER BY bm25(search_fts, 4.0, 1.0) LIMIT %s"
    )
    match = "{names}: (" + " OR ".join(map(_phrase, grams)) + ")"
    with connection.cursor() as cursor:
        cursor.execute(sql, [match, language, limit * 10])
        return [dict(zip(_FIELDS, values, strict=True)) for values in cursor.fetchall()]
