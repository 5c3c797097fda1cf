"""Which pages other sites may show in a frame, and which sites may.

An embeddable card's answer says frame-ancestors 'self'; SecurityHeadersMiddleware
(content/headers.py) adds the allowed origins to it on every answer, stored pages included,
so that a change to the list applies at once without rendering the cards again. The list is
the server's EMBED_ALLOWED_ORIGINS and whatever the apps above the kernel register (linking:
the origins editors keep in the admin).
"""

import functools
import re

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt

_origin_sources = []
# A card's directive: 'self' as the view sets it, or with the origins allowed when it was
# stored (a stored page was rendered through this middleware too); other pages say 'none'.
_CARD_DIRECTIVE = re.compile(rf"(?:^|(?<=;))\s*frame-ancestors {SELF}[^;]*")
_ANY_DIRECTIVE = re.compile(r"(?:^|(?<=;))\s*frame-ancestors [^;]*")
# The cards' addresses (/<lang>/embed/…): a 304 there gets the card's policy (below).
_CARD_PATH = re.compile(r"^/[^/]+/embed/")


def allow_origins_from(source):
    """Register a callable giving more origins that may frame the cards."""
    _origin_sources.append(source)


def allowed_origins():
    """The origins that may frame the cards: the server's, then each registered source's."""
    origins = list(settings.EMBED_ALLOWED_ORIGINS)
    for source in _origin_sources:
        origins += [origin for origin in source() if origin not in origins]
    return origins


def _framed_by(policy, directive, sources):
    return directive.sub(f" frame-ancestors {' '.join(sources)}", policy, count=1).strip()


def with_allowed_origins(policy):
    """`policy` with a card's frame-ancestors made 'self' and the origins allowed now; any
    other policy (frame-ancestors 'none', every other page's) as it is."""
    if not _CARD_DIRECTIVE.search(policy):
        return policy
    return _framed_by(policy, _CARD_DIRECTIVE, [SELF, *allowed_origins()])


def is_card(path):
    return bool(_CARD_PATH.match(path))


def card_policy(policy):
    """The site's `policy` as a card's: framed by 'self' and the origins allowed now."""
    return _framed_by(policy, _ANY_DIRECTIVE, [SELF, *allowed_origins()])


def embeddable(view):
    """Embeddable cards may be framed by the knowledge bases on the allow-list, and only
    they: every other page keeps frame-ancestors 'none' and X-Frame-Options DENY."""
    framed = xframe_options_exempt(csp_replace({"frame-ancestors": [SELF]})(view))

    @functools.wraps(view)
    def card(request, *args, **kwargs):
        response = framed(request, *args, **kwargs)
        # Other sites' pages may load the card (SecurityHeadersMiddleware keeps the rest
        # same-origin).
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        # Asked for again at each view (a 304 when unchanged): which sites may frame it
        # changes without the card changing, and a browser must not keep a refusal.
        response["Cache-Control"] = "no-cache"
        # A card repeats what its page says: search engines index the page, not the card
        # (said in a header as well as the card's meta tag, for crawlers that read only one).
        response["X-Robots-Tag"] = "noindex"
        return response

    return card
