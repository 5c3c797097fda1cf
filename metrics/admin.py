from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from metrics.models import Metric, RoleMetric


@admin.register(Metric)
class MetricAdmin(TranslationAdmin):
    list_display = ["name", "code", "unit", "higher_is_better", "order"]
    search_fields = ["code", "name"]


@admin.register(RoleMetric)
class RoleMetricAdmin(TranslationAdmin):
    list_display = ["role", "metric", "order", "note"]
    list_filter = ["role", "metric"]
