"""Read API, v1: metrics."""

from django.http import HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from metrics.models import Metric
from roles.api import Error, Language, api_language, cacheable, is_slug, page_url

router = Router(tags=["metrics"])


class JudgedRole(Schema):
    slug: str
    title: str
    note: str
    url: str


class MetricOut(Schema):
    code: str
    language: str
    url: str
    name: str
    abbreviation: str
    definition: str
    calculation: str
    unit: str
    unit_label: str
    higher_is_better: bool
    roles: list[JudgedRole]


def metric_out(request, metric, language):
    return {
        "code": metric.code,
        "language": language,
        "url": page_url(request, metric.get_absolute_url()),
        "name": metric.name,
        "abbreviation": metric.abbreviation or "",
        "definition": metric.definition,
        "calculation": metric.calculation,
        "unit": metric.unit,
        "unit_label": metric.get_unit_display(),
        "higher_is_better": metric.higher_is_better,
        "roles": [
            {
                "slug": rm.role.slug,
                "title": rm.role.title,
                "note": rm.note or "",
                "url": page_url(request, rm.role.get_absolute_url()),
            }
            for rm in metric.role_metrics.all()
        ],
    }


@router.get("/metrics/", response={200: list[MetricOut], 400: Error}, summary="All metrics")
def metric_list(request, response: HttpResponse, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        data = [metric_out(request, m, language) for m in Metric.objects.with_roles()]
    cacheable(response, language, negotiated=lang is None)
    return data


@router.get(
    "/metrics/{code}", response={200: MetricOut, 400: Error, 404: Error}, summary="One metric"
)
def metric_detail(request, response: HttpResponse, code: str, lang: Language | None = None):
    language = api_language(request, lang)
    with translation.override(language):
        metric = Metric.objects.with_roles().filter(code=code).first() if is_slug(code) else None
        if metric is None:
            return Status(404, {"error": _("There is no metric %(code)s.") % {"code": repr(code)}})
        data = metric_out(request, metric, language)
    cacheable(response, language, negotiated=lang is None)
    return data
