"""Read API, v1: salary bands, per role."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from content.api import Error, in_language
from roles.api import published_key
from salaries.published import published_salaries
from salaries.schemas import RoleSalaries

router = Router(tags=["salaries"])


@router.get(
    "/salaries/", response={200: list[RoleSalaries], 400: Error}, summary="Every role's bands"
)
@in_language
def salary_list(request, language):
    roles, _locations = published_salaries()
    return [role for role in roles if role.salary_bands.all()]


@router.get(
    "/salaries/{slug}",
    response={200: RoleSalaries, 400: Error, 404: Error},
    summary="One role's bands",
)
@in_language
def role_salary(request, slug: str, language):
    key = published_key(slug)
    roles = published_salaries(key)[0] if key else []
    role = roles[0] if roles and roles[0].salary_bands.all() else None
    if role is None:
        message = _("There are no salary figures for %(slug)s.") % {"slug": repr(slug)}
        return Status(404, {"error": message})
    return role
