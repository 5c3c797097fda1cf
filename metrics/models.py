from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from content import site_url
from content.models import SLUG_PATTERN, EditedContent
from content.text_rules import validate_clean_text
from roles.models import Role


class MetricQuerySet(models.QuerySet):
    def with_roles(self):
        """Each metric with the roles judged by it or reporting on it, in a fixed number of
        queries."""
        return self.prefetch_related(
            models.Prefetch(
                "role_metrics",
                RoleMetric.objects.select_related("role").order_by("role__order", "role__pk"),
            )
        )


class Metric(EditedContent):
    class Unit(models.TextChoices):
        SCORE = "score", _("Score")
        PERCENT = "percent", _("Percentage")
        DURATION = "duration", _("Duration")
        COUNT = "count", _("Count")

    code = models.SlugField(
        _("code"),
        max_length=60,
        unique=True,
        help_text=_("Stable identifier used in page addresses, such as 'nps'."),
    )
    name = models.CharField(_("name"), max_length=200, validators=[validate_clean_text])
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, blank=True, validators=[validate_clean_text]
    )
    definition = models.TextField(_("definition"), validators=[validate_clean_text])
    calculation = models.TextField(_("how it is calculated"), validators=[validate_clean_text])
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField(
        _("higher is better"), help_text=_("Untick when a lower value is the better result.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    roles = models.ManyToManyField(
        Role, through="RoleMetric", related_name="metrics", verbose_name=_("roles")
    )

    objects = MetricQuerySet.as_manager()

    class Meta:
        verbose_name = _("metric")
        verbose_name_plural = _("metrics")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=SLUG_PATTERN), name="metric_code_ascii"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return site_url.path("metrics:metric-detail", code=self.code)


class RoleMetric(EditedContent):
    """A metric a role is judged by or reports on, with what applies to that role only."""

    class Kind(models.TextChoices):
        # As the source says: a role is evaluated on the metric, or analyses and reports it.
        JUDGED_BY = "judged-by", _("judged by")
        REPORTS_ON = "reports-on", _("reports on")

    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="role_metrics"
    )
    metric = models.ForeignKey(
        Metric, verbose_name=_("metric"), on_delete=models.PROTECT, related_name="role_metrics"
    )
    kind = models.CharField(
        _("relation"),
        max_length=10,
        choices=Kind.choices,
        default=Kind.JUDGED_BY,
        help_text=_(
            "Whether the role is judged by the metric or reports on it, as the source says."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    note = models.CharField(
        _("note"),
        max_length=200,
        blank=True,
        help_text=_("What applies to this role only, such as 'people managers only'."),
        validators=[validate_clean_text],
    )

    class Meta:
        verbose_name = _("metric of a role")
        verbose_name_plural = _("metrics of roles")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["role", "metric"], name="rolemetric_unique_pair"),
            models.CheckConstraint(
                condition=Q(kind__in=["judged-by", "reports-on"]), name="rolemetric_kind_known"
            ),
        ]

    def __str__(self):
        return f"{self.role} – {self.metric}"
