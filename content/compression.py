"""Answers compressed once, and the variant a client accepts (RFC 9110, 12.5.3).

Stored pages and kept search answers are compressed when they are made, not per request
(Django's GZipMiddleware would compress every answer again); a request then picks one of
the variants by its Accept-Encoding, q-values included: a client that refused an encoding
(`br;q=0`) must never get it.
"""

import gzip
import re

import brotli
from django.utils.cache import patch_vary_headers

# The variants made, in the order preferred when a client accepts several as much.
OFFERED = ("br", "gzip")
# RFC 9110: recipients treat x-gzip as gzip.
_ALIASES = {"x-gzip": "gzip"}
_QVALUE = re.compile(r"(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)")


def _weights(header):
    """{coding: q} of an Accept-Encoding header; an element whose q-value is malformed is
    left out, as a coding the client did not name."""
    weights = {}
    for element in header.split(","):
        coding, *params = (part.strip() for part in element.split(";"))
        coding = _ALIASES.get(coding.lower(), coding.lower())
        if not coding:
            continue
        q = 1.0
        for param in params:
            name, _eq, value = param.partition("=")
            if name.strip().lower() != "q":
                continue
            value = value.strip()
            if not _QVALUE.fullmatch(value):
                q = None
                break
            q = float(value)
        if q is not None:
            # A coding named twice: the first mention stands, as in most servers.
            weights.setdefault(coding, q)
    return weights


def preferred_encoding(header):
    """The variant to send for `header` (the request's Accept-Encoding, or None when it has
    none): "br", "gzip", or None for the uncompressed body.

    Without the header, the uncompressed body (RFC 9110 allows any coding, but a client that
    says nothing may be one that cannot decode). A coding is acceptable with q > 0, named or
    through "*"; the highest q wins, then OFFERED's order; identity wins only when named
    with a higher q than every acceptable coding. When nothing is acceptable, not even
    identity, the body goes uncompressed all the same (a 406 helps no reader).
    """
    if not header:
        return None
    weights = _weights(header)
    anything = weights.get("*", 0.0)
    # Identity unnamed is acceptable, but any coding the client names is preferred to it.
    best, best_q = None, weights.get("identity", 0.0)
    for coding in OFFERED:
        q = weights.get(coding, anything)
        if q > 0 and (q > best_q or (q == best_q and best is None)):
            best, best_q = coding, q
    return best


def variants(body, only=None):
    """{"gzip": …, "br": …}: the compressed forms of `body` (or only one of them)."""
    made = {
        # Level 6 (zlib's default): pages 0.7% larger than at 9, in half the time (every
        # page a publication changes is compressed while the editor waits).
        "gzip": lambda: gzip.compress(body, compresslevel=6, mtime=0),
        # Quality 5: most of the saving, at a small part of the cost of 11.
        "br": lambda: brotli.compress(body, quality=5),
    }
    return {name: make() for name, make in made.items() if only in (None, name)}


# Types worth compressing; shorter bodies than this gain nothing.
_TEXTUAL = ("text/", "application/json", "application/xml", "application/opensearchdescription")
_SMALLEST = 200
# The URL namespaces whose answers are made on request and compressed by the middleware.
COMPRESSED_NAMESPACES = {"search", "api"}


def compressed_for(request, response):
    """`response` compressed as the client accepts, when it is a whole textual answer not
    compressed yet; else as it was. The answer varies on Accept-Encoding either way."""
    if response.streaming or response.has_header("Content-Encoding"):
        return response
    if not response.get("Content-Type", "").startswith(_TEXTUAL):
        return response
    patch_vary_headers(response, ["Accept-Encoding"])
    encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING"))
    if encoding is None or len(response.content) < _SMALLEST:
        return response
    body = variants(response.content, only=encoding)[encoding]
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = encoding
    if response.has_header("ETag"):
        # Each encoding is its own representation, with its own ETag.
        response["ETag"] = f'"{response["ETag"].strip(chr(34))}-{encoding}"'
    return response


class CompressionMiddleware:
    """Answers made on request that readers ask for again and again (search results, the
    API's schema and documentation) compressed as the reader accepts. Outside it, search
    answers kept in memory are kept compressed, one variant per encoding, so each is
    compressed once. Only public answers that hold no secret: never the admin, whose pages
    carry a CSRF token beside what the reader typed (BREACH)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None or not set(match.namespaces) & COMPRESSED_NAMESPACES:
            return response
        return compressed_for(request, response)
