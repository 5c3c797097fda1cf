"""Absolute addresses, from the one configured site address (settings.SITE_URL).

Never from what a request claims (Host, X-Forwarded-*): stored pages are the same for every
reader, and a forged header cannot change the links in them.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute(path):
    """The full address of a path on this site: SITE_URL + path."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    return urlsplit(settings.SITE_URL).netloc


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme
