"""Metrics as readers see them: what was published, with the published roles judged by
each or reporting on it (metric.shown_role_metrics, and metric.roles_by_kind), a page of them
at a time."""

from content.published import (
    TITLE,
    every,
    find,
    first_of_each,
    from_row,
    in_order,
    instance,
    label,
    sort,
)
from metrics.models import Metric, RoleMetric
from roles.models import Role

# Roles judged by a metric: shown on its page, a page at a time, and on the list of metrics.
METRIC_PAGE = 50
ON_LIST = 5


def _judged(metric, rows):
    """The RoleMetric of each published role in `rows` (with its `listed` role metrics) for
    `metric`, each with its role and metric, in the roles' order."""
    judged = []
    for published in rows:
        role = instance(published)
        for row in published.listed or []:
            if row["metric_id"] == metric.pk:
                role_metric = from_row(RoleMetric, row, published.schema)
                role_metric.role, role_metric.metric = role, metric
                judged.append(role_metric)
    return judged


def _by_kind(metric):
    """The metric's roles under what each does with it (metric.roles_by_kind): the roles
    judged by it, then those that analyse and report on it, each kind listed once."""
    kinds = [RoleMetric.Kind.JUDGED_BY, RoleMetric.Kind.REPORTS_ON]
    listed = metric.shown_role_metrics
    groups = [(kind, [rm for rm in listed if (rm.kind or kinds[0]) == kind]) for kind in kinds]
    metric.roles_by_kind = [(kind, items) for kind, items in groups if items]


def published_metric(code, *, with_roles=True, page=1):
    """The published metric with `code`, with a page of the roles judged by it (and
    metric.role_count), or None."""
    published = find(Metric, code)
    if published is None:
        return None
    metric = instance(published)
    if with_roles:
        rows, metric.role_count = in_order(
            Role, page=page, size=METRIC_PAGE, linking_to=metric, part=label(RoleMetric),
            shows=TITLE,
        )  # fmt: skip
        metric.shown_role_metrics = _judged(metric, rows)
        _by_kind(metric)
    return metric


def published_metrics():
    """Every published metric, in editorial order, each with the first roles judged by it
    (and metric.role_count)."""
    metrics = sort(map(instance, every(Metric)))
    firsts = first_of_each(Role, Metric, ON_LIST, part=label(RoleMetric), shows=TITLE)
    for metric in metrics:
        rows, metric.role_count = firsts.get(metric.pk, ([], 0))
        metric.shown_role_metrics = _judged(metric, rows)
        _by_kind(metric)
    return metrics
