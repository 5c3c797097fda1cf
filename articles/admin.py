"""The role's admin page, which edits the role and every list of its article inline, and
list pages of their own for each part, for their history and search."""

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from articles.loader import Article, parts_of, with_articles
from articles.parts import PARTS
from content.admin import (
    ContentAdmin,
    ContentForm,
    ContentInline,
    NeedsTranslationFilter,
    confirmed_languages,
    status_badges,
)
from content.languages import TARGETS
from content.outdated import translated_fields
from roles.models import Role, RoleSlug


class PartInline(ContentInline):
    fk_name = "role"

    def get_autocomplete_fields(self, request):
        return _roles_chosen(self.model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # An item that refers to another list of the same article (a responsibility's
        # group) may choose only from the role being edited.
        if db_field.related_model in {part.model for part in PARTS}:
            role_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = db_field.related_model.objects.filter(role_id=role_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
    publishable = True
    form = RoleForm
    list_display = ["title", "slug", "family", "updated_on", "translation_status"]
    list_filter = ["family", NeedsTranslationFilter]
    search_fields = ["slug"]
    searched_texts = ["title", "summary"]
    inlines = [
        type(f"{part.model.__name__}Inline", (PartInline,), {"model": part.model}) for part in PARTS
    ]

    def get_queryset(self, request):
        return with_articles(super().get_queryset(request))

    def get_prepopulated_fields(self, request, obj=None):
        # From the English title while the role is new; a published slug changes only by hand.
        return {} if obj else {"slug": ("title_en",)}

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        article = Article(obj, parts_of(obj))
        return status_badges([(code, article.state(code)) for code in TARGETS])

    def tracked_objects(self, obj):
        return list(Article(obj, parts_of(obj)).objects())

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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Confirming a language on the role confirms it for everything the article lists.
        confirmed = confirmed_languages(form)
        for item in self.tracked_objects(form.instance)[1:]:
            if any(lang in (item.outdated or {}) for lang in confirmed):
                item.outdated = {k: v for k, v in item.outdated.items() if k not in confirmed}
                item.save(update_fields=["outdated"])


def _roles_chosen(model):
    """A part's fields that choose a role: chosen by searching, not from a list of every
    role, which would grow with them."""
    return [
        field.name
        for field in model._meta.fields
        if field.is_relation and field.related_model is Role and field.name != "role"
    ]


class PartAdmin(ContentAdmin):
    list_display = ["__str__", "role", "order", "translation_status"]
    # Filtered by searching the role's slug, not by a sidebar listing every role: that
    # would grow with the roles. A role's own items: ?role__id__exact=<id>.
    list_filter = [NeedsTranslationFilter]
    search_fields = ["role__slug"]
    list_select_related = ["role"]

    def get_autocomplete_fields(self, request):
        return ["role", *_roles_chosen(self.model)]


# A list page for each part whose own app does not give it a richer one.
for part in PARTS:
    if not admin.site.is_registered(part.model):
        admin.site.register(
            part.model,
            type(
                f"{part.model.__name__}Admin",
                (PartAdmin,),
                {"searched_texts": translated_fields(part.model)},
            ),
        )
