"""Building blocks of the read API's answers that every content app's schemas use."""

from django.utils.translation import get_language

from content.site_url import absolute as site_absolute


def absolute(context, path):
    """The full address of `path` (from SITE_URL, not from the request in `context`)."""
    return site_absolute(path)


def current_language():
    """The language an answer is in: endpoints run in it (content.api.in_language)."""
    return get_language()
