"""content.site_url.path: the addresses a page links to are reversed once and remembered, and
are still right when the language, the script prefix or the URL configuration changes."""

from django.http import HttpResponse
from django.urls import path as route
from django.urls import set_script_prefix
from django.utils import translation

from content.languages import CODES
from content.site_url import path

# A URL configuration of its own, where the site's robots.txt has moved.
urlpatterns = [route("moved/robots.txt", lambda request: HttpResponse(), name="robots-txt")]


def test_a_remembered_address_follows_the_language():
    for _time in range(2):  # the second time from memory
        for language in CODES:
            with translation.override(language):
                assert path("metrics:metric-detail", code="nps") == f"/{language}/metrics/nps/"


def test_a_remembered_address_follows_the_script_prefix():
    with translation.override("hi"):
        assert path("roles:role-list") == "/hi/roles/"
        set_script_prefix("/reference/")
        try:
            assert path("roles:role-list") == "/reference/hi/roles/"
        finally:
            set_script_prefix("/")
        assert path("roles:role-list") == "/hi/roles/"


def test_a_remembered_address_follows_the_url_configuration(settings):
    assert path("robots-txt") == "/robots.txt"
    settings.ROOT_URLCONF = __name__
    assert path("robots-txt") == "/moved/robots.txt"
