from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from content.models import SLUG_PATTERN, EditedContent
from content.text_rules import validate_clean_text
from roles.models import Role

CURRENCY_PATTERN = r"^[A-Z]{3}$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
# The form and the reference files check what the database's constraints also refuse.
iso_country = RegexValidator(COUNTRY_PATTERN, _("Use a two-letter ISO 3166 code such as US."))
iso_currency = RegexValidator(CURRENCY_PATTERN, _("Use a three-letter ISO 4217 code such as USD."))


class Location(EditedContent):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_clean_text])
    country = models.CharField(
        _("country"),
        max_length=2,
        help_text=_("ISO 3166 two-letter code, such as US."),
        validators=[iso_country],
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        help_text=_("ISO 4217 code of the local currency, such as USD."),
        validators=[iso_currency],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="location_slug_ascii"
            ),
            models.CheckConstraint(
                condition=Q(country__regex=COUNTRY_PATTERN), name="location_country_iso"
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=CURRENCY_PATTERN), name="location_currency_iso"
            ),
        ]

    def __str__(self):
        return self.name


class SalaryBand(EditedContent):
    class Track(models.TextChoices):
        INDIVIDUAL_CONTRIBUTOR = "individual-contributor", _("Individual contributor")
        PEOPLE_MANAGER = "people-manager", _("People manager")

    class Period(models.TextChoices):
        YEAR = "year", _("per year")
        MONTH = "month", _("per month")
        HOUR = "hour", _("per hour")

    role = models.ForeignKey(
        Role, verbose_name=_("role"), on_delete=models.CASCADE, related_name="salary_bands"
    )
    location = models.ForeignKey(
        Location, verbose_name=_("location"), on_delete=models.PROTECT, related_name="salary_bands"
    )
    track = models.CharField(_("track"), max_length=30, choices=Track.choices)
    minimum = models.BigIntegerField(_("minimum"))
    maximum = models.BigIntegerField(_("maximum"))
    currency = models.CharField(
        _("currency"), max_length=3, help_text=_("ISO 4217 code."), validators=[iso_currency]
    )
    period = models.CharField(
        _("period"), max_length=10, choices=Period.choices, default=Period.YEAR
    )
    job_title = models.CharField(
        _("job title"),
        max_length=120,
        blank=True,
        help_text=_(
            "Whom the source gives these figures for, in the plural, such as 'customer support "
            "specialists'; empty when it names only the track."
        ),
        validators=[validate_clean_text],
    )
    source = models.CharField(_("source"), max_length=300, validators=[validate_clean_text])
    source_url = models.URLField(_("source address"), blank=True)
    as_of = models.DateField(_("as of"), help_text=_("When the source published the figures."))

    class Meta:
        verbose_name = _("salary band")
        verbose_name_plural = _("salary bands")
        ordering = ["location__order", "location", "track"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minimum__gte=0),
                name="salaryband_minimum_not_negative",
                violation_error_message=_("Salary figures cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(minimum__lte=F("maximum")),
                name="salaryband_minimum_not_above_maximum",
                violation_error_message=_("The minimum must not be above the maximum."),
            ),
            models.CheckConstraint(
                condition=Q(currency__regex=CURRENCY_PATTERN),
                name="salaryband_currency_iso",
                violation_error_message=_("Use a three-letter ISO 4217 code such as USD."),
            ),
            models.UniqueConstraint(
                fields=["role", "location", "track", "period"],
                name="salaryband_one_per_role_location_track_period",
            ),
        ]

    def __str__(self):
        return f"{self.role} – {self.location} – {self.get_track_display()}"
