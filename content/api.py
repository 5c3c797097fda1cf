"""What every endpoint of the read API shares: the language parameter, errors, caching.

Language from ?lang=, else the reader's (cookie, Accept-Language).
"""

import functools
import inspect
import re
from typing import Annotated, Literal

from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Field, Schema

from content.languages import CODES
from content.models import SLUG_PATTERN

Language = Literal[tuple(CODES)]
# A page of a list: 1 and up.
LARGEST_PAGE = 100_000
PageNumber = Annotated[int, Field(ge=1, le=LARGEST_PAGE)]


class Error(Schema):
    error: str


def invalid_request(request, exc):
    """Malformed parameters (such as an unknown ?lang=) answer 400 with a message naming what
    was wrong, as documented, rather than ninja's default 422."""
    fields = list(dict.fromkeys(str(e["loc"][-1]) for e in exc.errors))
    if "lang" in fields:
        message = _("Invalid parameter: %(fields)s. lang must be one of: %(languages)s.") % {
            "fields": ", ".join(fields),
            "languages": ", ".join(CODES),
        }
    elif fields == ["page"]:
        message = _("Invalid parameter: page must be a whole number from 1 to %(largest)s.") % {
            "largest": LARGEST_PAGE
        }
    else:
        message = _("Invalid parameter: %(fields)s.") % {"fields": ", ".join(fields)}
    return JsonResponse({"error": message}, status=400)


def in_language(view):
    """Answer in the language asked for (?lang=, already checked against the registry) or
    else the reader's, and let shared caches keep the answer five minutes.

    The endpoint receives the language as `language`. The language stays active for the rest
    of the request, as LocaleMiddleware's would: django-ninja reads the returned objects'
    translated fields into the answer after the endpoint returns. ETag comes from the
    middleware.
    """

    @functools.wraps(view)
    def endpoint(request, response, lang=None, **kwargs):
        language = lang or translation.get_language_from_request(request)
        translation.activate(language)
        result = view(request, language=language, **kwargs)
        patch_cache_control(response, public=True, max_age=300)
        response["Content-Language"] = language
        if lang is None:
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return result

    # What django-ninja reads to document and parse the endpoint's parameters: the view's
    # own (a slug, say), with `language` given as ?lang=.
    request, *own = (p for p in inspect.signature(view).parameters.values() if p.name != "language")
    endpoint.__signature__ = inspect.Signature(
        [
            request,
            inspect.Parameter("response", inspect.Parameter.KEYWORD_ONLY, annotation=HttpResponse),
            *(p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in own),
            inspect.Parameter(
                "lang", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Language | None
            ),
        ]
    )
    return endpoint


def is_slug(value):
    """Slugs and codes are lower-case ASCII words and hyphens; anything else names nothing
    (and must not reach the database: PostgreSQL refuses text with NUL bytes)."""
    return re.fullmatch(SLUG_PATTERN, value) is not None
