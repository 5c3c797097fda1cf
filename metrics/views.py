from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.framing import embeddable
from metrics.models import Metric


@require_safe
def metric_list(request):
    return render(
        request,
        "metrics/metric_list.html",
        {
            "metrics": Metric.objects.with_roles(),
            "title": _("Metrics"),
            "description": _("The metrics roles are judged by: what each measures and how."),
        },
    )


@require_safe
def metric_detail(request, code):
    metric = get_object_or_404(Metric.objects.with_roles(), code=code)
    return render(
        request,
        "metrics/metric_detail.html",
        {
            "metric": metric,
            "title": metric.name,
            "description": metric.definition,
            "oembed": True,
        },
    )


@embeddable
@require_safe
def metric_embed(request, code):
    metric = get_object_or_404(Metric.objects.with_roles(), code=code)
    full_url = request.build_absolute_uri(metric.get_absolute_url())
    context = {"metric": metric, "title": metric.name, "full_url": full_url}
    return render(request, "metrics/metric_embed.html", context)
