from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.framing import embeddable
from content.paging import Pages, checked
from content.site_url import absolute
from metrics.published import METRIC_PAGE, published_metric, published_metrics
from metrics.structured_data import metric_graph, metric_list_graph


@require_safe
def metric_list(request):
    metrics = published_metrics()
    title = _("Metrics")
    description = _(
        "What each metric measures, how it is calculated, and the roles judged by it "
        "or reporting on it."
    )
    return render(
        request,
        "metrics/metric_list.html",
        {
            "metrics": metrics,
            "title": title,
            "description": description,
            "structured_data": metric_list_graph(metrics, title, description),
        },
    )


def _metric(code, **options):
    metric = published_metric(code, **options)
    if metric is None:
        raise Http404
    return metric


@require_safe
def metric_detail(request, code, page=1):
    metric = _metric(code, page=page)
    checked(page, metric.role_count, METRIC_PAGE)
    address = reverse("metrics:metric-detail", args=[code])
    return render(
        request,
        "metrics/metric_detail.html",
        {
            "metric": metric,
            "pages": Pages(page, metric.role_count, METRIC_PAGE, address),
            "title": metric.name,
            "description": metric.definition,
            "oembed": True,
            "structured_data": metric_graph(metric),
        },
    )


@embeddable
@require_safe
def metric_embed(request, code):
    metric = _metric(code, with_roles=False)
    full_url = absolute(metric.get_absolute_url())
    context = {
        "metric": metric,
        "title": metric.name,
        "description": metric.definition,
        "full_url": full_url,
    }
    return render(request, "metrics/metric_embed.html", context)
