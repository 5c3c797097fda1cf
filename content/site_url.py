"""Absolute addresses, from the one configured site address (settings.SITE_URL).

Never from what a request claims (Host, X-Forwarded-*): stored pages are the same for every
reader, and a forged header cannot change the links in them.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute(path):
    """The full address of a path on this site: SITE_URL + path."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    return urlsplit(settings.SITE_URL).netloc


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme


def in_language(language, name, **kwargs):
    """The path of the page `name` under `language`'s prefix (/hi/roles/…)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def in_api(language, name, **kwargs):
    """The path of the API's answer `name` in `language` (/api/v1/roles/…?lang=hi)."""
    return f"{reverse(name, kwargs=kwargs)}?lang={language}"
