from django.db import models
from django.utils.translation import gettext_lazy as _

from content import languages

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
        ]

    def __str__(self):
        return str(self._meta.verbose_name)
