"""manage.py render_pages --processes: a release's pages rendered in several processes, as
a deploy runs it (a process of its own, forking its children), on SQLite and PostgreSQL."""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.release import rendering_release
from publishing import addresses
from publishing.models import StoredPage
from tests.reference import load_reference_content

BROKEN = "/uk/roles/customer-support-manager/"


class Site:
    """The reference content, unrendered, in a database a command run in another process
    reaches: on SQLite a file written from this process's database (in memory), on
    PostgreSQL the test's database itself (a transactional test: the rows are committed)."""

    def __init__(self, folder):
        self.folder, self.runs = folder, 0
        if connection.vendor == "sqlite":
            with contextlib.closing(sqlite3.connect(folder / "reference.sqlite3")) as file:
                connection.connection.backup(file)

    def fresh(self):
        """The environment of a command run on the reference content with no stored page."""
        env = {
            **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
            "DJANGO_SETTINGS_MODULE": "config.settings_test",
        }
        if connection.vendor == "sqlite":
            self.runs += 1
            copy = self.folder / f"run-{self.runs}.sqlite3"
            shutil.copy(self.folder / "reference.sqlite3", copy)
            return {**env, "DATABASE_URL": f"sqlite:///{copy}"}
        StoredPage.objects.all().delete()
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
        return {**env, "DATABASE_URL": url}

    def stored(self, env):
        """{path: (release, body)} of the pages the command stored."""
        query = "SELECT path, release, body FROM publishing_storedpage"
        if connection.vendor == "sqlite":
            path = env["DATABASE_URL"].removeprefix("sqlite:///")
            with contextlib.closing(sqlite3.connect(path)) as database:
                rows = database.execute(query).fetchall()
        else:
            with connection.cursor() as cursor:
                cursor.execute(query)
                rows = cursor.fetchall()
        return {path: (release, bytes(body)) for path, release, body in rows}


@pytest.fixture
def site(transactional_db, tmp_path):
    """A transactional test's database (flushed after it), so that what the command's
    processes write is what this process reads."""
    load_reference_content()
    StoredPage.objects.all().delete()  # stored as it was published: render_pages stores them
    return Site(tmp_path)


def render_pages(env, *args, module=None):
    command = [sys.executable, *(["-m", module] if module else ["manage.py", "render_pages"])]
    return subprocess.run([*command, *args], env=env, cwd=settings.BASE_DIR,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def test_two_processes_store_the_same_pages_as_one(site):
    one = site.fresh()
    assert render_pages(one, "--processes", "1").returncode == 0
    by_one = site.stored(one)
    two = site.fresh()
    run = render_pages(two, "--processes", "2", "-v0")
    assert run.returncode == 0, run.stderr
    by_two = site.stored(two)
    assert set(by_one) == set(addresses.every_address())
    assert by_two == by_one  # the same paths, releases and bytes


def test_a_failing_process_fails_the_command_and_leaves_the_release_unready(site):
    env = site.fresh()
    run = render_pages(env, BROKEN, "--processes", "2", module="tests.publishing.failing_render")
    assert run.returncode == 1
    assert "Rendering failed" in run.stderr and BROKEN in run.stderr, run.stderr
    assert "broken on purpose" in run.stderr and "not ready" in run.stderr
    release, every = rendering_release(), set(addresses.every_address())
    current = {path for path, (stored, _body) in site.stored(env).items() if stored == release}
    assert BROKEN not in current
    assert current < every  # what /readyz checks: not every page is this release's


def test_a_number_of_processes_below_one_is_refused_with_a_reason():
    with pytest.raises(CommandError, match="--processes must be 1 or more, not 0"):
        call_command("render_pages", "--processes", "0", verbosity=0)


@pytest.mark.django_db
def test_listing_every_address_reads_no_kept_lists(reference_content):
    """Rendering every page (and /readyz until it is done) lists every address, versions
    included. Reading each publication whole held every kept article in memory: about
    2 GB in render_pages' process at 10,000 roles. Only the columns the addresses need
    are read."""
    with CaptureQueriesContext(connection) as queries:
        every = addresses.every_address()
    assert any("/versions/" in path for path in every)
    read = [q["sql"] for q in queries if 'FROM "publishing_publication"' in q["sql"]]
    assert read and not any('"parts"' in sql or '"changes"' in sql for sql in read), read
