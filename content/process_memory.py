"""The stored pages a server process served lately, kept in its memory.

Reading a page from the database on every request costs a round trip; serving it from
memory costs almost nothing. Every write of stored pages (and of the search index) says so,
and every process forgets what it kept when it hears of one, so no process serves a page a
publication replaced:

- On PostgreSQL, by the database's own notification: the write sends `NOTIFY stored_pages`
  in its transaction, which PostgreSQL delivers when (and only if) it commits, to every
  process listening, on every host. Each server process listens on a connection of its own
  (psycopg in autocommit mode, in a thread; never Django's, and never through a
  transaction-mode pooler such as pgbouncer, which does not carry LISTEN). A process that
  loses that connection (PostgreSQL restarting) keeps serving what it kept, since nobody can
  publish meanwhile, and forgets it all once it listens again: it may have missed a
  notification in between.
- On SQLite (one host), by a stamp file (settings.STORED_PAGES_STAMP) that every write
  touches, and every process looks at (an os.stat per request).

STORED_PAGES_NOTIFY=false makes PostgreSQL use the stamp file too (the tests, which share one
process, do).
"""

import logging
import os
import threading
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction

log = logging.getLogger(__name__)

CHANNEL = "stored_pages"


def _notifying():
    return connection.vendor == "postgresql" and settings.STORED_PAGES_NOTIFY


class _Listener:
    """A thread that listens for CHANNEL and counts what it heard: the generation of the
    pages this process may keep. Started in the process that serves (after gunicorn forks)."""

    # Seconds between checks of a quiet connection, and before connecting again.
    CHECK = 5
    RETRY = 1

    def __init__(self):
        self.generation = 0
        self.pid = None
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.connected = threading.Event()
        self.thread = None

    def current(self):
        if self.pid != os.getpid():
            self.start()
        return self.generation

    def bump(self):
        self.generation += 1

    def start(self):
        with self.lock:
            if self.pid == os.getpid():
                return
            self.pid = os.getpid()
            self.generation += 1  # nothing kept by a parent process is trusted
            self.stopping.clear()
            self.connected.clear()
            self.thread = threading.Thread(target=self._run, name="stored-pages-listener",
                                           daemon=True)  # fmt: skip
            self.thread.start()

    def stop(self):
        """Stop listening (the tests that start a listener stop it before their database
        goes)."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(self.CHECK + 5)
        self.pid = None

    def _run(self):
        import psycopg

        params = connections["default"].get_connection_params()
        params.pop("cursor_factory", None)
        while not self.stopping.is_set():
            try:
                with psycopg.connect(**params, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    # Whatever was committed before now is in the database: forget what was
                    # kept before we listened.
                    self.bump()
                    self.connected.set()
                    while not self.stopping.is_set():
                        heard = 0
                        for _notice in conn.notifies(timeout=self.CHECK):
                            heard += 1
                            self.bump()
                        if not heard:
                            conn.execute("SELECT 1")  # a connection lost without a word
            except Exception as error:  # any failure: connect again
                if self.connected.is_set():
                    log.warning("Stopped hearing of publications (%s); connecting again", error)
                self.connected.clear()
            self.stopping.wait(self.RETRY)


listener = _Listener()


def _stamp():
    if _notifying():
        return listener.current()
    try:
        return os.stat(settings.STORED_PAGES_STAMP).st_mtime_ns
    except FileNotFoundError:
        return 0


def touch():
    """Say that stored pages changed: to this process now, and to every process once the
    transaction has committed (a process that reads the database in between keeps the old
    page until then)."""
    if _notifying():
        listener.bump()
        with connection.cursor() as cursor:
            # Delivered at the commit, or never when the transaction rolls back.
            cursor.execute("SELECT pg_notify(%s, '')", [CHANNEL])
        transaction.on_commit(listener.bump)
        return
    _touch()
    transaction.on_commit(_touch)


def _touch():
    stamp = Path(settings.STORED_PAGES_STAMP)
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.touch()
    os.utime(stamp)  # a new time even when two writes fall in one clock tick


class Recent:
    """Pages (or answers) kept up to the bytes of the setting `limit`, the least recently
    served forgotten first; all forgotten when the stamp changes."""

    def __init__(self, limit="STORED_PAGES_MEMORY"):
        self.limit = limit
        self.lock = threading.Lock()
        self.pages = OrderedDict()
        self.size = 0
        self.seen = None

    def get(self, key):
        stamp = _stamp()
        with self.lock:
            if stamp != self.seen:
                self._clear(stamp)
                return None
            kept = self.pages.get(key)
            if kept is None:
                return None
            self.pages.move_to_end(key)
            return kept[0]

    def put(self, key, page, size):
        limit = getattr(settings, self.limit)
        if size > limit:
            return
        with self.lock:
            if key in self.pages:
                self.size -= self.pages.pop(key)[1]
            self.pages[key] = (page, size)
            self.size += size
            while self.size > limit:
                _key, (_page, old) = self.pages.popitem(last=False)
                self.size -= old

    def clear(self):
        with self.lock:
            self._clear(None)

    def _clear(self, stamp):
        self.pages.clear()
        self.size = 0
        self.seen = stamp


recent = Recent()
