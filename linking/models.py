"""The knowledge bases editors allow to frame the embeddable cards.

The server's EMBED_ALLOWED_ORIGINS are always allowed as well; the embeds' frame-ancestors
is the union of both, computed for every answer (content/headers.py), stored pages included.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# Scheme, host and port only: what frame-ancestors compares, and nothing that could end the
# directive or start another (no space, no semicolon, no quote).
ORIGIN = r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$"


class EmbedOriginQuerySet(models.QuerySet):
    def origins(self):
        return list(self.order_by("origin").values_list("origin", flat=True))


class EmbedOrigin(models.Model):
    origin = models.CharField(
        _("origin"),
        max_length=200,
        unique=True,
        validators=[
            RegexValidator(
                ORIGIN,
                _("Give the scheme, host and port only, such as https://kb.example.com."),
            )
        ],
        help_text=_(
            "The address of the knowledge base without a path: https://, its host name, and "
            "a port only when it is not the usual one (https://kb.example.com:8443)."
        ),
    )
    name = models.CharField(
        _("knowledge base"),
        max_length=200,
        blank=True,
        help_text=_("Whose site this is, so that the next editor knows."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("Who asked for it, and whom to ask about it.")
    )

    objects = EmbedOriginQuerySet.as_manager()

    class Meta:
        verbose_name = _("allowed embed origin")
        verbose_name_plural = _("allowed embed origins")
        ordering = ["origin"]
        constraints = [
            models.CheckConstraint(condition=Q(origin__regex=ORIGIN), name="embed_origin_is_origin")
        ]

    def __str__(self):
        return self.origin
