"""Read API, v1: the list of roles."""

from ninja import Router

from content.api import Error, in_language, is_slug
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


@router.get("/roles/", response={200: list[RoleSummary], 400: Error}, summary="All roles")
@in_language
def role_list(request, language):
    return published_roles()
