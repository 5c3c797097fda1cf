"""Read API, v1: salary bands, per role."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from content.api import Error, in_language
from roles.api import find_role
from salaries.models import roles_with_salary_bands
from salaries.schemas import RoleSalaries

router = Router(tags=["salaries"])


@router.get(
    "/salaries/", response={200: list[RoleSalaries], 400: Error}, summary="Every role's bands"
)
@in_language
def salary_list(request, language):
    return list(roles_with_salary_bands())


@router.get(
    "/salaries/{slug}",
    response={200: RoleSalaries, 400: Error, 404: Error},
    summary="One role's bands",
)
@in_language
def role_salary(request, slug: str, language):
    role = find_role(roles_with_salary_bands(), slug)
    if role is None:
        message = _("There are no salary figures for %(slug)s.") % {"slug": repr(slug)}
        return Status(404, {"error": message})
    return role
