from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from roles.article import build_article
from roles.models import Role, RoleFamily


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


def role_detail(request, slug):
    role = get_object_or_404(Role.objects.with_page_data(), slug=slug)
    return render(
        request,
        "roles/role_detail.html",
        {
            "article": build_article(role, get_language()),
            "role": role,
            "title": role.title,
            "description": role.summary,
            "og_type": "article",
        },
    )
