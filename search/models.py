from django.db import models
from django.utils.translation import gettext_lazy as _


class Document(models.Model):
    """One thing readers can find, in one language, as published: a role, a section of its
    article, a metric or a location.

    `names` and `text` hold its words as search compares them (search/text.py); the
    database indexes them (search/engines.py): on PostgreSQL a trigram index and a text
    search vector kept by a trigger, on SQLite an FTS5 table with the trigram tokenizer
    kept by triggers. The rows are made from content.Published whenever it changes
    (search/index.py), never edited. An index, not content: not in the admin, not backed up.
    """

    class Kind(models.TextChoices):
        # What readers see beside each result.
        ROLE = "role", _("Role")
        SECTION = "section", _("Section")
        METRIC = "metric", _("Metric")
        LOCATION = "location", _("Location")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The published object it comes from (content.Published's kind and object_id).
    source = models.CharField(max_length=60)
    object_id = models.PositiveBigIntegerField()
    # The publication it was made from, and the rules it was made by (index.VERSION).
    number = models.PositiveIntegerField()
    version = models.PositiveSmallIntegerField()
    language = models.CharField(max_length=10)
    # Where it is: the object's slug or code, and a section's anchor.
    key = models.CharField(max_length=80)
    anchor = models.CharField(max_length=30, blank=True)
    # Editorial order, for results that match equally well.
    position = models.PositiveIntegerField(default=0)
    # What a result shows, as written: its title (in English where the language has none
    # yet), a section's role, its abbreviation and other titles, its text.
    title = models.CharField(max_length=300)
    title_language = models.CharField(max_length=10)
    context = models.CharField(max_length=300, blank=True)
    also = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # What search compares, normalised: " title | abbreviation | other title " and the text.
    names = models.TextField()
    text = models.TextField(blank=True)
    # PostgreSQL's text search configuration for the language (content.languages).
    config = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["source", "object_id"], name="search_document_source"),
            models.Index(fields=["language", "kind"], name="search_document_language"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}{'#' + self.anchor if self.anchor else ''} ({self.language})"
