"""Headers every response carries, whatever answered it.

Outermost of the middleware, so that static files and an answer made after a failure in an
outer layer (which never passed through django-csp or the clickjacking middleware) carry them
too: the features no page uses are switched off, other sites may not load our resources, and
nothing is framed or runs script against a policy it never got. An embeddable card's
frame-ancestors is set here too, to the origins allowed at the moment of answering
(content/framing.py), so that stored cards follow the list editors keep.
"""

from csp.constants import HEADER as CSP_HEADER
from csp.utils import build_policy
from django.conf import settings

from content.framing import card_policy, is_card, with_allowed_origins

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
# The link-preview script knowledge bases include (linking/cards.py) is read the same way.
CROSS_ORIGIN_PREFIXES = ("/static/img/", "/link-preview.js")


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.fallback_policy = build_policy()

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # The browser puts a 304's headers in place of those of the answer it keeps, and
        # Django's 304s keep only the caching ones: a card's gets its own policy again (with
        # the origins allowed now: its answers say no-cache, so a site allowed since the
        # browser kept the card shows it); any other gets none, so that the kept answer's
        # stays (the site's frame-ancestors 'none' would replace a card's).
        not_modified = response.status_code == 304
        card_revalidated = not_modified and is_card(request.path_info)
        shared = request.path_info.startswith(CROSS_ORIGIN_PREFIXES) or card_revalidated
        response.headers.setdefault(
            "Cross-Origin-Resource-Policy", "cross-origin" if shared else "same-origin"
        )
        # Normally set by django-csp and the clickjacking middleware further in (an embeddable
        # card has a policy and no X-Frame-Options); these only fill in for an answer that
        # did not pass through them.
        # Django's debug pages (404 and 500 in DEBUG) have inline script and style, which
        # django-csp leaves unpoliced too.
        debug_page = settings.DEBUG and response.status_code in (404, 500)
        if CSP_HEADER in response:
            # An embeddable card, stored or not: the origins allowed now, not when it was
            # rendered (editors change the list in the admin).
            response[CSP_HEADER] = with_allowed_origins(response[CSP_HEADER])
        elif card_revalidated and self.fallback_policy:
            response[CSP_HEADER] = card_policy(self.fallback_policy)
        elif self.fallback_policy and not (debug_page or not_modified):
            response[CSP_HEADER] = self.fallback_policy
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
