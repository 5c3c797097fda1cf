from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _

from content.page_cache import content_changed


class ContentConfig(AppConfig):
    """What every kind of content shares: the language registry, the base model, text rules,
    formatting, permissions and outdated marks."""

    name = "content"
    verbose_name = _("Content")

    def ready(self):
        # The only signal here: a save anywhere in the content drops the cached pages.
        post_save.connect(content_changed, dispatch_uid="page-cache-save")
        post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
