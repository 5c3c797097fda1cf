from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RolesConfig(AppConfig):
    name = "roles"
    verbose_name = _("Roles")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from roles.page_cache import content_changed

        # The only signal here: a save anywhere in the content drops the cached pages.
        post_save.connect(content_changed, dispatch_uid="page-cache-save")
        post_delete.connect(content_changed, dispatch_uid="page-cache-delete")
