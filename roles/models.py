from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from content import site_url
from content.models import SLUG_PATTERN, EditedContent
from content.text_rules import validate_clean_text

# The forms of the classification codes a role may carry.
ISCO_08_PATTERN = r"^[0-9]{4}$"
ESCO_PATTERN = r"^http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}$"
ONET_SOC_PATTERN = r"^[0-9]{2}-[0-9]{4}\.[0-9]{2}$"


class RoleFamily(EditedContent):
    """A group of related roles, used to organise the index."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=120, validators=[validate_clean_text])
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("role family")
        verbose_name_plural = _("role families")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(slug__regex=SLUG_PATTERN), name="rolefamily_slug_ascii"
            ),
        ]

    def __str__(self):
        return self.name


class Role(EditedContent):
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("Part of the page address in every language. Lower-case ASCII and hyphens."),
    )
    family = models.ForeignKey(
        RoleFamily, verbose_name=_("family"), on_delete=models.PROTECT, related_name="roles"
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_clean_text])
    abbreviation = models.CharField(
        _("abbreviation"), max_length=30, blank=True, validators=[validate_clean_text]
    )
    summary = models.TextField(
        _("summary"),
        help_text=_("One or two sentences, shown on the index and in link previews."),
        validators=[validate_clean_text],
    )
    updated_on = models.DateField(
        _("last updated"), help_text=_("The date readers see as the article's last update.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Where the role sits in the public classifications of occupations, when one of them has
    # it: shown on its page, in the API and in its structured data. Empty until an editor
    # fills it from the classification itself.
    isco_08 = models.CharField(
        _("ISCO-08 code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(ISCO_08_PATTERN, _("Four digits, such as 1221."))],
        help_text=_("Its unit group in the ILO's ISCO-08, four digits, such as 1221."),
    )
    esco_uri = models.URLField(
        _("ESCO occupation"),
        blank=True,
        validators=[RegexValidator(ESCO_PATTERN, _("An ESCO occupation's address."))],
        help_text=_(
            "Its occupation's address in ESCO, such as "
            "http://data.europa.eu/esco/occupation/ followed by the occupation's code."
        ),
    )
    onet_soc = models.CharField(
        _("O*NET-SOC code"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(ONET_SOC_PATTERN, _("Such as 11-2022.00."))],
        help_text=_("Its occupation in O*NET-SOC 2019, such as 11-2022.00."),
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(slug__regex=SLUG_PATTERN), name="role_slug_ascii"),
            models.CheckConstraint(
                condition=Q(isco_08="") | Q(isco_08__regex=ISCO_08_PATTERN),
                name="role_isco_08_code",
            ),
            models.CheckConstraint(
                condition=Q(esco_uri="") | Q(esco_uri__regex=ESCO_PATTERN),
                name="role_esco_occupation",
            ),
            models.CheckConstraint(
                condition=Q(onet_soc="") | Q(onet_soc__regex=ONET_SOC_PATTERN),
                name="role_onet_soc_code",
            ),
            # English is the source language: every other language falls back to it.
            models.CheckConstraint(
                condition=Q(title_en__isnull=False) & ~Q(title_en=""), name="role_has_english_title"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return site_url.path("articles:role-detail", slug=self.slug)


class RoleItem(EditedContent):
    """Something a role article lists in a given order."""

    role = models.ForeignKey(Role, verbose_name=_("role"), on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class RoleAlias(RoleItem):
    """Another title the role is known by."""

    name = models.CharField(_("name"), max_length=200, validators=[validate_clean_text])

    class Meta(RoleItem.Meta):
        verbose_name = _("other title")
        verbose_name_plural = _("other titles")
        default_related_name = "aliases"

    def __str__(self):
        return self.name


class Section(RoleItem):
    """A prose section of the article; its key is the section's anchor in every language."""

    class Key(models.TextChoices):
        OVERVIEW = "overview", _("Overview")
        RESPONSIBILITIES = "responsibilities", _("Responsibilities")
        METRICS = "metrics", _("Metrics")
        SKILLS = "skills", _("Skills")
        TOOLS = "tools", _("Tools")
        EXPERIENCE = "experience", _("Experience")
        SALARY = "salary", _("Salary")
        CAREER_PATH = "career-path", _("Career path")
        BEST_PRACTICES = "best-practices", _("Best practices")
        CONCLUSION = "conclusion", _("Conclusion")
        KEY_TAKEAWAYS = "key-takeaways", _("Key takeaways")

    key = models.CharField(_("key"), max_length=30, choices=Key.choices)
    heading = models.CharField(_("heading"), max_length=200, validators=[validate_clean_text])
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_("Paragraphs separated by a blank line; lines starting with '- ' form a list."),
        validators=[validate_clean_text],
    )

    class Meta(RoleItem.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        default_related_name = "sections"
        constraints = [
            models.UniqueConstraint(fields=["role", "key"], name="section_unique_key_per_role"),
        ]

    def __str__(self):
        return self.heading


class ResponsibilityGroup(RoleItem):
    title = models.CharField(_("title"), max_length=200, validators=[validate_clean_text])

    class Meta(RoleItem.Meta):
        verbose_name = _("responsibility group")
        verbose_name_plural = _("responsibility groups")
        default_related_name = "responsibility_groups"

    def __str__(self):
        return self.title


class Responsibility(RoleItem):
    group = models.ForeignKey(
        ResponsibilityGroup,
        verbose_name=_("group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsibilities",
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_clean_text])
    description = models.TextField(_("description"), validators=[validate_clean_text])

    class Meta(RoleItem.Meta):
        verbose_name = _("responsibility")
        verbose_name_plural = _("responsibilities")
        default_related_name = "responsibilities"

    def __str__(self):
        return self.title


class Skill(RoleItem):
    name = models.CharField(_("name"), max_length=200, validators=[validate_clean_text])
    description = models.TextField(_("description"), validators=[validate_clean_text])

    class Meta(RoleItem.Meta):
        verbose_name = _("required skill")
        verbose_name_plural = _("required skills")
        default_related_name = "skills"

    def __str__(self):
        return self.name


class Tool(RoleItem):
    name = models.CharField(_("name"), max_length=200, validators=[validate_clean_text])
    description = models.TextField(_("description"), validators=[validate_clean_text])
    examples = models.CharField(
        _("examples"),
        max_length=300,
        blank=True,
        help_text=_("Product names, comma-separated. Not translated."),
        validators=[validate_clean_text],
    )

    class Meta(RoleItem.Meta):
        verbose_name = _("tool or technology")
        verbose_name_plural = _("tools and technologies")
        default_related_name = "tools"

    def __str__(self):
        return self.name


class BestPractice(RoleItem):
    title = models.CharField(_("title"), max_length=200, validators=[validate_clean_text])
    description = models.TextField(_("description"), validators=[validate_clean_text])

    class Meta(RoleItem.Meta):
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        default_related_name = "best_practices"

    def __str__(self):
        return self.title


class Takeaway(RoleItem):
    question = models.CharField(_("question"), max_length=300, validators=[validate_clean_text])
    answer = models.TextField(
        _("answer"),
        help_text=_("Paragraphs separated by a blank line; lines starting with '- ' form a list."),
        validators=[validate_clean_text],
    )

    class Meta(RoleItem.Meta):
        verbose_name = _("key takeaway")
        verbose_name_plural = _("key takeaways")
        default_related_name = "takeaways"

    def __str__(self):
        return self.question


class CareerStep(RoleItem):
    """A step on the way to or from this role; links to that role's page when it has one."""

    class Kind(models.TextChoices):
        LADDER = "ladder", _("Career ladder")
        LATERAL = "lateral", _("Growth opportunity")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.LADDER)
    title = models.CharField(_("title"), max_length=200, validators=[validate_clean_text])
    description = models.TextField(_("description"), validators=[validate_clean_text])
    target_role = models.ForeignKey(
        Role,
        verbose_name=_("linked role"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="career_mentions",
        help_text=_("The role this step is, when the reference has a page for it."),
    )

    class Meta(RoleItem.Meta):
        verbose_name = _("career step")
        verbose_name_plural = _("career steps")
        default_related_name = "career_steps"

    def __str__(self):
        return self.title


class LoadedReference(models.Model):
    """What `load_reference` last wrote for one reference document.

    The digest is taken of the document's content as stored right after loading. When the
    database no longer matches it, someone edited that content in the admin, and the import
    leaves it alone unless told to overwrite.
    """

    document = models.CharField(_("document"), max_length=200, unique=True)
    digest = models.CharField(_("digest"), max_length=64)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    class Meta:
        verbose_name = _("loaded reference document")
        verbose_name_plural = _("loaded reference documents")

    def __str__(self):
        return self.document


class RoleSlug(models.Model):
    """An address a role has had. Old slugs redirect to the role's current page; when the role
    is deleted its slugs stay, pointing nowhere, and answer 410 Gone."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    role = models.ForeignKey(
        Role,
        verbose_name=_("role"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="slugs",
    )
    created_at = models.DateTimeField(_("first used"), auto_now_add=True)

    class Meta:
        verbose_name = _("role address")
        verbose_name_plural = _("role addresses")

    def __str__(self):
        return self.slug
