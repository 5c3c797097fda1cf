from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from roles.models import RoleFamily, RoleSlug


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
