"""Read API, v1: salary bands, per role."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from roles.api import (
    Error,
    Language,
    Link,
    SalaryBandOut,
    api_language,
    band_out,
    cacheable,
    find_role,
    page_url,
)
from roles.models import Role

router = Router(tags=["salaries"])


class RoleSalaries(Schema):
    language: str
    role: Link
    bands: list[SalaryBandOut]


def role_salaries(request, role, language):
    return {
        "language": language,
        "role": {
            "slug": role.slug,
            "title": role.title,
            "url": page_url(request, role.get_absolute_url()),
        },
        "bands": [band_out(band, language) for band in role.salary_bands.all()],
    }


@router.get(
    "/salaries/", response={200: list[RoleSalaries], 400: Error}, summary="Every role's bands"
)
def salary_list(request, response: HttpResponse, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        data = [role_salaries(request, r, language) for r in Role.objects.with_salary_bands()]
    cacheable(response, language, negotiated=lang is None)
    return data


@router.get(
    "/salaries/{slug}",
    response={200: RoleSalaries, 400: Error, 404: Error},
    summary="One role's bands",
)
def role_salary(request, response: HttpResponse, slug: str, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        role = find_role(Role.objects.with_salary_bands(), slug)
        if role is None:
            message = _("There are no salary figures for %(slug)s.") % {"slug": repr(slug)}
            return Status(404, {"error": message})
        data = role_salaries(request, role, language)
    cacheable(response, language, negotiated=lang is None)
    return data
