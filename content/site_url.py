"""Absolute addresses, from the one configured site address (settings.SITE_URL).

Never from what a request claims (Host, X-Forwarded-*): stored pages are the same for every
reader, and a forged header cannot change the links in them.
"""

from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from django.conf import settings
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils import translation

# The addresses reversed, per URL configuration: a role page reverses the same few dozen
# (its header's, each metric's, its JSON-LD's) at about 17 µs each. A new configuration
# (clear_url_caches, a test's urls) is a new resolver, with nothing remembered.
_reversed = WeakKeyDictionary()
# Rendering every page of 10,000 roles meets about 100,000 addresses: a bound on the memory.
REMEMBERED = 20_000


def absolute(path):
    """The full address of a path on this site: SITE_URL + path."""
    return settings.SITE_URL.rstrip("/") + path


def site_host():
    return urlsplit(settings.SITE_URL).netloc


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme


def path(name, *args, **kwargs):
    """reverse(name, args, kwargs), remembered: an address depends only on the URL
    configuration, the script prefix, the active language and the arguments."""
    key = (get_script_prefix(), translation.get_language(), name, args, *kwargs.items())
    known = _reversed.setdefault(get_resolver(get_urlconf()), {})
    if key not in known:
        if len(known) >= REMEMBERED:
            known.clear()
        known[key] = reverse(name, args=args or None, kwargs=kwargs or None)
    return known[key]


def in_language(language, name, **kwargs):
    """The path of the page `name` under `language`'s prefix (/hi/roles/…)."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def in_api(language, name, **kwargs):
    """The path of the API's answer `name` in `language` (/api/v1/roles/…?lang=hi)."""
    return f"{reverse(name, kwargs=kwargs)}?lang={language}"
