import pytest


@pytest.fixture(autouse=True)
def _stored_pages(settings):
    """Publishing renders and stores the pages it changes, as in production."""
    settings.STORED_PAGES = True
