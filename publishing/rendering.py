"""Rendering pages for readers when content is published, and storing them.

A page is rendered through the whole site, as a reader's request would be (middleware,
headers and all), noting what published content it shows. It is stored with its ETag and
its gzip and brotli variants; readers get those bytes (publishing/middleware.py) and nobody
waits for a render.
"""

import contextlib
import functools
import gc
import hashlib
import sys
import threading
from urllib.parse import urlsplit

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.signals import got_request_exception
from django.dispatch import receiver
from django.test import RequestFactory
from django.test.signals import setting_changed
from django.utils import timezone, translation

from content import process_memory
from content.compression import variants
from content.published import noting_reads, reading_once
from content.release import rendering_release
from publishing import front_cache
from publishing.models import StoredPage, StoredPageRead

# The WSGI environ key that marks a render for storing. A client cannot send it: headers
# arrive as HTTP_* keys.
RENDERING = "publishing.render"
# Headers that belong to one answer, not to the stored page.
_PER_ANSWER = {"content-length", "date", "set-cookie", "vary", "etag", "last-modified"}


# Python's cyclic garbage collector collects every 700 new objects, and through every object
# of the process each time those it holds have grown by a quarter. Rendering makes objects
# it keeps until the pages are stored (a language's downloads read every article: 85,000
# instances at 1,000 roles) and little cyclic garbage: with the defaults, collecting took 40%
# of the downloads' time and 20% of the lists' at 1,000 roles, more as the site grows.
RENDERING_COLLECTIONS = (50_000, 20, 100)
_collecting = {"depth": 0, "before": None}
_collecting_lock = threading.Lock()


@contextlib.contextmanager
def collecting_less():
    """Collect garbage less often while pages render; as before once the last render that
    asked (a server's threads may render at once) is done."""
    with _collecting_lock:
        if _collecting["depth"] == 0:
            _collecting["before"] = gc.get_threshold()
            gc.set_threshold(*RENDERING_COLLECTIONS)
        _collecting["depth"] += 1
    try:
        yield
    finally:
        with _collecting_lock:
            _collecting["depth"] -= 1
            if _collecting["depth"] == 0:
                gc.set_threshold(*_collecting["before"])


class RenderFailed(Exception):
    def __init__(self, path, reason):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@functools.cache
def _handler():
    """The site's middleware chain, made once per process as a server makes it: making it
    scans every static file (whitenoise), 30 ms that each publication paid again."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler


@receiver(setting_changed)
def _settings_changed(**kwargs):
    # Middleware reads settings when it is made: a test that changes them gets a new chain.
    _handler.cache_clear()


class _Site:
    """The whole site, middleware and all, answering requests made here rather than by a
    server: a reader's request, to the configured site address."""

    def __init__(self):
        self.handler = _handler()
        site = urlsplit(settings.SITE_URL)
        self.secure = site.scheme == "https"
        self.requests = RequestFactory(HTTP_HOST=site.netloc, **{RENDERING: True})
        self.failure = None
        got_request_exception.connect(self._failed)

    def _failed(self, sender, request=None, **kwargs):
        if request is not None and request.META.get(RENDERING):
            error = sys.exc_info()[1]
            self.failure = f"{type(error).__name__}: {error}" if error else "an error"

    def get(self, path):
        self.failure = None
        return self.handler.get_response(self.requests.get(path, secure=self.secure))

    def close(self):
        got_request_exception.disconnect(self._failed)


def render(paths, *, required, failed=None):
    """Render `paths` as readers will get them: ({path: (response, reads)}, the paths that
    no longer exist). A page not `required` may answer 404: a page of a list that grew
    shorter, a letter no title starts with any more. Raises RenderFailed for the first that
    does not render otherwise, so that nothing is published; given a dict `failed`, notes
    {path: reason} there instead and goes on (re-rendering a release keeps the old page)."""
    site = _Site()
    rendered, vanished = {}, set()
    try:
        # The pages rendered together read the same rows again and again (a role's page, API
        # answer, embed and card in five languages): each is read once.
        with translation.override(settings.LANGUAGE_CODE), reading_once(), collecting_less():
            for path in paths:
                with noting_reads() as reads:
                    response = site.get(path)
                if response.status_code == 404 and path not in required:
                    vanished.add(path)
                elif response.status_code != 200:
                    failure = site.failure or f"answered {response.status_code}"
                    if failed is None:
                        raise RenderFailed(path, failure)
                    failed[path] = failure
                else:
                    rendered[path] = (response, {str(read) for read in reads})
    finally:
        site.close()
    return rendered, vanished


def store(rendered):
    """Store rendered pages, keeping the bytes and ETag of each whose content is unchanged.
    Returns the front cache's keys of the pages whose bytes changed (their own `page:` key)."""
    now = timezone.now()
    stored = {
        page.path: page
        for page in StoredPage.objects.filter(path__in=list(rendered)).only(
            "id", "path", "etag", "release"
        )
    }
    reads_of = {}
    for page_id, read in StoredPageRead.objects.filter(
        page__in=[page.pk for page in stored.values()]
    ).values_list("page_id", "dependency"):
        reads_of.setdefault(page_id, set()).add(read)
    new_reads, changed = [], set()
    release = rendering_release()
    for path, (response, reads) in rendered.items():
        body = response.content
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {k: v for k, v in response.items() if k.lower() not in _PER_ANSWER}
        # What the front cache files the page under: what it read, and the page itself.
        headers[front_cache.KEYS_HEADER] = front_cache.keys_header(reads, path)
        page = stored.get(path)
        read_anew = page is None or reads_of.get(page.pk, set()) != reads
        if page is None or page.etag != etag or page.release != release:
            compressed = variants(body)
            fields = {
                "status": response.status_code,
                "headers": headers,
                "body": body,
                "gzip": compressed["gzip"],
                "brotli": compressed["br"],
                "etag": etag,
                "rendered_at": now,
                "release": release,
            }
            if page is None:
                page = StoredPage.objects.create(path=path, **fields)
            else:
                StoredPage.objects.filter(pk=page.pk).update(**fields)
                if page.etag != etag:
                    changed.add(front_cache.page_key(path))
        elif read_anew:
            StoredPage.objects.filter(pk=page.pk).update(headers=headers)
        if read_anew:
            StoredPageRead.objects.filter(page_id=page.pk).delete()
            new_reads += [StoredPageRead(page_id=page.pk, dependency=read) for read in reads]
    StoredPageRead.objects.bulk_create(new_reads)
    process_memory.touch()
    return changed


def pages_reading(dependencies):
    """The addresses of stored pages that showed any of `dependencies`."""
    return set(
        StoredPage.objects.filter(reads__dependency__in=[str(d) for d in dependencies]).values_list(
            "path", flat=True
        )
    )


def not_stored(paths):
    """Those of `paths` that have no stored page yet."""
    stored = set(StoredPage.objects.filter(path__in=paths).values_list("path", flat=True))
    return set(paths) - stored


def forget(paths):
    """Stop serving pages that no longer exist (an unpublished role, an old slug)."""
    StoredPage.objects.filter(path__in=paths).delete()
    process_memory.touch()
