"""The glossary, the memory brought in from other projects, and what file imports leave
for a translator to decide."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from content import languages


class GlossaryTerm(models.Model):
    """An English term and how each language translates it; or that it stays as it is."""

    term = models.CharField(_("English term"), max_length=200, unique=True)
    note = models.TextField(_("note"), blank=True)
    do_not_translate = models.BooleanField(
        _("do not translate"),
        default=False,
        help_text=_("Names and abbreviations that stay in Latin letters in every language."),
    )

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")
        ordering = ["term"]

    def __str__(self):
        return self.term


class GlossaryTranslation(models.Model):
    term = models.ForeignKey(
        GlossaryTerm,
        verbose_name=_("term"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=[(code, languages.get(code).name) for code in languages.TARGETS],
    )
    text = models.CharField(_("approved translation"), max_length=200)

    class Meta:
        verbose_name = _("approved translation")
        verbose_name_plural = _("approved translations")
        ordering = ["term", "language"]
        constraints = [
            models.UniqueConstraint(fields=["term", "language"], name="glossary_one_per_language")
        ]

    def __str__(self):
        return f"{self.term} ({self.language}): {self.text}"


class ImportConflict(models.Model):
    """A text an imported file would have changed, though its draft had changed since the
    file was exported: the file's text is kept here, not applied, until a translator keeps
    the draft or uses the file's text."""

    class Resolution(models.TextChoices):
        KEPT = "kept", _("current draft kept")
        USED_FILE = "used-file", _("file's text used")

    language = models.CharField(_("language"), max_length=10)
    segment_id = models.CharField(_("text"), max_length=200)
    file_text = models.TextField(_("text in the file"))
    their_text = models.TextField(_("draft when imported"), blank=True)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    resolution = models.CharField(
        _("resolution"), max_length=20, choices=Resolution.choices, blank=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("import conflict")
        verbose_name_plural = _("import conflicts")
        ordering = ["-imported_at", "-pk"]
        indexes = [models.Index(fields=["language", "resolution"], name="conflict_open")]

    def __str__(self):
        return f"{self.segment_id} ({self.language})"


class PendingImport(models.Model):
    """A file checked without importing it, kept so that it can be imported next without
    choosing it again; removed when imported, or after a day."""

    language = models.CharField(_("language"), max_length=10)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(_("file"), max_length=255, blank=True)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checked file")
        verbose_name_plural = _("checked files")

    def __str__(self):
        return self.filename


class MemoryEntry(models.Model):
    """A pair of English and translation brought in from another project's translation
    memory (TMX): suggested in the editor beside the site's own translations."""

    language = models.CharField(_("language"), max_length=10)
    source = models.TextField(_("English"))
    target = models.TextField(_("translation"))
    origin = models.CharField(_("from"), max_length=255, blank=True)
    # A digest of the pair: texts are too long for a unique index of their own.
    digest = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory")
        constraints = [
            models.UniqueConstraint(fields=["language", "digest"], name="memory_entry_unique")
        ]

    def __str__(self):
        return f"{self.source[:40]} → {self.target[:40]} ({self.language})"
