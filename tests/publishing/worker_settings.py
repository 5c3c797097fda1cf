"""The test settings for a worker process a test starts (test_background.py): the test's
database (DATABASE_URL, which it passes), tasks in the database, pages stored as publishing
stores them in the tests of publishing."""

from config.settings_test import *  # noqa: F403

DATABASES["default"].update(TEST={})  # noqa: F405  (the test's database itself)
STORED_PAGES = True
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
