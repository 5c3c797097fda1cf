"""Read API, v1: salary bands, per role."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from content.api import Error, PageNumber, in_language
from roles.api import published_key
from salaries.published import published_salaries, role_salaries
from salaries.schemas import RoleSalaries

router = Router(tags=["salaries"])


@router.get(
    "/salaries/",
    response={200: list[RoleSalaries], 400: Error, 404: Error},
    summary="Every role's bands, a page of 20 roles at a time (?page=2 …)",
)
@in_language
def salary_list(request, language, page: PageNumber = 1):
    roles, _total = published_salaries(page)
    if page > 1 and not roles:
        return Status(404, {"error": _("There is no page %(page)s.") % {"page": page}})
    return roles


@router.get(
    "/salaries/{slug}",
    response={200: RoleSalaries, 400: Error, 404: Error},
    summary="One role's bands",
)
@in_language
def role_salary(request, slug: str, language):
    key = published_key(slug)
    role = role_salaries(key) if key else None
    if role is None or not role.bands:
        message = _("There are no salary figures for %(slug)s.") % {"slug": repr(slug)}
        return Status(404, {"error": message})
    return role
