from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    """What every kind of content shares: the language registry, the base model, text rules,
    formatting, permissions, outdated marks and what was published."""

    name = "content"
    verbose_name = _("Content")

    def ready(self):
        from django.urls import register_converter

        from content.paging import LetterConverter, PageNumberConverter

        register_converter(PageNumberConverter, "page")
        register_converter(LetterConverter, "letter")
