from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.loader import load_article
from articles.parts import judged_then_reported
from content.framing import embeddable
from content.site_url import absolute
from metrics.models import RoleMetric
from roles.views import moved_or_gone


@require_safe
def role_detail(request, slug):
    article = load_article(slug, get_language())
    if article is None:
        return moved_or_gone(request, slug, "articles:role-detail")
    role = article.role
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
        },
    )


@embeddable
@require_safe
def role_embed(request, slug):
    article = load_article(slug, get_language())
    if article is None:
        return moved_or_gone(request, slug, "articles:role-embed")
    role = article.role
    full_url = absolute(role.get_absolute_url())
    judged, reported = judged_then_reported(role.role_metrics.all())
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
