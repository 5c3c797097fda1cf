"""Serving the stored pages: what publishing rendered, as bytes, with no rendering."""

from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import RFC3986_SUBDELIMS, http_date
from django.utils.translation import get_language_from_request

from content.compression import preferred_encoding
from content.languages import CODES
from content.negotiation import with_language_aliases
from content.paging import page_number
from content.process_memory import recent
from publishing.front_cache import cache_control, front_cache_control
from publishing.models import StoredPage
from publishing.rendering import RENDERING
from search.views import never_stored

API = "/api/"


def stored_address(request):
    """The stored page that answers `request`, and whether the language was negotiated.
    Pages ignore query strings; the API answers in ?lang= or the reader's language."""
    path = request.path_info
    if "\x00" in path:
        return None, False  # no such page, and PostgreSQL refuses text with NUL bytes
    if path.endswith(".xml") and "p" in request.GET:
        # A page of a sitemap (?p=2): a stored page of its own.
        page = page_number(request.GET["p"])
        return (f"{path}?p={page}" if page else None), False
    if not path.startswith(API):
        # Stored under the address reverse() gives (/ko/roles/a-z/%E3%84%B1/); path_info is
        # decoded (/ko/roles/a-z/ㄱ/).
        return quote(path, safe=RFC3986_SUBDELIMS + "/~:@"), False
    language = request.GET.get("lang")
    if language is not None and language not in CODES:
        return None, False  # the API answers an unknown language itself (400)
    page = request.GET.get("page")
    if page is not None:
        # The API answers any other ?page= itself (400: ?page=0 got page 1 from the store).
        page = page_number(page)
        if page is None:
            return None, False
    suffix = f"&page={page}" if page and page > 1 else ""
    if language is None:
        with_language_aliases(request)
        return f"{path}?lang={get_language_from_request(request)}{suffix}", True
    return f"{path}?lang={language}{suffix}", False


class StoredPageMiddleware:
    """GET and HEAD of a stored page are answered from the store: its bytes (compressed as
    the reader accepts), headers and ETag as rendered at publication."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            not settings.STORED_PAGES
            or request.method not in ("GET", "HEAD")
            or request.META.get(RENDERING)
            # Answers to a query (stored pages ignore query strings) are never stored.
            or never_stored(request.path_info)
        ):
            return self.get_response(request)
        address, negotiated = stored_address(request)
        if address is None:
            return self.get_response(request)
        encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING"))
        page = recent.get((address, encoding))
        if page is None:
            column = {"br": "brotli", "gzip": "gzip", None: "body"}[encoding]
            page = (
                StoredPage.objects.filter(path=address)
                .values_list("status", "headers", "etag", "rendered_at", column)
                .first()
            )
            if page is None:
                return self.get_response(request)
            page = (*page[:4], bytes(page[4]))
            recent.put((address, encoding), page, len(page[4]))
        status, headers, etag, rendered_at, body = page
        # Each encoding is its own representation, with its own ETag.
        etag = f'"{etag.strip(chr(34))}{"-" + encoding if encoding else ""}"'
        modified = rendered_at.timestamp()
        response = HttpResponse(
            b"" if request.method == "HEAD" else body, status=status, headers=headers
        )
        response["Content-Length"] = len(body)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        if encoding:
            response["Content-Encoding"] = encoding
        # A front cache may keep it (and is told when it changed: publishing/front_cache.py);
        # a page that says otherwise for itself (an embed card's no-cache) is not kept.
        if "Cache-Control" not in response:
            response["Cache-Control"] = cache_control()
        elif "public" in response["Cache-Control"]:
            patch_cache_control(response, **front_cache_control())
        patch_vary_headers(response, ["Accept-Encoding"])
        if negotiated:
            patch_vary_headers(response, ["Accept-Language", "Cookie"])
        # HEAD too (ConditionalGetMiddleware answers GET only).
        return get_conditional_response(
            request, etag=etag, last_modified=int(modified), response=response
        )
