"""The role's admin page, which edits the role and every list of its article inline, and
list pages of their own for each part, for their history and search."""

import datetime
import functools

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.loader import Article, parts_of, sections_of, with_articles
from articles.parts import BY_SECTION, PARTS
from content.admin import (
    ContentAdmin,
    ContentForm,
    ContentInline,
    NeedsTranslationFilter,
    confirmed_languages,
    status_badges,
)
from content.languages import CODES, SOURCE, TARGETS
from content.outdated import translated_fields
from content.services import content_save
from roles.models import Responsibility, ResponsibilityGroup, Role, RoleSlug, Section


class PartInline(ContentInline):
    fk_name = "role"
    # One blank item per list: an item is added without JavaScript too.
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A date the site can fill in (a band's "as of") starts as today: a new item is not
        # refused for it. Unchanged, it leaves an empty extra form empty.
        if isinstance(db_field, models.DateField):
            kwargs.setdefault("initial", datetime.date.today)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_autocomplete_fields(self, request):
        return _roles_chosen(self.model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        role_id = request.resolver_match.kwargs.get("object_id")
        if db_field.related_model is ResponsibilityGroup:
            return _group_field(db_field, role_id)
        # An item that refers to another list of the same article may choose only from the
        # role being edited.
        if db_field.related_model in {part.model for part in PARTS}:
            role_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = db_field.related_model.objects.filter(role_id=role_id)
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field.widget, AutocompleteMixin
        ):
            # A list of choices (a metric, a location) is read once for the inline, when it
            # is first shown, not once per item: every form's copy of the field shares it.
            field.iterator = functools.partial(ChoicesReadOnce, read={})
        return field

    def get_queryset(self, request):
        # What an item's heading names (a metric's, a band's location): read with the
        # items, not one query per item.
        related = [
            field.name
            for field in self.model._meta.fields
            if field.many_to_one and field.name != "role" and not field.null
        ]
        return super().get_queryset(request).select_related("role", *related)


class ChoicesReadOnce(forms.models.ModelChoiceIterator):
    """A select's choices, read from the database the first time they are listed and kept
    in `read` (shared by the copies of the field that a formset's forms make). A choice
    submitted is still looked up in the field's queryset."""

    def __init__(self, field, read):
        super().__init__(field)
        self.read = read

    def __iter__(self):
        if "choices" not in self.read:
            self.read["choices"] = list(super().__iter__())
        return iter(self.read["choices"])

    def __len__(self):
        return len(list(self))


class SectionForm(ContentForm):
    """A standard section takes its heading in every language from its key unless the
    editor writes one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in CODES:
            field = self.fields.get(f"heading_{code}")
            if field is not None:
                field.required = False
        if "heading_en" in self.fields:
            self.fields["heading_en"].help_text = _(
                "Leave empty for the standard heading of the section in every language."
            )

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("key")
        if key in Section.Key.values and not cleaned.get(f"heading_{SOURCE}"):
            for code in CODES:
                name = f"heading_{code}"
                if name in self.fields and not self.fields[name].disabled and not cleaned.get(name):
                    with translation.override(code):
                        cleaned[name] = str(Section.Key(key).label)
        return cleaned


NEW_GROUP = "new-"


class ResponsibilityForm(ContentForm):
    """A responsibility chooses its group among the role's groups and the new ones typed in
    the same form (the blank group above): no save is needed in between."""

    new_group = None

    def clean_group(self):
        # A field-level clean: it runs even when the form as a whole is refused, so the
        # model never receives the choice's text.
        chosen = self.cleaned_data.get("group")
        if not isinstance(chosen, str) or not chosen:
            return None
        if chosen.startswith(NEW_GROUP) and chosen.removeprefix(NEW_GROUP).isdigit():
            self.new_group = int(chosen.removeprefix(NEW_GROUP))
            return None
        if chosen.isdigit():
            return ResponsibilityGroup.objects.filter(
                pk=int(chosen), role_id=self.instance.role_id
            ).first()
        return None


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


# New groups a responsibility may choose on the page that types them: the blank group form,
# and those "Add another" adds with JavaScript.
NEW_GROUPS_OFFERED = 5


def _group_field(db_field, role_id):
    """The role's saved groups, then the group forms typed on the same page, by position."""
    groups = list(ResponsibilityGroup.objects.filter(role_id=role_id)) if role_id else []
    choices = [("", "---------"), *((str(g.pk), str(g)) for g in groups)]
    choices += [
        (
            f"{NEW_GROUP}{len(groups) + n}",
            gettext("New group no. %(number)s typed above (saved with it)") % {"number": n + 1},
        )
        for n in range(NEW_GROUPS_OFFERED)
    ]
    return forms.TypedChoiceField(
        label=db_field.verbose_name, choices=choices, required=False, empty_value=None
    )


PART_FORMS = {Section: {"form": SectionForm}, Responsibility: {"form": ResponsibilityForm}}


@admin.register(Role)
class RoleAdmin(ContentAdmin):
    publishable = True
    form = RoleForm
    list_display = ["title", "slug", "family", "updated_on", "translation_status"]
    list_filter = ["family", NeedsTranslationFilter]
    search_fields = ["slug"]
    searched_texts = ["title", "summary"]
    inlines = [
        type(
            f"{part.model.__name__}Inline",
            (PartInline,),
            {"model": part.model, **PART_FORMS.get(part.model, {})},
        )
        for part in PARTS
    ]

    class Media:
        js = ("content_admin/js/role_form.js",)

    def save_formset(self, request, form, formset, change):
        # The groups' formset is saved before the responsibilities' (the order of PARTS):
        # a responsibility that chose a group typed on the same page gets it now.
        if formset.model is ResponsibilityGroup:
            super().save_formset(request, form, formset, change)
            request.new_groups = {
                n: f.instance for n, f in enumerate(formset.forms) if f.instance.pk
            }
            return
        if formset.model is Responsibility:
            new_groups = getattr(request, "new_groups", {})
            for item in formset.forms:
                if getattr(item, "new_group", None) is not None and item.has_changed():
                    item.instance.group = new_groups.get(item.new_group)
        super().save_formset(request, form, formset, change)

    def get_changeform_initial_data(self, request):
        # "Last updated" of a new role: today, not a refused first save.
        return {"updated_on": datetime.date.today(), **super().get_changeform_initial_data(request)}

    def render_change_form(self, request, context, *args, **kwargs):
        obj = context.get("original")
        context["unshown_parts"] = unshown_parts(obj) if obj is not None and obj.pk else []
        context["outline"] = article_outline(obj) if obj is not None and obj.pk else []
        return super().render_change_form(request, context, *args, **kwargs)

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
        # Confirming a language on the role confirms it for everything the article lists,
        # through the one write path of the outdated marks and versions.
        confirmed = confirmed_languages(form)
        for item in self.tracked_objects(form.instance)[1:]:
            if any(lang in (item.outdated or {}) for lang in confirmed):
                content_save(obj=item, user=request.user, confirmed_languages=confirmed)


def article_outline(role):
    """The sections in the order readers see them, each with how many items it lists."""
    outline = []
    for section in sections_of(role):
        part = BY_SECTION.get(section.key)
        outline.append(
            {
                "heading": section.section.heading if section.section else section.label,
                "written": section.section is not None,
                "count": len(getattr(role, part.name).all()) if part else 0,
            }
        )
    return outline


def unshown_parts(role):
    """What the role's article lists but readers cannot see, and why: items of a list whose
    section the article does not have (a career step needs a Career path section)."""
    # Sections every page has (with a notice until written) count as there.
    keys = {section.key for section in sections_of(role)}
    found = []
    for part in PARTS:
        if part.section and part.section not in keys:
            count = len(getattr(role, part.name).all())
            if count:
                found.append(
                    gettext(
                        "%(count)s × %(items)s: readers see them once the article has a "
                        "“%(section)s” section."
                    )
                    % {
                        "count": count,
                        "items": part.model._meta.verbose_name_plural,
                        "section": Section.Key(part.section).label,
                    }
                )
    return found


def _roles_chosen(model):
    """A part's fields that choose a role: chosen by searching, not from a list of every
    role, which would grow with them."""
    return [
        field.name
        for field in model._meta.fields
        if field.is_relation and field.related_model is Role and field.name != "role"
    ]


class PartAdmin(ContentAdmin):
    listed_on_home = False
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
