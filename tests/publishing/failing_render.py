"""render_pages with one address that raises when it is rendered (test_render_pages.py).
Run as python -m tests.publishing.failing_render ADDRESS [render_pages's options]. The
replacement is made before render_pages forks: the child given the address meets it."""

import sys

import django

django.setup()

from django.core.management import execute_from_command_line  # noqa: E402

from publishing import rendering  # noqa: E402

broken = sys.argv[1]
_get = rendering._Site.get


def get(self, path):
    if path == broken:
        raise RuntimeError(f"broken on purpose: {path}")
    return _get(self, path)


rendering._Site.get = get
execute_from_command_line(["manage.py", "render_pages", *sys.argv[2:]])
