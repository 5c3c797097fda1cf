"""Headers every response carries, whatever answered it.

Outermost of the middleware, so that static files and an answer made after a failure in an
outer layer (which never passed through django-csp or the clickjacking middleware) carry them
too: the features no page uses are switched off, other sites may not load our resources, and
nothing is framed or runs script against a policy it never got.
"""

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.conf import settings

from content.framing import with_allowed_origins

# Features no page of the site uses; each is off for the site and anything it frames.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
)  # fmt: skip

# Resources other sites may load: the card a knowledge base frames (embeddable() marks
# those) and the preview image oEmbed names as its thumbnail.
CROSS_ORIGIN_PREFIXES = ("/static/img/",)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.fallback_policy = build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        shared = request.path_info.startswith(CROSS_ORIGIN_PREFIXES)
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
        )
        # Normally set by django-csp and the clickjacking middleware further in (an embeddable
        # card has a policy and no X-Frame-Options); these only fill in for an answer that
        # did not pass through them.
        # Django's debug pages (404 and 500 in DEBUG) have inline script and style, which
        # django-csp leaves unpoliced too.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if CSP_HEADER not in response and self.fallback_policy and not debug_page:
            response[CSP_HEADER] = self.fallback_policy
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        elif CSP_HEADER in response:
            # An embeddable card, stored or not: the origins allowed now, not when it was
            # rendered (editors change the list in the admin).
            response[CSP_HEADER] = with_allowed_origins(response[CSP_HEADER])
        return response
