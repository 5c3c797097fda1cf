"""Read API, v1: roles. Language from ?lang=, else the reader's (cookie, Accept-Language)."""

import datetime
import re
from typing import Literal

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from roles.article import load_article
from roles.models import SLUG_PATTERN, Role, RoleSlug
from salaries.formatting import money_range

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
Language = Literal[tuple(LANGUAGE_CODES)]
router = Router(tags=["roles"])


class Error(Schema):
    error: str


class Link(Schema):
    slug: str
    title: str
    url: str


class Family(Schema):
    slug: str
    name: str


class RoleSummary(Schema):
    slug: str
    language: str
    title: str
    abbreviation: str
    summary: str
    family: Family
    url: str
    api_url: str


class SectionOut(Schema):
    key: str
    heading: str
    text: str
    outdated: bool


class ResponsibilityOut(Schema):
    group: str | None
    title: str
    description: str


class RoleMetricOut(Schema):
    code: str
    name: str
    abbreviation: str
    note: str
    url: str


class NamedText(Schema):
    name: str
    description: str


class ToolOut(NamedText):
    examples: list[str]


class TitledText(Schema):
    title: str
    description: str


class CareerStepOut(TitledText):
    kind: str
    role: str | None


class TakeawayOut(Schema):
    question: str
    answer: str


class LocationOut(Schema):
    slug: str
    name: str
    country: str


class SalaryBandOut(Schema):
    location: LocationOut
    track: str
    track_label: str
    minimum: int
    maximum: int
    currency: str
    period: str
    period_label: str
    formatted: str
    source: str
    source_url: str
    as_of: datetime.date


class RoleOut(Schema):
    slug: str
    language: str
    url: str
    title: str
    abbreviation: str
    aliases: list[str]
    summary: str
    family: Family
    updated_on: datetime.date
    reading_minutes: int
    sections: list[SectionOut]
    responsibilities: list[ResponsibilityOut]
    metrics: list[RoleMetricOut]
    skills: list[NamedText]
    tools: list[ToolOut]
    best_practices: list[TitledText]
    career_path: list[CareerStepOut]
    takeaways: list[TakeawayOut]
    salary_bands: list[SalaryBandOut]
    related_roles: list[Link]
    alternates: dict[str, str]


def api_language(request, lang):
    """The language asked for (already validated against the five), or the reader's."""
    return lang or translation.get_language_from_request(request)


def invalid_request(request, exc):
    """Malformed parameters (such as an unknown ?lang=) answer 400 with a message, as
    documented, rather than ninja's default 422."""
    fields = ", ".join(str(e["loc"][-1]) for e in exc.errors)
    message = _("Invalid parameter: %(fields)s. lang must be one of: %(languages)s.") % {
        "fields": fields,
        "languages": ", ".join(LANGUAGE_CODES),
    }
    return JsonResponse({"error": message}, status=400)


def cacheable(response, language, negotiated):
    """Shared caches may keep an answer for five minutes; ETag comes from the middleware."""
    patch_cache_control(response, public=True, max_age=300)
    response["Content-Language"] = language
    if negotiated:
        patch_vary_headers(response, ("Accept-Language", "Cookie"))


def page_url(request, path):
    return request.build_absolute_uri(path)


def band_out(band, language):
    return {
        "location": {
            "slug": band.location.slug,
            "name": band.location.name,
            "country": band.location.country,
        },
        "track": band.track,
        "track_label": band.get_track_display(),
        "minimum": band.minimum,
        "maximum": band.maximum,
        "currency": band.currency,
        "period": band.period,
        "period_label": band.get_period_display(),
        "formatted": money_range(band.minimum, band.maximum, band.currency, language),
        "source": band.source,
        "source_url": band.source_url,
        "as_of": band.as_of,
    }


def role_summary(request, role, language):
    return {
        "slug": role.slug,
        "language": language,
        "title": role.title,
        "abbreviation": role.abbreviation or "",
        "summary": role.summary,
        "family": {"slug": role.family.slug, "name": role.family.name},
        "url": page_url(request, role.get_absolute_url()),
        "api_url": page_url(request, f"/api/v1/roles/{role.slug}?lang={language}"),
    }


def role_out(request, article, language):
    role = article.role
    return {
        **role_summary(request, role, language),
        "aliases": [alias.name for alias in article.aliases],
        "updated_on": role.updated_on,
        "reading_minutes": article.reading_minutes,
        "sections": [
            {
                "key": part.key,
                "heading": part.section.heading if part.section else str(part.label),
                "text": part.section.body if part.section else "",
                "outdated": part.outdated,
            }
            for part in article.sections
        ],
        "responsibilities": [
            {"group": r.group.title if r.group else None, "title": r.title,
             "description": r.description}
            for r in article.responsibilities
        ],
        "metrics": [
            {"code": rm.metric.code, "name": rm.metric.name,
             "abbreviation": rm.metric.abbreviation or "", "note": rm.note or "",
             "url": page_url(request, rm.metric.get_absolute_url())}
            for rm in article.role_metrics
        ],
        "skills": [{"name": s.name, "description": s.description} for s in article.skills],
        "tools": [
            {"name": t.name, "description": t.description,
             "examples": [e.strip() for e in t.examples.split(",") if e.strip()]}
            for t in article.tools
        ],
        "best_practices": [
            {"title": p.title, "description": p.description} for p in article.best_practices
        ],
        "career_path": [
            {"kind": s.kind, "title": s.title, "description": s.description,
             "role": s.target_role.slug if s.target_role else None}
            for s in article.career_steps
        ],
        "takeaways": [{"question": t.question, "answer": t.answer} for t in article.takeaways],
        "salary_bands": [band_out(b, language) for b in article.salary_bands],
        "related_roles": [
            {"slug": r.slug, "title": r.title, "url": page_url(request, r.get_absolute_url())}
            for r in article.related_roles
        ],
        "alternates": {
            code: page_url(request, f"/{code}/roles/{role.slug}/") for code in LANGUAGE_CODES
        },
    }  # fmt: skip


def is_slug(value):
    """Slugs and codes are lower-case ASCII words and hyphens; anything else names nothing
    (and must not reach the database: PostgreSQL refuses text with NUL bytes)."""
    return re.fullmatch(SLUG_PATTERN, value) is not None


def find_role(queryset, slug):
    """The role at `slug`, following an old slug to the role it moved to."""
    if not is_slug(slug):
        return None
    role = queryset.filter(slug=slug).first()
    if role is None:
        address = RoleSlug.objects.filter(slug=slug, role__isnull=False).first()
        role = queryset.filter(pk=address.role_id).first() if address else None
    return role


@router.get("/roles/", response={200: list[RoleSummary], 400: Error}, summary="All roles")
def role_list(request, response: HttpResponse, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        roles = Role.objects.select_related("family").order_by("order", "pk")
        data = [role_summary(request, role, language) for role in roles]
    cacheable(response, language, negotiated=lang is None)
    return data


@router.get("/roles/{slug}", response={200: RoleOut, 400: Error, 404: Error}, summary="One role")
def role_detail(request, response: HttpResponse, slug: str, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        role = find_role(Role.objects.all(), slug)
        if role is None:
            return Status(404, {"error": _("There is no role %(slug)s.") % {"slug": repr(slug)}})
        data = role_out(request, load_article(role.slug, language), language)
    cacheable(response, language, negotiated=lang is None)
    return data
