import pytest
from django.db import connection
from django.utils import translation


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


@pytest.fixture
def groups(db):
    """The editors', translators' and reviewers' groups, with their permissions."""
    from django.core.management import call_command

    call_command("setup_groups", verbosity=0)


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"


@pytest.fixture(scope="module")
def reference_content(django_db_setup, django_db_blocker):
    """The shipped reference content, loaded and published once for a module and removed
    after it."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)
        yield
        call_command("flush", "--noinput", verbosity=0)
