from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.access import EDITORS
from content.languages import CODES
from content.paging import page_number
from content.site_url import absolute
from linking.oembed import card_iframe
from roles.models import Section
from roles.published import published_roles

# The files of the whole reference per language (publishing/downloads.py makes them).
DOWNLOADS = [
    "reference.jsonld",
    "roles.csv",
    "responsibilities.csv",
    "metrics.csv",
    "salary-bands.csv",
]

# The roles looked at for an example published in every language.
EXAMPLE_CANDIDATES = 50


def example_role():
    """The first role, in editorial order, whose title and summary are published in every
    language, so that each example reads in whichever language the author tries; else the
    first role (a new role may be in English alone)."""
    roles, _total = published_roles(size=EXAMPLE_CANDIDATES)
    complete = (
        role
        for role in roles
        if all(getattr(role, f"{field}_{code}") for field in ("title", "summary") for code in CODES)
    )
    return next(complete, roles[0] if roles else None)


def _contact(contact):
    """The editors' contact as a link: a web address, or an e-mail address to write to."""
    if not contact:
        return ""
    href = contact if "://" in contact else f"mailto:{contact}"
    return format_html('<a href="{}">{}</a>', href, contact)


@require_safe
def linking_guide(request):
    base = absolute("")
    language = get_language()
    example = example_role()
    slug = example.slug if example else "customer-support-manager"
    oembed_query = urlencode({"url": f"{base}/roles/{slug}/", "format": "json"})
    examples = {
        "role": f"{base}/{language}/roles/{slug}/",
        "section": f"{base}/{language}/roles/{slug}/#salary",
        "fixed_language": f"{base}/uk/roles/{slug}/",
        "readers_language": f"{base}/roles/{slug}/",
        "metric": f"{base}/metrics/nps/",
        # The markup authors paste, escaped as oEmbed's html is; the page shows it as text.
        "iframe": card_iframe(f"{base}/embed/roles/{slug}/", example.title if example else slug),
        "oembed": f"{base}{reverse('oembed')}?{oembed_query}",
        "api": f"{base}/api/v1/roles/{slug}?lang={language}",
        "schema": f"{base}/api/v1/openapi.json",
        "docs": f"{base}/api/v1/docs",
        "version": f"{base}/{language}/roles/{slug}/versions/1/",
        "feed": absolute(reverse("published:feed")),
        "preview_script": f'<script src="{base}{reverse("link-preview")}" defer></script>',
    }
    downloads = [
        (name, absolute(reverse("published:download", kwargs={"name": name}))) for name in DOWNLOADS
    ]
    return render(
        request,
        "linking/linking_guide.html",
        {
            "examples": examples,
            "downloads": downloads,
            # In code, which breaks anywhere: the address is wider than a phone.
            "licence": format_html(
                '<a href="{0}"><code>{0}</code></a>', settings.CONTENT_LICENCE_URL
            ),
            "origin": base,
            "section_ids": ", ".join(Section.Key.values),
            "editors_contact": _contact(settings.EDITORS_CONTACT),
            "editors_group": EDITORS,
            "title": _("For knowledge-base authors"),
            "description": _("How to link to roles, sections and languages, and embed a card."),
        },
    )


@require_safe
def robots_txt(request):
    sitemap = absolute(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /oembed",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_section(request, section, sitemaps):
    """A page of one sitemap (?p=2 as the index writes it); any other ?p= names none
    (Django's paginator read "01" and an Arabic-Indic 1 as page 1: one page, many
    addresses)."""
    if "p" in request.GET and page_number(request.GET["p"]) is None:
        raise Http404
    return sitemap(request, sitemaps, section=section)
