from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from content import languages, snapshots

# Slugs and codes appear in links that knowledge bases keep for years: plain ASCII, lower case,
# words joined by single hyphens, the same in every language.
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class EditedContent(models.Model):
    """Content editors and translators change in the admin.

    `outdated` lists, per language, the translated fields whose English text changed after
    they were translated. `version` goes up with every save, so that a form opened before
    someone else's save can be refused instead of overwriting it.
    """

    outdated = models.JSONField(
        _("outdated translations"), default=dict, blank=True, editable=False
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)

    class Meta:
        abstract = True


class Permissions(models.Model):
    """Holds the permissions of all content, per language; it has no table.

    Who may change which fields of any content (content/access.py): translators hold
    translate_<language> for their languages; editors hold them all and edit_structure
    (slugs, order, figures, links).
    """

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("content permissions")
        permissions = [
            ("edit_structure", "Can change slugs, order, figures and links"),
            *(
                (f"translate_{language.code}", f"Can change {language.english_name} texts")
                for language in languages.LANGUAGES
            ),
            *(
                (f"publish_{language.code}", f"Can publish {language.english_name} texts")
                for language in languages.LANGUAGES
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class Published(models.Model):
    """What readers see of one piece of content: its rows as last published.

    `head` is the object's own row and `parts` the rows of the lists it is made of (a role's
    article), each row with every language's text as published in that language. Drafts
    stay in the content tables; nothing public reads them.
    """

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    # The slug or code in its addresses.
    key = models.CharField(_("key"), max_length=80)
    head = models.JSONField(_("row"), encoder=DjangoJSONEncoder)
    parts = models.JSONField(_("lists"), encoder=DjangoJSONEncoder, default=dict)
    number = models.PositiveIntegerField(_("publication"))
    published_at = models.DateTimeField(_("published at"))
    # Its editorial order, so that lists of it are read in order from an index.
    order = models.PositiveIntegerField(_("order"), default=0)
    # The shape of head and parts (content/snapshots.py): rows of an older one are read
    # through its upgrades.
    schema = models.PositiveSmallIntegerField(_("schema"), default=snapshots.SCHEMA)

    class Meta:
        verbose_name = _("published content")
        verbose_name_plural = _("published content")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="published_once"),
            models.UniqueConstraint(fields=["kind", "key"], name="published_key_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "order", "object_id"], name="published_in_order"),
            # When a kind was last published (content.published.last_published), which the
            # feed, the sitemaps and every publication ask: without it, a read of every row.
            models.Index(fields=["kind", "published_at"], name="published_latest"),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"

    @classmethod
    def from_db(cls, db, field_names, values):
        published = super().from_db(db, field_names, values)
        snapshots.upgrade_loaded(published)
        return published


class PublishedLink(models.Model):
    """Another piece of content a published object refers to (a role's family, metrics,
    locations, the roles on its career path): what lets a page list what links to it."""

    source = models.ForeignKey(Published, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=60)
    target_id = models.PositiveBigIntegerField()
    # The source's kind and place in editorial order, as published: what refers to one
    # object is listed in order from one index, and its first few are read without
    # ranking all the others (the index page's first roles of each family).
    source_kind = models.CharField(max_length=60, default="")
    source_order = models.PositiveIntegerField(default=0)
    source_object_id = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "target_id", "source_kind", "source_order", "source_object_id"],
                name="published_link_in_order",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target_id"], name="published_link_once"
            )
        ]

    def __str__(self):
        return f"{self.source} → {self.kind} {self.target_id}"


class PublishedTitle(models.Model):
    """A published object's title in one language, as an A to Z lists it: under its first
    letter, in that language's alphabetical order (content.formatting.sort_text)."""

    source = models.ForeignKey(Published, on_delete=models.CASCADE, related_name="titles")
    # The source's kind, as published: an A to Z of one kind reads from one index.
    kind = models.CharField(max_length=60, default="")
    language = models.CharField(max_length=10)
    initial = models.CharField(max_length=4)
    sort = models.CharField(max_length=400)

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "language", "initial", "sort", "source"], name="published_title_a_z"
            )
        ]

    def __str__(self):
        return f"{self.source} ({self.language})"


class OutdatedSource(models.Model):
    """The English a translation was last made or confirmed against, kept when a published
    change of the English makes it outdated: the "old" of the old → new diff translators
    are shown. Written when the mark is set (publishing/snapshot.py); while the text stays
    outdated, later changes of the English keep the first "old"."""

    kind = models.CharField(_("kind"), max_length=60)
    object_id = models.PositiveBigIntegerField(_("object"))
    field = models.CharField(_("field"), max_length=60)
    language = models.CharField(_("language"), max_length=10)
    english = models.TextField(_("English text"), blank=True)
    marked_at = models.DateTimeField(_("marked outdated at"), auto_now=True)

    class Meta:
        verbose_name = _("English of an outdated translation")
        verbose_name_plural = _("English of outdated translations")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "field", "language"], name="outdated_source_once"
            )
        ]
        indexes = [models.Index(fields=["language", "kind"], name="outdated_source_language")]

    def __str__(self):
        return f"{self.kind} {self.object_id} {self.field} ({self.language})"
