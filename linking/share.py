"""The "Link and embed" panel of role and metric pages: the addresses a knowledge-base
author copies, built from SITE_URL (stored pages are the same for every reader). The panel
is jinja2/linking/includes/link_and_embed.html, rendered by config/jinja2.link_and_embed."""

from urllib.parse import urlencode

from django.utils.translation import get_language

from content.site_url import absolute, path
from linking.oembed import card_iframe
from roles.models import Role


def addresses(obj, section):
    """The addresses of a role's or metric's page, its `section` and its card."""
    language = get_language()
    if isinstance(obj, Role):
        title, embed = obj.title, path("articles:role-embed", slug=obj.slug)
    else:
        title, embed = obj.name, path("metrics:metric-embed", code=obj.code)
    page = obj.get_absolute_url()
    # Without the language prefix: opens in each reader's language (the slug or code is
    # the same in every language).
    permanent = absolute(page.removeprefix(f"/{language}"))
    query = urlencode({"url": absolute(page), "format": "json"})
    return {
        "permanent": permanent,
        "section": f"{permanent}#{section}" if section else None,
        "iframe": card_iframe(absolute(embed), title),
        "oembed": f"{absolute(path('oembed'))}?{query}",
    }
