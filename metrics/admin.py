from django.contrib import admin

from content.admin import ContentAdmin, NeedsTranslationFilter
from metrics.models import Metric, RoleMetric


@admin.register(Metric)
class MetricAdmin(ContentAdmin):
    publishable = True
    list_display = ["name", "code", "unit", "higher_is_better", "order", "translation_status"]
    list_filter = ["unit", "higher_is_better", NeedsTranslationFilter]
    search_fields = ["code"]
    searched_texts = ["name", "abbreviation", "definition"]


@admin.register(RoleMetric)
class RoleMetricAdmin(ContentAdmin):
    listed_on_home = False
    list_display = ["role", "metric", "kind", "order", "note", "translation_status"]
    # Filtered by searching the role's slug, not by a sidebar listing every role: that
    # would grow with the roles. A role's own items: ?role__id__exact=<id>.
    list_filter = ["metric", "kind", NeedsTranslationFilter]
    search_fields = ["role__slug"]
    autocomplete_fields = ["role"]
    list_select_related = ["role", "metric"]
    searched_texts = ["note"]
