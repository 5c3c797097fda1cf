"""The front cache: Varnish in front of the app servers (config/front-cache.vcl, README
"Serving"). What it may keep of a stored page, and telling it to forget exactly the pages a
publication changed.

Every stored page names what it read (content.dependencies, in their string form) in an
`xkey` header: Varnish's xkey module files the page under each, and the front cache strips
the header before readers see it. Once a publication commits, it sends the keys of what it
changed to every front cache (settings.FRONT_CACHE_PURGE), which forgets every page filed
under any of them and nothing else: the pages of another role stay cached. A purge that
fails is tried again, then logged; a page the purge never reached is replaced when its
s-maxage runs out.
"""

import hashlib
import logging
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from urllib.parse import quote

from django.conf import settings
from django.db import transaction

log = logging.getLogger(__name__)

KEYS_HEADER = "xkey"
SECRET_HEADER = "X-Purge-Secret"
# A purge names at most this many bytes of keys (Varnish takes 8 KB of a header by default).
BATCH_BYTES = 4000
# Seconds before each retry of a failed purge (in a thread: the publisher does not wait).
RETRIES = (1, 5, 25)


def key(dependency):
    """A dependency's string form as a key: spaces and commas separate keys, and a header
    holds ASCII, so those (the A to Z's letters: az:ko:ㄱ) are percent-encoded."""
    return quote(str(dependency), safe=":*.-_~/@+=")


def page_key(path):
    """A stored page's own key: what a release that renders it anew purges."""
    return "page:" + hashlib.sha256(path.encode()).hexdigest()[:16]


def keys_header(reads, path):
    return " ".join([*sorted(key(read) for read in reads), page_key(path)])


def front_cache_control():
    """What a shared cache may do with a stored page: keep it FRONT_CACHE_SECONDS, then
    answer with it while fetching it anew, and for long while the servers fail."""
    return {
        "s_maxage": settings.FRONT_CACHE_SECONDS,
        "stale_while_revalidate": settings.FRONT_CACHE_STALE_SECONDS,
        "stale_if_error": settings.FRONT_CACHE_STALE_IF_ERROR_SECONDS,
    }


def cache_control():
    """A stored page's Cache-Control: a browser asks again each time (with the ETag, and
    gets a 304 when nothing changed); a shared cache keeps it (front_cache_control)."""
    front = ", ".join(f"{k.replace('_', '-')}={v}" for k, v in front_cache_control().items())
    return f"public, max-age=0, {front}"


def purge_after_commit(dependencies):
    """Once the transaction commits (wherever the publication runs: a request, a task, a
    command), tell every front cache to forget the pages that read any of `dependencies`."""
    keys = sorted({key(d) for d in dependencies})
    if settings.FRONT_CACHE_PURGE and keys:
        transaction.on_commit(partial(purge, keys))


def _batches(keys):
    batch, size = [], 0
    for one in keys:
        if batch and size + len(one) + 1 > BATCH_BYTES:
            yield batch
            batch, size = [], 0
        batch.append(one)
        size += len(one) + 1
    if batch:
        yield batch


def purge(keys, *, endpoints=None, retries=RETRIES):
    """Purge `keys` on every endpoint now; what fails is tried again in a thread after each
    of `retries` seconds. Returns the endpoints that failed the first time."""
    failed = []
    for endpoint in endpoints or settings.FRONT_CACHE_PURGE:
        for batch in _batches(keys):
            if not _send(endpoint, batch, final=not retries):
                failed.append((endpoint, batch))
    if failed and retries:
        threading.Thread(target=_retry, args=(failed, retries), daemon=True).start()
    return sorted({endpoint for endpoint, _batch in failed})


def _retry(failed, retries):
    for n, delay in enumerate(retries, start=1):
        time.sleep(delay)
        final = n == len(retries)
        failed = [(e, batch) for e, batch in failed if not _send(e, batch, final=final)]
        if not failed:
            return


def _send(endpoint, batch, *, final):
    headers = {KEYS_HEADER: " ".join(batch)}
    if settings.FRONT_CACHE_SECRET:
        headers[SECRET_HEADER] = settings.FRONT_CACHE_SECRET
    request = urllib.request.Request(endpoint, method="PURGE", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=settings.FRONT_CACHE_PURGE_TIMEOUT) as answer:
            log.info("Purged %d keys on %s: %s", len(batch), endpoint, answer.reason)
            return True
    except urllib.error.HTTPError as error:
        if error.code in (401, 403):
            # Trying again changes nothing: the front cache's configuration must.
            log.error(
                "The front cache %s refused a purge (%s %s): check FRONT_CACHE_SECRET and "
                "FRONT_CACHE_PURGERS; its pages heal within s-maxage (%s s)",
                endpoint, error.code, error.reason, settings.FRONT_CACHE_SECONDS,
            )  # fmt: skip
            return True
        reason = f"{error.code} {error.reason}"
    except (OSError, urllib.error.URLError) as error:
        reason = str(getattr(error, "reason", error))
    if final:
        log.error(
            "Purging %d keys on %s failed (%s), and will not be tried again: its pages heal "
            "within s-maxage (%s s). Keys: %s",
            len(batch), endpoint, reason, settings.FRONT_CACHE_SECONDS, " ".join(batch),
        )  # fmt: skip
    else:
        log.warning("Purging %d keys on %s failed (%s); trying again", len(batch), endpoint,
                    reason)  # fmt: skip
    return False
