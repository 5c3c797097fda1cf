"""A worker that stops in the middle of a publication, once it has rendered and stored the
pages in the publication's transaction and before it commits, and waits to be killed
(test_background.py). Run as python -m tests.publishing.paused_worker [work's options]."""

import os
import sys
import time
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402

from publishing import rendering  # noqa: E402

_store = rendering.store


def store_then_wait(rendered):
    _store(rendered)
    Path(os.environ["PAUSED_MARKER"]).write_text("stored, not committed")
    time.sleep(600)


rendering.store = store_then_wait
call_command("work", *sys.argv[1:])
