from csp.constants import SELF
from csp.decorators import csp_replace
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from roles.article import load_article
from roles.models import Role, RoleFamily, RoleSlug, Section


def embeddable(view):
    """Embeddable cards may be framed by the knowledge bases on the allow-list, and only
    they: every other page keeps frame-ancestors 'none' and X-Frame-Options DENY."""
    allowed = csp_replace({"frame-ancestors": [SELF, *settings.EMBED_ALLOWED_ORIGINS]})
    return xframe_options_exempt(allowed(view))


@require_safe
def index(request):
    families = RoleFamily.objects.with_roles()
    return render(
        request,
        "roles/index.html",
        {
            "families": families,
            "title": _("Role reference"),
            "description": _(
                "What job roles involve, the metrics they are judged by and what they pay, "
                "in five languages."
            ),
        },
    )


def moved_or_gone(request, slug, url_name):
    """For a slug no role has now: redirect from a role's old slug, or say the role is gone."""
    address = RoleSlug.objects.select_related("role").filter(slug=slug).first()
    if address is None:
        raise Http404
    if address.role is None:
        context = {"title": _("This role has been removed")}
        return render(request, "roles/role_gone.html", context, status=410)
    return redirect(url_name, slug=address.role.slug, permanent=True)


@require_safe
def role_detail(request, slug):
    article = load_article(slug, get_language())
    if article is None:
        return moved_or_gone(request, slug, "roles:role-detail")
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
    role = Role.objects.for_card().filter(slug=slug).first()
    if role is None:
        return moved_or_gone(request, slug, "roles:role-embed")
    full_url = request.build_absolute_uri(role.get_absolute_url())
    context = {"role": role, "title": role.title, "full_url": full_url}
    return render(request, "roles/role_embed.html", context)


@require_safe
def linking_guide(request):
    base = request.build_absolute_uri("/").rstrip("/")
    language = get_language()
    example = Role.objects.first()
    slug = example.slug if example else "customer-support-manager"
    examples = {
        "role": f"{base}/{language}/roles/{slug}/",
        "section": f"{base}/{language}/roles/{slug}/#salary",
        "fixed_language": f"{base}/uk/roles/{slug}/",
        "readers_language": f"{base}/roles/{slug}/",
        "metric": f"{base}/metrics/nps/",
        "iframe": (
            f'<iframe src="{base}/embed/roles/{slug}/" width="480" height="360" '
            f'title="{example.title if example else slug}" loading="lazy"></iframe>'
        ),
        "oembed": f"{base}{reverse('oembed')}?url={base}/roles/{slug}/&format=json",
        "api": f"{base}/api/v1/roles/{slug}?lang={language}",
        "schema": f"{base}/api/v1/openapi.json",
    }
    return render(
        request,
        "roles/linking_guide.html",
        {
            "examples": examples,
            "section_ids": ", ".join(Section.Key.values),
            "title": _("For knowledge-base authors"),
            "description": _("How to link to roles, sections and languages, and embed a card."),
        },
    )


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /oembed",
        f"Sitemap: {sitemap}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
