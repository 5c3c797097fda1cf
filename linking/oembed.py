"""oEmbed (https://oembed.com): a knowledge base pastes a role or metric address and gets back
a card to embed, in the language of the address."""

import re
from urllib.parse import urlsplit

from django.http import JsonResponse
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.languages import CODES, SOURCE
from content.published import find, instance
from content.site_url import absolute, site_host
from metrics.published import published_metric
from roles.api import published_key
from roles.models import Role

LANGUAGES = "|".join(CODES)
ADDRESS = re.compile(
    rf"^/(?:(?P<language>{LANGUAGES})/)?(?:embed/)?(?P<kind>roles|metrics)/(?P<key>[a-z0-9-]+)/?$"
)
CARD_WIDTH, CARD_HEIGHT = 480, 360
# static/img/preview.png
PREVIEW_WIDTH, PREVIEW_HEIGHT = 1200, 630


def card_iframe(src, title, width=CARD_WIDTH, height=CARD_HEIGHT):
    """The markup that shows the card at `src`: what oEmbed answers and the pages offer to
    copy. Escaped: a title with a quote cannot open an attribute."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{}" loading="lazy"></iframe>',
        src,
        width,
        height,
        title,
    )


def _error(message, status):
    return JsonResponse({"error": message}, status=status)


def _find(kind, key):
    """The published role or metric at `key` (a role's old slug included), or None."""
    if kind == "metrics":
        return published_metric(key, with_roles=False)
    key = published_key(key)
    return instance(find(Role, key)) if key else None


def _size(request, name, default):
    try:
        wanted = int(request.GET.get(name, default))
    except ValueError:
        return default
    return max(1, min(default, wanted))


def _thumbnail(request):
    """The preview image, unless the consumer asked for a smaller one than it is: the
    specification has a thumbnail respect maxwidth and maxheight (a consumer asking for
    100 x 50 got 1200 x 630), and there is no smaller one to give."""
    for name, size in (("maxwidth", PREVIEW_WIDTH), ("maxheight", PREVIEW_HEIGHT)):
        limit = request.GET.get(name)
        if limit is None:
            continue
        if not (limit.isascii() and limit.isdigit()):
            return {}
        digits = limit.lstrip("0")
        if len(digits) < 6 and int(digits or 0) < size:  # never int() of 5,000 digits
            return {}
    return {
        "thumbnail_url": absolute(static("img/preview.png")),
        "thumbnail_width": PREVIEW_WIDTH,
        "thumbnail_height": PREVIEW_HEIGHT,
    }


@require_safe
def oembed(request):
    if (request.GET.get("format") or "json") != "json":
        return _error(_("Only the json format is supported."), 501)
    url = request.GET.get("url", "")
    if not url:
        return _error(_("Give the address of a page in the url parameter."), 400)
    try:
        parts = urlsplit(url)
    except ValueError:  # not an address at all: "http://[", say
        return _error(_("This address is not a role or metric page of this site."), 404)
    match = ADDRESS.match(parts.path)
    if parts.netloc.lower() != site_host().lower() or not match:
        return _error(_("This address is not a role or metric page of this site."), 404)
    obj = _find(match["kind"], match["key"])
    if obj is None:
        return _error(_("There is no role or metric at this address."), 404)

    language = match["language"]
    with translation.override(language or SOURCE):
        title = obj.title if isinstance(obj, Role) else obj.name
        kind = "roles" if isinstance(obj, Role) else "metrics"
        key = obj.slug if isinstance(obj, Role) else obj.code
    # A language-neutral address embeds a card that opens in each reader's language.
    prefix = f"/{language}" if language else ""
    src = absolute(f"{prefix}/embed/{kind}/{key}/")
    width, height = _size(request, "maxwidth", CARD_WIDTH), _size(request, "maxheight", CARD_HEIGHT)
    html = card_iframe(src, title, width, height)
    response = JsonResponse(
        {
            "version": "1.0",
            "type": "rich",
            "title": title,
            "provider_name": _("Role reference"),
            "provider_url": absolute("/"),
            "html": html,
            "width": width,
            "height": height,
            **_thumbnail(request),
            "cache_age": 3600,
        }
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
