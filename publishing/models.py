from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from content import snapshots


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
    # The shape of head and parts (content/snapshots.py): a rollback to a publication kept
    # in an older one reads it through its upgrades.
    schema = models.PositiveSmallIntegerField(_("schema"), default=snapshots.SCHEMA)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "number"], name="publication_numbered_per_object"
            )
        ]
        # A version's address names the slug it had and its number (publishing/versions.py).
        indexes = [
            models.Index(fields=["kind", "key", "number"], name="publication_at_address"),
            # The newest first (the feed, the downloads' date): without it, every publication
            # read and sorted by each publication's feed.
            models.Index(fields=["-published_at", "-id"], name="publication_newest_first"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key} #{self.number}"

    @classmethod
    def from_db(cls, db, field_names, values):
        publication = super().from_db(db, field_names, values)
        snapshots.upgrade_loaded(publication)
        return publication


class ReviewRequest(models.Model):
    """A translator's draft of one language, submitted for a reviewer of that language: open
    while it is submitted or sent back with changes requested, closed once published."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        CHANGES_REQUESTED = "changes", _("changes requested")
        PUBLISHED = "published", _("published")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN = (State.SUBMITTED, State.CHANGES_REQUESTED)

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
        constraints = [
            # One conversation at a time per document and language.
            models.UniqueConstraint(
                fields=["kind", "object_id", "language"],
                condition=models.Q(state__in=["submitted", "changes"]),
                name="review_request_open_once",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.language})"


class ReviewEvent(models.Model):
    """One step of a review's conversation, kept in the document's history: a submission, a
    request for changes (its comment on the document, and one row per text commented on),
    an approval. Who, when, which language and document, which text (a segment id such as
    roles.responsibility:12:title; empty for the document) and what was said."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted for review")
        CHANGES_REQUESTED = "changes", _("changes requested")
        APPROVED = "approved", _("approved and published")

    request = models.ForeignKey(
        ReviewRequest, verbose_name=_("review"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    segment_id = models.CharField(_("text"), max_length=200, blank=True)
    # The translation the comment was about, as it was then (the draft changes afterwards).
    draft = models.TextField(_("translation then"), blank=True)
    text = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Not auto_now_add: the comments of one request for changes share its moment.
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("review event")
        verbose_name_plural = _("review events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request} {self.action} {self.segment_id}".strip()


class NotificationPreference(models.Model):
    """Whether a user wants mail about reviews and outdated texts (yes unless they said no)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preference",
    )
    by_mail = models.BooleanField(
        _("send me mail"),
        default=True,
        help_text=_(
            "When something is submitted for review in your language, when your translation "
            "is published or sent back, and when the English of your texts changes."
        ),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


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
