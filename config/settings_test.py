"""Test settings: the real stack, made fast where speed costs nothing the tests check."""

import os

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests run with DEBUG off; whitenoise serves the source files, as runserver would.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# One knowledge base allowed to frame the embeddable cards, for the framing tests.
EMBED_ALLOWED_ORIGINS = ["https://kb.example.com", "http://kb.localhost"]
# Nothing from the shell that runs the tests: a CACHE_URL set there must not send the suite
# to that Redis.
CACHES = {"default": env.cache_url_config(CACHE_URL_DEFAULT)}  # noqa: F405
# The address the test client uses, so that recorded pages name it.
SITE_URL = "http://testserver"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
CACHE_RELEASE = "test"
# The stored pages' stamp of the test run, not of a server running from this checkout, and
# of this xdist worker on this database: a stamp shared with another worker (or with the
# same worker of the other half, which make test runs at the same time) was touched by its
# publications in the middle of this one's tests, and made this one forget the pages and
# answers it kept.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "main")
_DATABASE = DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]  # noqa: F405
STORED_PAGES_STAMP = BASE_DIR / f".published-tests-{_DATABASE}-{_WORKER}"  # noqa: F405
# Publishing renders and stores every page it changes, which the tests of publishing and
# the browser tests exercise (tests/publishing/conftest.py, tests/browser/conftest.py).
# Elsewhere pages are rendered on request from what was published: the same bytes
# (tests/publishing/test_publishing.py proves it), without rendering the site at each
# publish of a test.
STORED_PAGES = False
# Mail goes to django.core.mail.outbox, whatever the shell that runs the tests sets (the one
# test of real SMTP starts its own server and says so).
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run when they are enqueued, in the test's process (after the commit, where they
# are enqueued on commit): the tests of the queue itself switch to the database backend
# and run a worker (tests/publishing/test_background.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One process: the stamp file tells it of publications, on PostgreSQL too; the tests of
# NOTIFY start a listener themselves (tests/publishing/test_front_cache.py).
STORED_PAGES_NOTIFY = False
# make test runs its two halves side by side on two cores: a search of the reference took
# more than the production limit there, found nothing, and failed tests of what it finds.
# The limit itself is tested on its own (tests/search/test_bounded.py).
SEARCH_TIME_LIMIT_MS = 2000
