import simple_history
from modeltranslation.translator import TranslationOptions, register

from metrics.models import Metric, RoleMetric


@register(Metric)
class MetricTranslationOptions(TranslationOptions):
    fields = ("name", "abbreviation", "definition", "calculation")


@register(RoleMetric)
class RoleMetricTranslationOptions(TranslationOptions):
    fields = ("note",)


# After the translated columns exist, so that history records every language.
simple_history.register(Metric)
