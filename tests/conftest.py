import gc

import pytest
from django.db import connection
from django.utils import translation

# A test process holds Django, the templates, hypothesis and copies of the reference, and
# makes hundreds of thousands of objects a test (an admin form, a publication). Python's
# defaults collected garbage every 700 of them, through all it holds every few dozen
# collections: collecting less often, the admin's tests took 12% less CPU, the articles',
# workspace's and API's together 5% less (88 CPU-s instead of 93).
gc.set_threshold(50_000, 20, 100)


@pytest.fixture(autouse=True)
def _reset_language():
    """No test leaks its active language into the next one."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def _forget_served_pages():
    """A rolled-back test commits nothing, so no stamp tells the server's memory of stored
    pages to forget them: each test starts with none kept."""
    from content.process_memory import recent
    from search.middleware import answers

    recent.clear()
    answers.clear()
    yield


@pytest.fixture(scope="session")
def live_server(live_server):
    """pytest-django's live server, stopped at the end of the session without its request
    threads closing the shared connection (leave_the_shared_connection)."""
    from tests.servers import leave_the_shared_connection

    yield live_server
    leave_the_shared_connection(live_server)


@pytest.fixture
def groups(db):
    """The editors', translators' and reviewers' groups, with their permissions."""
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)


# A test that asks for none of these never touches the database (django_db_blocker is
# every test's, through pytest-django's own fixtures; it unblocks nothing by itself).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_setup", "live_server"}


# The files that take longest (docs/testing.md lists what they cost). xdist hands a file to
# a worker in the order files are collected; collected last, one of these kept one worker
# busy for minutes after the other had finished everything else.
LONGEST_FIRST = [
    "tests/test_scale.py",
    "tests/publishing/test_reference_load.py",
    "tests/test_multi_host.py",
    "tests/articles/test_admin.py",
    "tests/publishing/test_backup.py",
    "tests/publishing/test_serve.py",
    "tests/browser/test_layout.py",
    "tests/test_bad_input.py",
    "tests/publishing/test_publishing.py",
    "tests/publishing/test_background.py",
    "tests/test_processes.py",
    "tests/browser/test_reading.py",
    "tests/api/test_read_api.py",
    "tests/browser/test_linking.py",
    "tests/browser/test_embed_origins.py",
]


def _longest_first(item):
    path = item.nodeid.split("::")[0]
    return LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)


def pytest_collection_modifyitems(config, items):
    """The longest files first (sorted is stable: each file's tests keep their order).
    On PostgreSQL (make test's second half) run only the tests that use the database:
    the others (text rules, file formats, settings, catalogues, subprocesses with their own
    database) answer the same whichever database the settings name, and ran on SQLite."""
    items.sort(key=_longest_first)
    if connection.vendor != "postgresql":
        return
    kept, deselected = [], []
    for item in items:
        uses = item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames)
        (kept if uses else deselected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="module")
def reference_content(django_db_setup, django_db_blocker):
    """The shipped reference content, loaded and published once for a module (copied in
    after the first: tests/reference.py) and removed after it."""
    from django.core.management import call_command

    from tests.reference import load_reference_content

    with django_db_blocker.unblock():
        load_reference_content()
        yield
        call_command("flush", "--noinput", verbosity=0)
