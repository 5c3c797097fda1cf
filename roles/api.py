"""Read API, v1: the list of roles."""

from ninja import Router

from content.api import Error, in_language, is_slug
from roles.models import Role, RoleSlug
from roles.schemas import RoleSummary

router = Router(tags=["roles"])


def find_role(queryset, slug):
    """The role at `slug` in `queryset`, following an old slug to the role it moved to."""
    if not is_slug(slug):
        return None
    role = queryset.filter(slug=slug).first()
    if role is None:
        address = RoleSlug.objects.filter(slug=slug, role__isnull=False).first()
        role = queryset.filter(pk=address.role_id).first() if address else None
    return role


@router.get("/roles/", response={200: list[RoleSummary], 400: Error}, summary="All roles")
@in_language
def role_list(request, language):
    roles = Role.objects.select_related("family").order_by("order", "pk")
    return list(roles)
