from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Search: what readers find of the published content, in every language, through the
    database's own full-text and trigram indexes."""

    name = "search"
    verbose_name = _("Search")
