"""The databases' own search engines, behind one small interface.

Both find the documents that hold, for each typed word, one of its "probes": the start of
the word as a word's start (" менедж" for менеджером: a space, then the letters), or, for a
possible typo, a part of it anywhere in a word of the names. In bounded steps, so that a
common word among hundreds of thousands of documents costs what a rare one does: first the
documents whose names (title, abbreviation, other titles) hold every word, the reader's
language and the shortest names first; then others that hold them in their text, as the
index gives them, in the reader's language, then in any, up to a limit.

- **PostgreSQL**: names by a pg_trgm GIN index (LIKE, any part of a word: trigram
  matching for Ukrainian and Korean, which PostgreSQL has no text search configuration
  for, and the halves of a word with a typo); texts by a GIN index on a `simple` tsvector
  of every word, queried by prefix ('менедж':*), and one on a tsvector made with the
  language's configuration (english, hindi, norwegian), which finds stemmed forms:
  "responsibilities" finds "responsible". Triggers keep both vectors.
- **SQLite**: an FTS5 table with the trigram tokenizer over names and texts, kept by
  triggers, answers the same probes as phrases (" менедж").

Which of the documents found match, and in what order, is decided in search/query.py, the
same on both.

Every search has a time limit (time_limit()): each statement gets what is left of it
(PostgreSQL's statement_timeout, SQLite's progress handler), and one cut short finds
nothing. On PostgreSQL the statements go along the indexes: with a LIMIT and an OR of many
words the planner expected matches everywhere and read the whole table, checking each word
of each row (3 s for ten words that match nothing, at 1,000 roles); each index answers
"nothing" to such a word at once.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import OperationalError, connection, transaction

from content import languages

# How many documents one query gives at most: enough for every result page readers look at,
# bounded however many documents match.
LIMIT = 200

log = logging.getLogger(__name__)
_deadline = ContextVar("search_deadline", default=None)


@contextmanager
def time_limit(seconds):
    """The engines' statements within, together, take at most about `seconds`."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def _query(sql, params, setup=()):
    """The rows of one search statement, or none when the search's time is up (before it or
    while it runs)."""
    deadline = _deadline.get()
    left = None if deadline is None else deadline - time.monotonic()
    if left is not None and left <= 0:
        return []
    try:
        if connection.vendor == "postgresql":
            return _postgres_query(sql, params, setup, left)
        return _sqlite_query(sql, params, left)
    except OperationalError as error:
        if not _cut_short(error):
            raise
        log.warning("A search statement was cut short at its time limit: %.80s", sql.strip())
        return []


def _cut_short(error):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "57014" or "interrupted" in str(error)


def _postgres_query(sql, params, setup, left):
    # In a savepoint of its own: SET LOCAL lasts to its end, and a cut statement undoes it.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        if left is not None:
            timeout = f"{max(1, int(left * 1000))}ms"
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", [timeout])
        for statement in setup:
            cursor.execute(statement)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
        cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        return rows


def _sqlite_query(sql, params, left):
    # No transaction: with IMMEDIATE transactions (config/settings.py) one would take the
    # write lock for a read.
    connection.ensure_connection()
    raw = connection.connection
    if left is not None:
        deadline = time.monotonic() + left
        raw.set_progress_handler(lambda: time.monotonic() > deadline, 10_000)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        raw.set_progress_handler(None, 0)


# What ranking reads of each document found; the text it shows (body) is read for the
# results on the page only.
_FIELDS = [
    "id", "kind", "source", "object_id", "language", "key", "anchor", "position", "title",
    "title_language", "context", "also", "names", "text",
]  # fmt: skip

# The names of each language, shortest first, with the names themselves: the names that
# match a common prefix are read in that order from here, and not found all over the table
# (whose rows carry the texts) to be sorted.
SHORTEST_NAMES = """
    CREATE INDEX IF NOT EXISTS search_document_shortest_names ON search_document
    (language, length(names), id) INCLUDE (names)
    """
POSTGRES_INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_document ADD COLUMN IF NOT EXISTS vector tsvector",
    "ALTER TABLE search_document ADD COLUMN IF NOT EXISTS words tsvector",
    """
    CREATE OR REPLACE FUNCTION search_document_vectors() RETURNS trigger AS $$
    BEGIN
      NEW.vector := setweight(to_tsvector(NEW.config::regconfig, NEW.names), 'A')
        || setweight(to_tsvector(NEW.config::regconfig, NEW.text), 'B');
      NEW.words := to_tsvector('simple', NEW.names || NEW.text);
      RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS search_document_vectors ON search_document",
    """
    CREATE TRIGGER search_document_vectors BEFORE INSERT OR UPDATE OF names, text, config
    ON search_document FOR EACH ROW EXECUTE FUNCTION search_document_vectors()
    """,
    "CREATE INDEX IF NOT EXISTS search_document_vector ON search_document USING gin (vector)",
    "CREATE INDEX IF NOT EXISTS search_document_words ON search_document USING gin (words)",
    """
    CREATE INDEX IF NOT EXISTS search_document_names ON search_document
    USING gin (names gin_trgm_ops)
    """,
    SHORTEST_NAMES,
]
POSTGRES_UNINSTALL = [
    "DROP TRIGGER IF EXISTS search_document_vectors ON search_document",
    "DROP FUNCTION IF EXISTS search_document_vectors()",
    "DROP INDEX IF EXISTS search_document_shortest_names",
    "DROP INDEX IF EXISTS search_document_names",
    "DROP INDEX IF EXISTS search_document_words",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN IF EXISTS words",
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


def find(words, language, *, every=True, limit=LIMIT):
    """Documents holding, for every word (or for any, when not `every`), one of its probes,
    `limit` at most: those whose names do (the reader's language first, then the shortest
    names), then those whose text does, in the reader's language, then in any other."""
    words = [w for w in words if w.probes]
    if not words:
        return []
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    # Words no document holds, each asked of the indexes on its own (a lookup each): with
    # one of them, nothing holds every word; and none makes the query for any word longer.
    held = engine.held(words)
    if every and not all(held):
        return []
    words = [word for word, is_held in zip(words, held, strict=True) if is_held]
    if not words:
        return []
    found, seen = [], set()

    def add(candidates):
        for candidate in candidates:
            if candidate.row["id"] not in seen and len(found) < limit:
                seen.add(candidate.row["id"])
                found.append(candidate)

    add(engine.find(words, every, limit // 2, language, names_only=True))
    add(engine.find(words, every, limit, language, names_only=False, only_language=True))
    if len(found) < limit:
        add(engine.find(words, every, limit, language, names_only=False))
    return found


def nearest_titles(typed, language, limit=5):
    """Titles of roles, metrics and locations in `language` that share trigrams with
    `typed`, most similar first by the engine's measure."""
    engine = _postgres if connection.vendor == "postgresql" else _sqlite
    return engine.nearest(typed, language, limit)


# PostgreSQL ----------------------------------------------------------------------------------

_CONFIGS = sorted({lang.text_search_config for lang in languages.LANGUAGES} - {"simple"})


def _like(probe):
    escaped = probe.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _lexeme(word, prefix=False):
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    return f"{quoted}:*" if prefix else quoted


def _stems(word, params):
    arms = []
    for config in _CONFIGS:
        arms.append(f"(config = %s AND vector @@ to_tsquery('{config}', %s))")
        params += [config, _lexeme(word.word)]
    return arms


def _postgres_word(word, params, names_only):
    arms = []
    for probe in word.probes:
        if names_only or not probe.startswith(" "):
            arms.append("names LIKE %s")
            params.append(_like(probe))
        else:  # a word's start, in the names or the text: a prefix of a word
            arms.append("words @@ to_tsquery('simple', %s)")
            params.append(_lexeme(probe[1:], prefix=True))
    if word.stemmed and not names_only:
        arms += _stems(word, params)
    return "(" + " OR ".join(arms) + ")"


def _shortest_names(where, params, language, limit):
    """The ids of the first `limit` documents matching `where` by their names: the reader's
    `language` first, each language's shortest names first. Only ids are asked for, so
    that a common prefix (`ra` matches 23,000 names at 10,000 roles) is read in order along
    search_document_shortest_names, not from every matching row and sorted (0.7 ms against
    130 ms)."""
    ids = []
    for same in ("=", "<>"):
        rows = _query(
            f"SELECT id FROM search_document WHERE {where} AND language {same} %s "
            "ORDER BY length(names), id LIMIT %s",
            [*params, language, limit - len(ids)],
        )
        ids += [row[0] for row in rows]
        if len(ids) >= limit:
            break
    return ids


class _Postgres:
    @staticmethod
    def held(words):
        """For each of `words`, whether any document holds one of its probes or stems."""
        columns, params = [], []
        for word in words:
            arms = []
            for probe in word.probes:
                arms.append("names LIKE %s")
                params.append(_like(probe))
                if probe.startswith(" "):
                    arms.append("words @@ to_tsquery('simple', %s)")
                    params.append(_lexeme(probe[1:], prefix=True))
            if word.stemmed:
                arms += _stems(word, params)
            exists = [f"EXISTS (SELECT 1 FROM search_document WHERE {arm})" for arm in arms]
            columns.append("(" + " OR ".join(exists) + ")")
        rows = _query(f"SELECT {', '.join(columns)}", params)
        return list(rows[0]) if rows else [False] * len(words)

    @staticmethod
    def find(words, every, limit, language, names_only, only_language=False):
        select_params, where_params = [], []
        stems = []
        for word in words:
            arms = _stems(word, select_params) if word.stemmed and not names_only else []
            stems.append("(" + " OR ".join(arms) + ")" if arms else "false")
        conditions = [_postgres_word(word, where_params, names_only) for word in words]
        where = "(" + (" AND " if every else " OR ").join(conditions) + ")"
        order_params = []
        if only_language:
            where += " AND language = %s"
            where_params.append(language)
        # Names: the reader's language, then the shortest (the typed words are more of
        # them). Texts: as the index gives them; ordering every match would cost as much
        # as there are matches.
        order = ""
        if names_only:
            ids = _shortest_names(where, where_params, language, limit)
            if not ids:
                return []
            where, where_params = "id = ANY(%s::bigint[])", [ids]
            order = "ORDER BY array_position(%s::bigint[], id) "
            order_params.append(ids)
        sql = (
            f"SELECT {', '.join(_FIELDS)}, {', '.join(stems)} FROM search_document "
            f"WHERE {where} {order}LIMIT %s"
        )
        found = []
        for values in _query(sql, [*select_params, *where_params, *order_params, limit]):
            row = dict(zip(_FIELDS, values, strict=False))
            flags = values[len(_FIELDS) :]
            stemmed = {w.word for w, flag in zip(words, flags, strict=True) if flag}
            found.append(Found(row, stemmed))
        return found

    @staticmethod
    def nearest(typed, language, limit):
        sql = (
            f"SELECT {', '.join(_FIELDS)} FROM search_document "
            "WHERE language = %s AND kind <> 'section' AND %s <%% names "
            "ORDER BY similarity(names, %s) DESC, position, id LIMIT %s"
        )
        rows = _query(
            sql,
            [language, typed, typed, limit],
            setup=["SET LOCAL pg_trgm.word_similarity_threshold = 0.2"],
        )
        return [dict(zip(_FIELDS, values, strict=True)) for values in rows]


_postgres = _Postgres()


# SQLite --------------------------------------------------------------------------------------


def _phrase(probe):
    return '"' + probe.replace('"', '""') + '"'


def _term(probe, names_only):
    # A part of a word anywhere (for a typo) is looked for in the names only, as on PostgreSQL.
    if names_only or probe.startswith(" "):
        return _phrase(probe)
    return "{names} : " + _phrase(probe)


# The queries join with CROSS JOIN, which SQLite never reorders: the FTS5 match is then the
# outer loop. With a plain JOIN and a condition on the language, the planner walks every
# document of the language and runs the match once for each.
class _Sqlite:
    @staticmethod
    def held(words):
        """For each of `words`, whether any document holds one of its probes."""
        columns, params = [], []
        for word in words:
            columns.append("EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)")
            params.append(" OR ".join(_term(p, names_only=False) for p in word.probes))
        rows = _query(f"SELECT {', '.join(columns)}", params)
        return [bool(held) for held in rows[0]] if rows else [False] * len(words)

    @staticmethod
    def find(words, every, limit, language, names_only, only_language=False):
        groups = ["(" + " OR ".join(_term(p, names_only) for p in w.probes) + ")" for w in words]
        match = (" AND " if every else " OR ").join(groups)
        params = []
        if names_only:
            match = "{names}: (" + match + ")"
        # Names: the reader's language, then best ranked (bm25: shorter names higher).
        # Texts: as the index gives them, so that FTS5 stops at the limit rather than
        # ranking every match.
        where, order = "search_fts MATCH %s", ""
        params.append(match)
        if only_language:
            where += " AND d.language = %s"
            params.append(language)
        if names_only:
            order = "ORDER BY d.language = %s DESC, bm25(search_fts) "
            params.append(language)
        sql = (
            f"SELECT {', '.join('d.' + f for f in _FIELDS)} FROM search_fts "
            "CROSS JOIN search_document d ON d.id = search_fts.rowid "
            f"WHERE {where} {order}LIMIT %s"
        )
        rows = _query(sql, [*params, limit])
        return [Found(dict(zip(_FIELDS, values, strict=True))) for values in rows]

    @staticmethod
    def nearest(typed, language, limit):
        from search.text import trigrams

        grams = sorted(g for g in trigrams(typed) if g.strip() and len(g.lstrip()) >= 2)
        if not grams:
            return []
        sql = (
            f"SELECT {', '.join('d.' + f for f in _FIELDS)} FROM search_fts "
            "CROSS JOIN search_document d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s AND d.language = %s AND d.kind <> 'section' "
            "ORDER BY bm25(search_fts) LIMIT %s"
        )
        match = "{names}: (" + " OR ".join(map(_phrase, grams)) + ")"
        rows = _query(sql, [match, language, limit * 10])
        return [dict(zip(_FIELDS, values, strict=True)) for values in rows]


_sqlite = _Sqlite()
