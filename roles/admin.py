from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from metrics.models import RoleMetric
from roles.content_admin import (
    ContentAdmin,
    ContentForm,
    ContentInline,
    NeedsTranslationFilter,
    confirmed_languages,
    status_badges,
)
from roles.models import (
    BestPractice,
    CareerStep,
    Responsibility,
    ResponsibilityGroup,
    Role,
    RoleAlias,
    RoleFamily,
    RoleSlug,
    Section,
    Skill,
    Takeaway,
    Tool,
)
from roles.services import role_slug_record
from roles.translation_state import TARGETS, role_objects, role_state
from salaries.models import SalaryBand


@admin.register(RoleFamily)
class RoleFamilyAdmin(ContentAdmin):
    list_display = ["name", "slug", "order", "translation_status"]
    list_filter = [NeedsTranslationFilter]
    search_fields = ["slug"]
    searched_texts = ["name"]


class RoleAliasInline(ContentInline):
    model = RoleAlias


class SectionInline(ContentInline):
    model = Section


class ResponsibilityGroupInline(ContentInline):
    model = ResponsibilityGroup


class ResponsibilityInline(ContentInline):
    model = Responsibility

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Only the groups of the role being edited.
        if db_field.name == "group":
            role_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = ResponsibilityGroup.objects.filter(role_id=role_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SkillInline(ContentInline):
    model = Skill


class ToolInline(ContentInline):
    model = Tool


class BestPracticeInline(ContentInline):
    model = BestPractice


class TakeawayInline(ContentInline):
    model = Takeaway


class CareerStepInline(ContentInline):
    model = CareerStep
    fk_name = "role"


class RoleMetricInline(ContentInline):
    model = RoleMetric


class SalaryBandInline(ContentInline):
    model = SalaryBand


class RoleForm(ContentForm):
    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        taken = RoleSlug.objects.filter(slug=slug, role__isnull=False).exclude(
            role=self.instance.pk
        )
        if taken.exists():
            raise ValidationError(
                _("Links to another role still use this address; choose another slug.")
            )
        return slug


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    form = RoleForm
    list_display = ["title", "slug", "family", "updated_on", "translation_status"]
    list_filter = ["family", NeedsTranslationFilter]
    search_fields = ["slug"]
    searched_texts = ["title", "summary"]
    inlines = [
        RoleAliasInline,
        SectionInline,
        ResponsibilityGroupInline,
        ResponsibilityInline,
        SkillInline,
        ToolInline,
        BestPracticeInline,
        TakeawayInline,
        CareerStepInline,
        RoleMetricInline,
        SalaryBandInline,
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_page_data()

    def get_prepopulated_fields(self, request, obj=None):
        # From the English title while the role is new; a published slug changes only by hand.
        return {} if obj else {"slug": ("title_en",)}

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        return status_badges([(code, role_state(obj, code)) for code in TARGETS])

    def tracked_objects(self, obj):
        return list(role_objects(obj))

    @admin.display(description=_("history of the listed items"))
    def item_histories(self, obj):
        links = [
            (
                reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_history",
                        args=[item.pk]),
                f"{item._meta.verbose_name}: {item}",
            )
            for item in self.tracked_objects(obj)[1:]
        ]  # fmt: skip
        return format_html_join("", '<li><a href="{}">{}</a></li>', links)

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return [*readonly, "item_histories"] if obj else readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The old slug keeps its record and so keeps redirecting here.
        role_slug_record(role=obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Confirming a language on the role confirms it for everything the article lists.
        confirmed = confirmed_languages(form)
        for item in self.tracked_objects(form.instance)[1:]:
            if any(lang in (item.outdated or {}) for lang in confirmed):
                item.outdated = {k: v for k, v in item.outdated.items() if k not in confirmed}
                item.save(update_fields=["outdated"])


class RoleItemAdmin(ContentAdmin):
    """The listed items also have pages of their own, for their history and search."""

    list_display = ["__str__", "role", "order", "translation_status"]
    list_filter = ["role", NeedsTranslationFilter]
    list_select_related = ["role"]


for model, texts in [
    (RoleAlias, ["name"]),
    (Section, ["heading", "body"]),
    (ResponsibilityGroup, ["title"]),
    (Responsibility, ["title", "description"]),
    (Skill, ["name", "description"]),
    (Tool, ["name", "description"]),
    (BestPractice, ["title", "description"]),
    (Takeaway, ["question", "answer"]),
    (CareerStep, ["title", "description"]),
]:
    admin.site.register(model, type(f"{model.__name__}Admin", (RoleItemAdmin,), {
        "searched_texts": texts,
    }))  # fmt: skip
