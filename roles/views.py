from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.negotiation import in_this_language_only, language_links
from content.paging import Pages, checked
from content.published import find_by_id
from roles.models import Role, RoleSlug
from roles.published import (
    FAMILIES_ON_INDEX,
    FAMILY_PAGE,
    LETTER_PAGE,
    families_with_roles,
    family_roles,
    roles_a_to_z,
    roles_under,
)


@require_safe
def index(request, page=1):
    families, total = families_with_roles(page)
    checked(page, total, FAMILIES_ON_INDEX)
    return render(
        request,
        "roles/index.html",
        {
            "families": families,
            "pages": Pages(page, total, FAMILIES_ON_INDEX, reverse("roles:index")),
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
    has none), under its first letter: the first few of each, and each letter's page."""
    return render(
        request,
        "roles/role_list.html",
        {
            "letters": roles_a_to_z(get_language()),
            "title": _("Roles"),
            "description": _("Every role in the reference, in alphabetical order."),
        },
    )


def _a_to_z_in(code):
    with translation.override(code):
        return reverse("roles:role-list")


@require_safe
def role_letter(request, letter, page=1):
    roles, total = roles_under(get_language(), letter, page)
    if not total:
        raise Http404  # no title starts with it (any more)
    checked(page, total, LETTER_PAGE)
    links = language_links(request)["language_links"]
    return render(
        request,
        "roles/role_letter.html",
        {
            # A letter belongs to its language's alphabet: /hi/roles/a-z/c/ is no page.
            "language_links": in_this_language_only(links, _a_to_z_in),
            "letter": letter,
            "roles": roles,
            "pages": Pages(page, total, LETTER_PAGE, reverse("roles:role-letter", args=[letter])),
            "title": _("Roles: %(letter)s") % {"letter": letter.upper()},
            "description": _("Every role in the reference, in alphabetical order."),
        },
    )


@require_safe
def family_detail(request, slug, page=1):
    found = family_roles(slug, page)
    if found is None:
        raise Http404
    family, roles, total = found
    checked(page, total, FAMILY_PAGE)
    return render(
        request,
        "roles/family_detail.html",
        {
            "family": family,
            "roles": roles,
            "pages": Pages(page, total, FAMILY_PAGE, reverse("roles:family-detail", args=[slug])),
            "title": family.name,
            "description": _("The roles of this family in the reference."),
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
