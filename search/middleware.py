"""Search answers a server process gave lately, served again from its memory.

A results page depends on its query, so it is never a stored page; but readers ask the same
few questions again and again, and building the page again (sessions, language, CSP,
templates) costs several times what serving a stored page does. Each process keeps the
answers it gave, whole (headers included), beside the stored pages it keeps, and forgets
them all when content/process_memory.py hears of a publication, the only thing that changes
the search index. Kept at most SEARCH_CACHE_SECONDS (0: every search answered afresh).

This is the one place search answers are kept, the results page's and the API's alike: an
answer that depends on the reader's headers (the API without ?lang=) is not kept.
"""

import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from content.compression import preferred_encoding
from content.process_memory import Recent
from search.views import never_stored

answers = Recent("SEARCH_ANSWERS_MEMORY")
API = "/api/"


def _keepable(request, response):
    """An answer the same for every reader who asks the same address: in the language the
    address names (the results page's prefix, the API's ?lang=), nothing set for one reader,
    nothing chosen by their cookies."""
    varies = {v.lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not varies & {"cookie", "*"}
        and (not request.path_info.startswith(API) or "lang" in request.GET)
    )


class SearchAnswersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not settings.SEARCH_CACHE_SECONDS
            or request.method != "GET"
            or not never_stored(request.path_info)
        ):
            return self.get_response(request)
        # Kept as compressed for the reader (content.compression, inside this middleware):
        # a variant per encoding, each compressed once.
        encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING"))
        key = (request.path_info, request.META.get("QUERY_STRING", ""), encoding)
        kept = answers.get(key)
        if kept is not None and time.monotonic() - kept[0] < settings.SEARCH_CACHE_SECONDS:
            _at, status, headers, body = kept
            return HttpResponse(body, status=status, headers=headers)
        response = self.get_response(request)
        if _keepable(request, response):
            kept = (time.monotonic(), response.status_code, dict(response.items()),
                    response.content)  # fmt: skip
            answers.put(key, kept, len(response.content))
        return response
