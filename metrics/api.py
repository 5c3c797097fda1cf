"""Read API, v1: metrics."""

from django.utils.translation import gettext as _
from ninja import Router, Status

from content.api import Error, PageNumber, in_language, is_slug
from metrics.published import published_metric, published_metrics
from metrics.schemas import MetricOut

router = Router(tags=["metrics"])


@router.get("/metrics/", response={200: list[MetricOut], 400: Error}, summary="All metrics")
@in_language
def metric_list(request, language):
    return published_metrics()


@router.get(
    "/metrics/{code}", response={200: MetricOut, 400: Error, 404: Error}, summary="One metric"
)
@in_language
def metric_detail(request, code: str, language, page: PageNumber = 1):
    metric = published_metric(code, page=page) if is_slug(code) else None
    if metric is None:
        return Status(404, {"error": _("There is no metric %(code)s.") % {"code": repr(code)}})
    return metric
