from django.contrib import admin

from content.admin import ContentAdmin, NeedsTranslationFilter
from roles.models import RoleFamily


@admin.register(RoleFamily)
class RoleFamilyAdmin(ContentAdmin):
    publishable = True
    list_display = ["name", "slug", "order", "translation_status"]
    list_filter = [NeedsTranslationFilter]
    search_fields = ["slug"]
    searched_texts = ["name"]
