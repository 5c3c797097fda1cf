from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.formatting import collation_key
from content.languages import text_in
from content.published import find_by_id
from roles.models import Role, RoleSlug
from roles.published import families_with_roles, published_roles


@require_safe
def index(request):
    families = families_with_roles()
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


@require_safe
def role_list(request):
    """Every published role A to Z by its title in the reader's language (English where it
    has none), in that language's alphabetical order."""
    language = get_language()
    roles = sorted(
        published_roles(),
        key=lambda role: (collation_key(text_in(role, "title", language)[0], language), role.pk),
    )
    return render(
        request,
        "roles/role_list.html",
        {
            "roles": roles,
            "title": _("Roles"),
            "description": _("Every role in the reference, in alphabetical order."),
        },
    )


def moved_or_gone(request, slug, url_name):
    """For a slug readers have no role at: redirect from a published role's old slug, or say
    the role is gone (deleted or unpublished)."""
    address = RoleSlug.objects.filter(slug=slug).first()
    if address is None:
        raise Http404
    published = find_by_id(Role, address.role_id) if address.role_id else None
    if published is None:
        context = {"title": _("This role has been removed")}
        return render(request, "roles/role_gone.html", context, status=410)
    return redirect(url_name, slug=published.key, permanent=True)
