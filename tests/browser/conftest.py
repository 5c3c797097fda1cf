"""Browser tests: Debian's Chromium driven by Playwright, against a live server.

Playwright never downloads a browser here. Without /usr/bin/chromium these tests are skipped
with a message, unless REQUIRE_BROWSER is set (as .ci/run does), when they fail instead.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer

from tests.reference import load_reference_content
from tests.servers import leave_the_shared_connection

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"REQUIRE_BROWSER is set but {CHROMIUM} is not installed")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
    for item in items:
        if "browser" in item.nodeid.split("/"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # Headless in a container, with no attempts to reach Google's services.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            # Pages the tests fake with page.route() count as public, and Chromium would then
            # refuse to let them frame the local test server at all; framing tests must see
            # only what our headers decide.
            "--disable-features=LocalNetworkAccessChecks,"
            "PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests",
        ],
    }


@pytest.fixture
def site(live_server, transactional_db, settings):
    """The live server, holding the shipped reference content, published: readers get the
    stored pages, as in production."""
    settings.STORED_PAGES = True
    load_reference_content()
    return live_server.url


@pytest.fixture(scope="module")
def published_site(django_db_setup, django_db_blocker):
    """For a module whose tests only read: the shipped reference content, published, loaded
    once for the module and served by a server of its own, since pytest-django's
    live_server empties the database after every test (loading and rendering the site
    again cost each test about five seconds). Removed after the module.

    Its tests carry the django_db mark: pytest-django makes the test database only for a
    session with such a test, and the site must never be loaded into another."""
    with (
        django_db_blocker.unblock(),
        override_settings(STORED_PAGES=True, ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "127.0.0.1"]),
    ):
        load_reference_content()
        # An IPv4 address, not "localhost": a browser may try [::1] first, where another
        # server of this machine may listen on the same port number.
        server = LiveServer("127.0.0.1")
        try:
            yield server.url
        finally:
            leave_the_shared_connection(server)
            server.stop()
            call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def screenshot(page):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(name):
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take
