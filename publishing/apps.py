import os
import sys

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """Drafts becoming what readers see: publishing per language, review, history and
    rollback, and the pages rendered at publication and stored for readers."""

    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        # Models are loaded only now, as Django's documentation has it for signals.
        from articles.parts import PUBLISHABLE
        from publishing.signals import content_deleted

        # Deleting published content in the admin takes it from readers too.
        for model in PUBLISHABLE:
            post_delete.connect(content_deleted, sender=model, dispatch_uid=f"unpublish-{model}")

        # make run: runserver runs the task queue's worker in a thread (in the process that
        # serves, not in the autoreloader's parent).
        if (
            settings.TASKS_WORKER_THREAD
            and os.environ.get("RUN_MAIN") == "true"
            and "runserver" in sys.argv
        ):
            from publishing.worker import start_thread

            start_thread()
