from django.shortcuts import get_object_or_404, render

from metrics.models import Metric


def metric_list(request):
    return render(request, "metrics/metric_list.html", {"metrics": Metric.objects.all()})


def metric_detail(request, code):
    metric = get_object_or_404(Metric, code=code)
    return render(request, "metrics/metric_detail.html", {"metric": metric})
