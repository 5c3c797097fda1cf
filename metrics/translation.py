from modeltranslation.translator import TranslationOptions, register

from metrics.models import Metric, RoleMetric


@register(Metric)
class MetricTranslationOptions(TranslationOptions):
    fields = ("name", "abbreviation", "definition", "calculation")


@register(RoleMetric)
class RoleMetricTranslationOptions(TranslationOptions):
    fields = ("note",)
