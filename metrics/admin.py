from django.contrib import admin

from metrics.models import Metric, RoleMetric
from roles.content_admin import ContentAdmin, NeedsTranslationFilter


@admin.register(Metric)
class MetricAdmin(ContentAdmin):
    list_display = ["name", "code", "unit", "higher_is_better", "order", "translation_status"]
    list_filter = ["unit", "higher_is_better", NeedsTranslationFilter]
    search_fields = ["code"]
    searched_texts = ["name", "abbreviation", "definition"]


@admin.register(RoleMetric)
class RoleMetricAdmin(ContentAdmin):
    list_display = ["role", "metric", "order", "note", "translation_status"]
    list_filter = ["role", "metric", NeedsTranslationFilter]
    list_select_related = ["role", "metric"]
    searched_texts = ["note"]
