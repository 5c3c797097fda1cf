"""The glossary in the admin, kept by editors; translators may read it."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from workspace.models import GlossaryTerm, GlossaryTranslation


class GlossaryTranslationInline(admin.TabularInline):
    model = GlossaryTranslation
    extra = 0


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ["term", "approved", "do_not_translate"]
    list_filter = ["do_not_translate"]
    search_fields = ["term", "note", "translations__text"]
    inlines = [GlossaryTranslationInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    @admin.display(description=_("approved translations"))
    def approved(self, obj):
        return "; ".join(f"{t.language}: {t.text}" for t in obj.translations.all())
