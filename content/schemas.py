"""Building blocks of the read API's answers that every content app's schemas use."""

from django.utils.translation import get_language


def absolute(context, path):
    """The full address of `path`, for an answer to the request in `context`."""
    return context["request"].build_absolute_uri(path)


def current_language():
    """The language an answer is in: endpoints run in it (content.api.in_language)."""
    return get_language()
