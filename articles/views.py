from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from articles.loader import load_article
from articles.parts import judged_then_reported
from articles.structured_data import classification_links, role_graph
from content import site_url
from content.formatting import long_date
from content.framing import embeddable
from content.languages import SOURCE
from content.site_url import absolute
from metrics.models import RoleMetric
from roles.views import moved_or_gone


@require_safe
def role_detail(request, slug):
    article = load_article(slug, get_language())
    if article is None:
        return moved_or_gone(request, slug, "articles:role-detail")
    role = article.role
    page_url = absolute(role.get_absolute_url())
    return render(
        request,
        "roles/role_detail.html",
        {
            "article": article,
            "role": role,
            "title": role.title,
            "description": role.summary,
            "og_type": "article",
            "oembed": True,
            "citation": citation(article),
            "classification": classification_links(role),
            "structured_data": role_graph(
                article, page_url=page_url, published_at=article.published_at
            ),
        },
    )


def citation(article, slug=None):
    """The address of the version of `article` readers see, and a citation of it to copy."""
    role = article.role
    # A version answers in the languages it was published in; a page shown in English for
    # want of a translation cites the English.
    language = get_language() if getattr(role, f"title_{get_language()}", "") else SOURCE
    with translation.override(language):
        kwargs = {"slug": slug or role.slug, "number": article.number}
        path = site_url.path("published:role-version", **kwargs)
    url = absolute(path)
    text = _("“%(title)s”. %(site)s, version %(number)s, published %(date)s. %(url)s") % {
        "title": role.title,
        "site": _("Role reference"),
        "number": article.number,
        "date": long_date(article.published_at.date()),
        "url": url,
    }
    return {"path": path, "url": url, "text": text, "number": article.number,
            "published_at": article.published_at}  # fmt: skip


@embeddable
@require_safe
def role_embed(request, slug):
    article = load_article(slug, get_language())
    if article is None:
        return moved_or_gone(request, slug, "articles:role-embed")
    role = article.role
    full_url = absolute(role.get_absolute_url())
    judged, reported = judged_then_reported(article.role_metrics)
    metrics = [(RoleMetric.Kind.JUDGED_BY, judged), (RoleMetric.Kind.REPORTS_ON, reported)]
    context = {
        "article": article,
        "role": role,
        "title": role.title,
        "description": role.summary,
        "full_url": full_url,
        "metrics_by_kind": [(kind, items) for kind, items in metrics if items],
    }
    return render(request, "roles/role_embed.html", context)
