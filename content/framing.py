"""Which pages other sites may show in a frame."""

import functools

from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.views.decorators.clickjacking import xframe_options_exempt


def embeddable(view):
    """Embeddable cards may be framed by the knowledge bases on the allow-list, and only
    they: every other page keeps frame-ancestors 'none' and X-Frame-Options DENY."""
    allowed = csp_replace({"frame-ancestors": [SELF, *settings.EMBED_ALLOWED_ORIGINS]})
    framed = xframe_options_exempt(allowed(view))

    @functools.wraps(view)
    def card(request, *args, **kwargs):
        response = framed(request, *args, **kwargs)
        # Other sites' pages may load the card (SecurityHeadersMiddleware keeps the rest
        # same-origin).
        response["Cross-Origin-Resource-Policy"] = "cross-origin"
        return response

    return card
