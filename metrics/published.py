"""Metrics as readers see them: what was published, with the published roles judged by
each (metric.role_metrics.all)."""

from content.published import attach, every, find, from_row, instance, label, linking, sort
from metrics.models import Metric, RoleMetric
from roles.models import Role


def _judge(metrics, role_publications):
    by_metric = {metric.pk: [] for metric in metrics}
    for published in role_publications:
        role = instance(published)
        for row in published.parts.get(label(RoleMetric), []):
            if row["metric_id"] in by_metric:
                role_metric = from_row(RoleMetric, row)
                role_metric.role = role
                by_metric[role_metric.metric_id].append(role_metric)
    for metric in metrics:
        judged = sorted(by_metric[metric.pk], key=lambda rm: (rm.role.order, rm.role.pk))
        for role_metric in judged:
            role_metric.metric = metric
        attach(metric, "role_metrics", judged)
    return metrics


def published_metric(code, *, with_roles=True):
    """The published metric with `code`, or None."""
    published = find(Metric, code)
    if published is None:
        return None
    metric = instance(published)
    if with_roles:
        _judge([metric], linking(Role, metric, with_parts=True))
    return metric


def published_metrics():
    """Every published metric, in editorial order, each with the roles judged by it."""
    return _judge(sort(map(instance, every(Metric))), every(Role, with_parts=True))
