"""Health answers for load balancers, front caches and orchestrators, before anything else
a request meets (no host check: a probe names the server by its address; no session, no
stored page): cheap, and never kept by a cache.

- /healthz: the process answers. Nothing else is asked: a front cache's probe that failed
  with the database would take every server out while it could still serve from memory.
- /readyz: this server can serve readers: the database answers, every migration is applied,
  and the stored pages are this release's (render_pages has run). 503 with what is missing.
"""

import json

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponse

from content.release import rendering_release
from publishing import addresses
from publishing.models import StoredPage

HEALTH = "/healthz"
READY = "/readyz"


def _answer(status, checks):
    body = json.dumps({"status": "ok" if status == 200 else "unavailable", **checks})
    response = HttpResponse(body, status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


class _Ready:
    """What, once true, stays true for the life of a process: its migrations applied and
    its release's pages rendered (a later release runs in new processes)."""

    def __init__(self):
        self.migrated = False
        self.rendered = False

    def checks(self):
        checks = {}
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            checks["database"] = "ok"
        except DatabaseError as error:
            return {"database": f"unreachable: {error}".strip()}
        if not self.migrated:
            executor = MigrationExecutor(connection)
            self.migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
        checks["migrations"] = "ok" if self.migrated else "not applied"
        if not self.rendered:
            self.rendered = not settings.STORED_PAGES or self._rendered()
        checks["pages"] = "ok" if self.rendered else "not rendered by this release"
        return checks

    @staticmethod
    def _rendered():
        """Every page readers can reach is stored by this release (what render_pages does)."""
        current = set(
            StoredPage.objects.filter(release=rendering_release()).values_list("path", flat=True)
        )
        return all(path in current for path in addresses.every_address())


ready = _Ready()


class HealthMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH and request.method in ("GET", "HEAD"):
            return _answer(200, {})
        if request.path_info == READY and request.method in ("GET", "HEAD"):
            checks = ready.checks()
            status = 200 if all(value == "ok" for value in checks.values()) else 503
            if len(checks) < 3:
                status = 503
            return _answer(status, checks)
        return self.get_response(request)
