from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.loader import load_article
from content.addresses import absolute
from content.framing import embeddable
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
    context = {"article": article, "role": role, "title": role.title, "full_url": full_url}
    return render(request, "roles/role_embed.html", context)
