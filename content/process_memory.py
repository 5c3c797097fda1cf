"""The stored pages a server process served lately, kept in its memory.

Reading a page from the database on every request costs a round trip; serving it from
memory costs almost nothing. Every write of stored pages touches one stamp file
(settings.STORED_PAGES_STAMP), and every process forgets what it kept the moment it sees the
stamp change (an os.stat per request), so no process serves a page a publication replaced.
Servers on several machines share the stamp on a shared file system, or set
STORED_PAGES_MEMORY=0 to read every page from the database.
"""

import os
import threading
from collections import OrderedDict
from pathlib import Path

from django.conf import settings
from django.db import transaction


def _stamp():
    try:
        return os.stat(settings.STORED_PAGES_STAMP).st_mtime_ns
    except FileNotFoundError:
        return 0


def touch():
    """Say that stored pages changed: now, and again once the transaction has committed (a
    process that reads the database in between keeps the old page until then)."""
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
