"""The read API's shapes of metrics."""

from typing import Literal

from ninja import Schema

from content.schemas import absolute, current_language
from metrics.models import RoleMetric

# What a role does with a metric, as its source says: it is judged by it, or it analyses and
# reports on it.
Kind = Literal[tuple(RoleMetric.Kind.values)]


def _kind(obj):
    return obj.kind or RoleMetric.Kind.JUDGED_BY


def _kind_label(obj):
    return str(RoleMetric.Kind(_kind(obj)).label)


class JudgedRole(Schema):
    """A role linked to a metric: judged by it, or reporting on it (`kind`)."""

    slug: str
    title: str
    kind: Kind
    kind_label: str
    note: str
    url: str

    @staticmethod
    def resolve_slug(obj):
        return obj.role.slug

    @staticmethod
    def resolve_title(obj):
        return obj.role.title

    @staticmethod
    def resolve_kind(obj):
        return _kind(obj)

    @staticmethod
    def resolve_kind_label(obj):
        return _kind_label(obj)

    @staticmethod
    def resolve_note(obj):
        return obj.note or ""

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.role.get_absolute_url())


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
    # All roles judged by it or reporting on it (the list shows the first of them; see
    # ?page= on one metric).
    roles_count: int
    roles: list[JudgedRole]

    @staticmethod
    def resolve_language(obj):
        return current_language()

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())

    @staticmethod
    def resolve_abbreviation(obj):
        return obj.abbreviation or ""

    @staticmethod
    def resolve_unit_label(obj):
        return obj.get_unit_display()

    @staticmethod
    def resolve_roles_count(obj):
        return obj.role_count

    @staticmethod
    def resolve_roles(obj):
        return obj.shown_role_metrics


class RoleMetricOut(Schema):
    """A metric as a role's article lists it, with what applies to that role."""

    code: str
    name: str
    abbreviation: str
    kind: Kind
    kind_label: str
    note: str
    url: str

    @staticmethod
    def resolve_code(obj):
        return obj.metric.code

    @staticmethod
    def resolve_name(obj):
        return obj.metric.name

    @staticmethod
    def resolve_abbreviation(obj):
        return obj.metric.abbreviation or ""

    @staticmethod
    def resolve_kind(obj):
        return _kind(obj)

    @staticmethod
    def resolve_kind_label(obj):
        return _kind_label(obj)

    @staticmethod
    def resolve_note(obj):
        return obj.note or ""

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.metric.get_absolute_url())
