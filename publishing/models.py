from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Publication(models.Model):
    """One publication of one piece of content: who, when, which languages, what changed,
    and the rows readers were shown from then on (kept for rollback)."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("published")
        ROLLBACK = "rollback", _("rolled back")
        UNPUBLISH = "unpublish", _("unpublished")

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    key = models.CharField(_("key"), max_length=80)
    number = models.PositiveIntegerField(_("number"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    languages = models.JSONField(_("languages"), default=list)
    # {language: ["title", "responsibilities: description", …]}: the texts that changed.
    changes = models.JSONField(_("changes"), default=dict)
    head = models.JSONField(_("row"), encoder=DjangoJSONEncoder, null=True)
    parts = models.JSONField(_("lists"), encoder=DjangoJSONEncoder, default=dict)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("at"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "number"], name="publication_numbered_per_object"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.key} #{self.number}"


class ReviewRequest(models.Model):
    """A translator's draft of one language, submitted for a reviewer of that language."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    name = models.CharField(_("content"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.SUBMITTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("at"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        ordering = ["requested_at", "pk"]

    def __str__(self):
        return f"{self.name} ({self.language})"


class StoredPage(models.Model):
    """A page as readers get it: rendered when its content was published, with its
    compressed variants, served without rendering."""

    path = models.CharField(_("address"), max_length=500, unique=True)
    status = models.PositiveSmallIntegerField(_("status"), default=200)
    headers = models.JSONField(_("headers"), default=dict)
    body = models.BinaryField(_("body"))
    gzip = models.BinaryField(_("gzip body"))
    brotli = models.BinaryField(_("brotli body"))
    etag = models.CharField(_("ETag"), max_length=80)
    rendered_at = models.DateTimeField(_("rendered at"))
    # The release of the code that rendered it (settings.CACHE_RELEASE).
    release = models.CharField(_("release"), max_length=64)

    class Meta:
        verbose_name = _("stored page")
        verbose_name_plural = _("stored pages")

    def __str__(self):
        return self.path


class StoredPageRead(models.Model):
    """Something a stored page showed when it was rendered ("obj:roles.role:3",
    "kind:metrics.metric", "links:salaries.location:2"): publishing it renders the page
    again."""

    page = models.ForeignKey(StoredPage, on_delete=models.CASCADE, related_name="reads")
    dependency = models.CharField(max_length=120, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "dependency"], name="stored_page_read_once")
        ]

    def __str__(self):
        return f"{self.page} ← {self.dependency}"
