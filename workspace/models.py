"""The glossary: approved translations of the terms the content uses, per language."""

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
