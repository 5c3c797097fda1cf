"""Allowed embed origins, kept by editors, with their history (who added or removed which
site, and when) and revert."""

from django import forms
from django.conf import settings
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from linking.models import EmbedOrigin


class EmbedOriginForm(forms.ModelForm):
    class Meta:
        model = EmbedOrigin
        fields = ["origin", "name", "note"]

    def clean_origin(self):
        # What a browser sends as a page's origin: lower case, no trailing slash.
        return self.cleaned_data["origin"].strip().rstrip("/").lower()


@admin.register(EmbedOrigin)
class EmbedOriginAdmin(SimpleHistoryAdmin):
    form = EmbedOriginForm
    list_display = ["origin", "name"]
    search_fields = ["origin", "name", "note"]

    def changelist_view(self, request, extra_context=None):
        # The server's own list is allowed whatever editors keep here; say so.
        extra_context = {
            **(extra_context or {}),
            "settings_origins": settings.EMBED_ALLOWED_ORIGINS,
        }
        return super().changelist_view(request, extra_context)
