"""Read API, v1: the list of roles."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from content.api import Error, PageNumber, in_language, is_slug
from content.published import find, find_by_id
from roles.models import Role, RoleSlug
from roles.published import published_roles
from roles.schemas import RoleSummary

router = Router(tags=["roles"])


def published_key(slug):
    """The slug a published role is at, for `slug` or a slug it had; None if none is."""
    if not is_slug(slug):
        return None
    if find(Role, slug) is not None:
        return slug
    address = RoleSlug.objects.filter(slug=slug, role__isnull=False).first()
    published = find_by_id(Role, address.role_id) if address else None
    return published.key if published else None


API_PAGE = 100


@router.get(
    "/roles/",
    response={200: list[RoleSummary], 400: Error, 404: Error},
    summary="All roles, a page of 100 at a time (?page=2 …), in editorial order",
)
@in_language
def role_list(request, language, page: PageNumber = 1):
    roles, _total = published_roles(page=page, size=API_PAGE)
    if page > 1 and not roles:
        return Status(404, {"error": _("There is no page %(page)s.") % {"page": page}})
    return roles
