"""Everything make serve does before gunicorn starts, in one process, each step skipped when
there is nothing to do: a restart (or a release) serves within a second or two rather than
after six Django start-ups and a collectstatic that compresses every file again.

The pages a release has not rendered are not rendered here: the task queue's worker does,
while gunicorn serves the stored ones (publishing/tasks.py)."""

import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

STATIC_DIGEST = ".sources-digest"


def static_sources_digest():
    """What collectstatic would collect: every source file's name, size and time, and the
    settings that name and store them."""
    digest = hashlib.sha256(repr((settings.STATIC_URL, settings.STORAGES)).encode())
    found = []
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = Path(storage.path(path)).stat()
            found.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}")
    for line in sorted(found):
        digest.update(line.encode())
    return digest.hexdigest()


class Command(BaseCommand):
    help = (
        "Prepare the site to serve: static files (when they changed), migrations (when any is "
        "unapplied), the reference content and glossary (into an empty database), the search "
        "index (when outdated), the groups. What make serve runs before gunicorn."
    )

    def handle(self, *args, verbosity, **options):
        quiet = {"verbosity": max(verbosity - 1, 0)}
        if settings.STATIC_ROOT:
            digest = static_sources_digest()
            kept = Path(settings.STATIC_ROOT) / STATIC_DIGEST
            if not kept.exists() or kept.read_text() != digest:
                call_command("collectstatic", interactive=False, **quiet)
                kept.write_text(digest)
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, **quiet)
        call_command("load_reference", if_empty=True, verbosity=verbosity)
        call_command("load_glossary", if_empty=True, verbosity=verbosity)
        # Publishing keeps the search index current; this builds it where it is missing or
        # was made by an earlier release's rules.
        call_command("rebuild_search_index", if_outdated=True, verbosity=verbosity)
        call_command("setup_groups", verbosity=verbosity)
