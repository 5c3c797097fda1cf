from django.contrib.sitemaps.views import sitemap
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.addresses import absolute
from content.paging import page_number
from roles.models import Section
from roles.published import published_roles


@require_safe
def linking_guide(request):
    base = absolute("")
    language = get_language()
    example = next(iter(published_roles(size=1)[0]), None)
    slug = example.slug if example else "customer-support-manager"
    examples = {
        "role": f"{base}/{language}/roles/{slug}/",
        "section": f"{base}/{language}/roles/{slug}/#salary",
        "fixed_language": f"{base}/uk/roles/{slug}/",
        "readers_language": f"{base}/roles/{slug}/",
        "metric": f"{base}/metrics/nps/",
        # The markup authors paste, escaped as oEmbed's html is; the page shows it as text.
        "iframe": format_html(
            '<iframe src="{}" width="480" height="360" title="{}" loading="lazy"></iframe>',
            f"{base}/embed/roles/{slug}/",
            example.title if example else slug,
        ),
        "oembed": f"{base}{reverse('oembed')}?url={base}/roles/{slug}/&format=json",
        "api": f"{base}/api/v1/roles/{slug}?lang={language}",
        "schema": f"{base}/api/v1/openapi.json",
        "docs": f"{base}/api/v1/docs",
    }
    return render(
        request,
        "linking/linking_guide.html",
        {
            "examples": examples,
            "section_ids": ", ".join(Section.Key.values),
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
