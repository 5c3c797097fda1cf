import pytest
from django.db import connection
from django.utils import translation


@pytest.fixture(autouse=True)
def _reset_language():
    """No test leaks its active language into the next one."""
    yield
    translation.activate("en")


def pytest_report_header(config):
    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
