from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from salaries.models import Location, SalaryBand


@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["name", "slug", "country", "currency", "order"]


@admin.register(SalaryBand)
class SalaryBandAdmin(TranslationAdmin):
    list_display = ["role", "location", "track", "minimum", "maximum", "currency", "period"]
    list_filter = ["role", "location", "track"]
