from django.contrib import admin

from content.admin import ContentAdmin, NeedsTranslationFilter
from salaries.models import Location, SalaryBand


@admin.register(Location)
class LocationAdmin(ContentAdmin):
    publishable = True
    list_display = ["name", "slug", "country", "currency", "order", "translation_status"]
    list_filter = ["country", NeedsTranslationFilter]
    search_fields = ["slug", "country"]
    searched_texts = ["name"]


@admin.register(SalaryBand)
class SalaryBandAdmin(ContentAdmin):
    listed_on_home = False
    list_display = [
        "role", "location", "track", "minimum", "maximum", "currency", "period",
        "translation_status",
    ]  # fmt: skip
    # Filtered by searching the role's slug, not by a sidebar listing every role: that
    # would grow with the roles. A role's own items: ?role__id__exact=<id>.
    list_filter = ["location", "track", NeedsTranslationFilter]
    search_fields = ["role__slug"]
    autocomplete_fields = ["role"]
    list_select_related = ["role", "location"]
    searched_texts = ["source"]
