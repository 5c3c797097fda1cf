"""The full-page cache for anonymous readers.

Every cached answer is keyed by a content generation, a number kept in the cache itself and
renewed whenever any content is saved or deleted (admin, import, restore). A page rendered
from old content can only ever be stored under the old generation, which nobody reads again,
so no process serving from a shared cache (Redis, memcached) shows an edit late.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import set_response_etag
from django.utils.http import http_date
from django.utils.translation import get_language_from_path

GENERATION_KEY = "page-cache:generation"
CONTENT_APPS = {"roles", "metrics", "salaries"}
UNPREFIXED = ("/api/v1/", "/sitemap.xml", "/robots.txt", "/oembed")


def content_changed(sender, **kwargs):
    """Signal receiver: any saved or deleted content makes every cached page old."""
    if sender._meta.app_label in CONTENT_APPS:
        cache.set(GENERATION_KEY, time.time_ns(), None)


def generation():
    value = cache.get(GENERATION_KEY)
    if value is None:
        # A lost or evicted generation starts a new one: old pages are never read again.
        cache.add(GENERATION_KEY, time.time_ns(), None)
        value = cache.get(GENERATION_KEY)
    return value


def _request_digest(request):
    """What identifies a request that may be answered from the cache, else None."""
    if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    path = request.path_info
    parts = [request.get_full_path()]
    if not get_language_from_path(path):
        if not path.startswith(UNPREFIXED):
            return None
        # Unprefixed answers follow the reader's language: key by what decides it.
        parts += [
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
        ]
    parts.append(request.get_host())
    return hashlib.sha256("\n".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _storable(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        digest = _request_digest(request) if settings.PAGE_CACHE_SECONDS else None
        if digest is None:
            return self.get_response(request)
        current = generation()
        key = f"page:{settings.CACHE_RELEASE}:{current}:{digest}"
        stored = cache.get(key)
        if stored is not None:
            content, status, headers = stored
            return HttpResponse(content, status=status, headers=headers)
        response = self.get_response(request)
        if _storable(response):
            # The content changed last when this generation began.
            response.headers.setdefault("Last-Modified", http_date(current / 1e9))
            set_response_etag(response)
            stored = (response.content, response.status_code, dict(response.headers))
            cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
        return response
