from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ScheduledPublication(models.Model):
    """An editor's "publish at" or "unpublish at" (expiry) of one language, or "unpublish
    at" of the whole object: the worker acts on it when its time comes (a task deferred to
    then, publishing/tasks.py), and records what happened."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("publish")
        UNPUBLISH = "unpublish", _("unpublish")

    class State(models.TextChoices):
        WAITING = "waiting", _("waiting")
        DONE = "done", _("done")
        REFUSED = "refused", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    name = models.CharField(_("content"), max_length=200)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # The language published or unpublished; empty for an unpublication of every language.
    language = models.CharField(_("language"), max_length=10, blank=True)
    at = models.DateTimeField(_("at"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    # What happened: the refusal's reason, or which publication it made.
    outcome = models.CharField(_("outcome"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("scheduled at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    # The deferred task that acts on it (django_tasks_db's DBTaskResult id).
    task_id = models.CharField(_("task"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("scheduled publication")
        verbose_name_plural = _("scheduled publications")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="scheduled_of_object")]

    def __str__(self):
        return f"{self.name}: {self.action} {self.language} at {self.at:%Y-%m-%d %H:%M}"


class ReleaseRender(models.Model):
    """Rendering every page again for a release of the code (or settings), in batches run by
    the worker while the previous release's pages are served: its progress, and the pages
    that would not render (they keep their old version)."""

    release = models.CharField(_("release"), max_length=64, unique=True)
    total = models.PositiveIntegerField(_("pages"), default=0)
    done = models.PositiveIntegerField(_("rendered"), default=0)
    # {path: reason}
    failed = models.JSONField(_("not rendered"), default=dict)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    # When the last batch was stored: the rate is done / (updated_at - started_at).
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("release rendering")
        verbose_name_plural = _("release renderings")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.release}: {self.done}/{self.total}"

    @property
    def pages_per_second(self):
        seconds = (self.updated_at - self.started_at).total_seconds()
        return self.done / seconds if seconds > 0 and self.done else None

    @property
    def percent(self):
        return 100 * self.done // self.total if self.total else 100


class TaskWorker(models.Model):
    """A worker process (manage.py work), seen lately: a task left running by a worker that
    is gone (killed, its machine lost) is run again or reported failed
    (publishing/worker.py)."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=255)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seen_at = models.DateTimeField(_("seen at"), default=timezone.now)

    class Meta:
        verbose_name = _("task worker")
        verbose_name_plural = _("task workers")

    def __str__(self):
        return self.worker_id
