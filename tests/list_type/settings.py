"""The test settings with the list type's app, on a database of the process's own."""

from config.settings_test import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.list_type"]  # noqa: F405
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
