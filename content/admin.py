"""What every content page of the admin shares.

- Tabbed translation forms (django-modeltranslation), with history and revert
  (django-simple-history).
- Per-language permissions, enforced on the server: fields the user may not change are shown
  disabled, and a submitted change to one of them (a crafted POST) is refused with a message.
- Outdated translations: a changed English text marks its translations outdated until they are
  changed or confirmed.
- No lost updates: a form carries the version it was opened at; saving it after someone else
  saved is refused, showing what they changed.
"""

import unicodedata

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.forms.models import InlineForeignKeyField
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import is_historic

from content import languages
from content.access import can_edit_structure, can_translate, editable_fields, field_language
from content.form_rendering import ContentFormRenderer
from content.languages import CODES, SOURCE, TARGETS
from content.outdated import LABELS, MISSING, OUTDATED, object_state, translated_fields
from content.services import content_save
from content.text_rules import validate_clean_text, validate_script
from content.translation_checks import blocking_problems

_ALWAYS_SUBMITTED = {"id", "DELETE", "ORDER", "opened_version"}


class BaseContentForm(forms.ModelForm):
    default_renderer = ContentFormRenderer()
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The fields the current user may change; set per request by ContentAdmin.
    editable = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            self.data = normalized(self.data)
        for language in TARGETS:
            self.fields[f"confirm_{language}"].label = _(
                "The texts %(in_language)s still match the English"
            ) % {"in_language": languages.get(language).in_language}
        version = self.instance.version
        if self.instance.pk and is_historic(self.instance):
            # Reverting to an old version: the edit starts from what is stored now.
            version = self._stored_version(lock=False)
        self.fields["opened_version"].initial = version
        if self.editable is not None:
            for name, field in self.fields.items():
                if name not in self.editable and not self._always_submitted(name, field):
                    field.disabled = True

    @staticmethod
    def _always_submitted(name, field):
        return name in _ALWAYS_SUBMITTED or isinstance(field, InlineForeignKeyField)

    def _stored_version(self, lock):
        rows = type(self.instance)._default_manager.filter(pk=self.instance.pk)
        if lock:
            rows = rows.select_for_update()
        return rows.values_list("version", flat=True).first()

    def clean(self):
        cleaned = super().clean()
        self._check_scripts(cleaned)
        self._refuse_changes_to_disabled_fields()
        self._refuse_failing_translations()
        if self.instance.pk and not self.instance._state.adding:
            self._refuse_stale_edit(cleaned.get("opened_version"))
        return cleaned

    def _check_scripts(self, cleaned):
        """The importer's script rule, for each changed text by the language of its column:
        no Hebrew in an English field, no Latin words in a Korean one but the allowed terms."""
        for field in translated_fields(self._meta.model):
            for code in CODES:
                name = f"{field}_{code}"
                value = cleaned.get(name)
                if not value or not isinstance(value, str) or name not in self.changed_data:
                    continue
                errors = []
                # The model's own text rules run after this and skip a field with an error
                # already: give theirs here too.
                for validate, args in ((validate_clean_text, ()), (validate_script, (code,))):
                    try:
                        validate(value, *args)
                    except ValidationError as error:
                        errors.append(error)
                if errors:
                    self.add_error(name, errors)

    def _refuse_changes_to_disabled_fields(self):
        refused = []
        for name, field in self.fields.items():
            key = self.add_prefix(name)
            if not field.disabled or key not in self.data:
                continue
            raw = field.widget.value_from_datadict(self.data, self.files, key)
            initial = self.get_initial_for_field(field, name)
            if str(field.prepare_value(initial) or "") != str(raw or ""):
                refused.append(str(field.label or name))
        if refused:
            raise ValidationError(
                _("You may not change these fields: %(fields)s. Nothing was saved."),
                code="forbidden_field",
                params={"fields": ", ".join(refused)},
            )

    def _refuse_failing_translations(self):
        """The blocking checks of the translator's workspace, for the translations this form
        changes: the same rules on both ways in (content/translation_checks.py). A text the
        script and text rules refused already is not checked again; what remains is the
        figures."""
        model = self._meta.model
        for name in self.changed_data:
            language = field_language(model, name)
            if language in (None, SOURCE) or name.startswith("confirm_"):
                continue
            value = self.cleaned_data.get(name) or ""
            if not value or name in self.errors:
                continue
            base = name.removesuffix(f"_{language}")
            source = self.cleaned_data.get(f"{base}_{SOURCE}")
            if source is None:
                source = getattr(self.instance, f"{base}_{SOURCE}", "")
            # A field with an error here is not validated by the model again: the text
            # rules' own message is among these.
            for problem in blocking_problems(source or "", value, language):
                self.add_error(name, problem.message)

    def _refuse_stale_edit(self, opened):
        stored = self._stored_version(lock=True)
        if stored is None:
            raise ValidationError(_("Someone else deleted this while you were editing it."))
        if opened == stored:
            return
        raise ValidationError(
            _(
                "Someone else saved this after you opened it, so your changes were not saved "
                "and theirs are kept. Their changes: %(changes)s. Reload the page to see the "
                "current text, then make your changes again."
            ),
            code="stale",
            params={"changes": self._changes_since(opened)},
        )

    def _changes_since(self, opened):
        history = type(self.instance).history.filter(id=self.instance.pk)
        newer = list(history.filter(version__gt=opened or 0).order_by("history_date"))
        base = history.filter(version=opened).order_by("-history_date").first()
        if not newer or base is None:
            return gettext("unknown")
        delta = newer[-1].diff_against(base)
        users = sorted({str(r.history_user) for r in newer if r.history_user})
        changes = [
            f"{self.instance._meta.get_field(c.field).verbose_name}: "
            f"“{Truncator(c.old or '').chars(60)}” → “{Truncator(c.new or '').chars(60)}”"
            for c in delta.changes
            if c.field not in ("version", "outdated")
        ]
        by = gettext("by %(users)s") % {"users": ", ".join(users)} if users else ""
        return "; ".join(changes or [gettext("no visible change")]) + (f" ({by})" if by else "")


# A box per translated language, for confirming its texts still match a changed English.
ContentForm = type(
    "ContentForm",
    (BaseContentForm,),
    {f"confirm_{code}": forms.BooleanField(required=False) for code in TARGETS},
)


def normalized(data):
    """Submitted text as we store it: browsers send line breaks as CRLF, and some input
    methods send decomposed characters. Everything else the text rules reject."""
    # A role's form has some 40 forms and 2,000 keys: copying them per form was most of a
    # save's CPU (docs/editing.md). A submitted POST cannot change, so its copy is made once
    # and kept with it, and that copy (which ContentAdmin gives the formsets) is kept as is.
    kept = getattr(data, "_normalized", None)
    if kept is not None:
        return kept
    result = data.copy()
    for key, values in data.lists():
        result.setlist(
            key,
            [
                unicodedata.normalize("NFC", v.replace("\r\n", "\n").replace("\r", "\n"))
                if isinstance(v, str)
                else v
                for v in values
            ],
        )
    if getattr(data, "_mutable", True) is False:
        data._normalized = result
    result._normalized = result
    return result


def restricted(form_class, user, model):
    """The form class with everything `user` may not change disabled."""
    allowed = editable_fields(user, model, form_class.base_fields)
    return type(form_class.__name__, (form_class,), {"editable": allowed})


def confirmed_languages(form):
    """The languages whose texts a translator confirmed as still matching the English."""
    return [lang for lang in TARGETS if form.cleaned_data.get(f"confirm_{lang}")]


def status_badges(states):
    """Small labels, one per language, for a list column."""
    return format_html_join(
        " ",
        '<span class="translation-state translation-state--{}" title="{}">{}</span>',
        ((state, f"{languages.get(code).name}: {LABELS[state]}", code) for code, state in states),
    )


# Source addresses typed without a scheme are https.
URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class ContentAdmin(SimpleHistoryAdmin, TabbedTranslationAdmin):
    form = ContentForm
    formfield_overrides = URL_FIELDS
    change_form_template = "admin/content_change_form.html"
    # Content readers see only once it is published (roles, metrics, locations, families);
    # the items of a role's article are published with it.
    publishable = False
    # The items of a role's article are edited on the role's form: their own list pages
    # (history, search) stay at their addresses but are not listed on the admin's home.
    listed_on_home = True

    def get_model_perms(self, request):
        return super().get_model_perms(request) if self.listed_on_home else {}

    def render_change_form(self, request, context, *args, **kwargs):
        context["publishable"] = self.publishable
        obj = context.get("original")
        context["workspace_links"] = self.workspace_links(request, obj) if obj else []
        return super().render_change_form(request, context, *args, **kwargs)

    def workspace_links(self, request, obj):
        """(language, address) of the translator's workspace for `obj`, in each language the
        user translates; none when the workspace is not installed."""
        if not self.publishable or obj is None or obj.pk is None:
            return []
        links = []
        for code in TARGETS:
            if not can_translate(request.user, code):
                continue
            try:
                url = reverse(
                    "admin:workspace:editor",
                    kwargs={"language": code, "kind": obj._meta.label_lower, "pk": obj.pk},
                )
            except NoReverseMatch:
                return []
            links.append((languages.get(code), url))
        return links

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Translators are sent to the workspace, one text after another, source beside
        target; the form (every field in every language) stays for editors. `?form`
        opens it all the same."""
        if (
            request.method == "GET"
            and "form" not in request.GET
            and not can_edit_structure(request.user)
            and str(object_id).isdigit()
        ):
            obj = self.model._default_manager.filter(pk=object_id).first()
            links = self.workspace_links(request, obj)
            if links:
                return redirect(links[0][1])
        return super().change_view(request, object_id, form_url, extra_context)

    class Media:
        js = ("content_admin/js/language_tab.js",)
        css = {"all": ("content_admin/css/content_admin.css",)}

    def get_formset_kwargs(self, request, obj, inline, prefix):
        # Django gives each formset a copy of the POST; the forms normalise their data, so
        # they get the one normalised copy of it instead of a copy each (see normalized).
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if "data" in kwargs:
            kwargs["data"] = normalized(request.POST)
        return kwargs

    def get_form(self, request, obj=None, **kwargs):
        return restricted(super().get_form(request, obj, **kwargs), request.user, self.model)

    def tracked_objects(self, obj):
        """What this form's translation marks cover: the object (a role adds its lists)."""
        return [obj]

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if not f.startswith("confirm_")]
        return fields + [f"confirm_{lang}" for lang in self._confirmable(obj)]

    def get_fieldsets(self, request, obj=None):
        # modeltranslation lays out every field of the form, confirm boxes included: keep
        # those of the languages with an outdated text only.
        return without_confirm_boxes(super().get_fieldsets(request, obj), self._confirmable(obj))

    def _confirmable(self, obj):
        objects = self.tracked_objects(obj) if obj else []
        outdated = {lang for item in objects for lang in (item.outdated or {})}
        return [lang for lang in TARGETS if lang in outdated]

    def save_model(self, request, obj, form, change):
        content_save(obj=obj, user=request.user, confirmed_languages=confirmed_languages(form))

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            content_save(obj=obj, user=request.user)
        for obj in formset.deleted_objects:
            obj._history_user = request.user
            obj.delete()
        formset.save_m2m()

    def revert_disabled(self, request, obj=None):
        # Reverting restores every language at once: editors only.
        return not can_edit_structure(request.user) or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # An address with a version that is not a number names no version (it was a 500).
        try:
            self.model._meta.pk.to_python(unquote(object_id))
            self.model.history.model._meta.pk.to_python(version_id)
        except ValidationError:
            raise Http404 from None
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    @admin.display(description=_("translations"))
    def translation_status(self, obj):
        return status_badges([(code, object_state(obj, code)) for code in TARGETS])

    @admin.display(description=_("outdated translations"))
    def outdated_translations(self, obj):
        return describe_outdated(self.tracked_objects(obj))

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        return [*readonly, "outdated_translations"] if obj else readonly

    def get_search_fields(self, request):
        """Search every language of the model's main texts."""
        return [
            *super().get_search_fields(request),
            *(f"{field}_{code}" for field in self.searched_texts for code in CODES),
        ]

    searched_texts = ()


class NeedsTranslationFilter(admin.SimpleListFilter):
    """Objects whose texts are missing or outdated in one language."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            (f"{state}-{code}", f"{languages.get(code).name}: {LABELS[state]}")
            for code in TARGETS
            for state in (MISSING, OUTDATED)
        ]

    def queryset(self, request, queryset):
        state, _sep, code = (self.value() or "").partition("-")
        if code not in TARGETS:
            return queryset
        if state == OUTDATED:
            return queryset.filter(outdated__has_key=code)
        missing = Q(pk__in=[])
        for field in translated_fields(queryset.model):
            has_source = Q(**{f"{field}_{SOURCE}__gt": ""})
            untranslated = Q(**{f"{field}_{code}__isnull": True}) | Q(**{f"{field}_{code}": ""})
            missing |= has_source & untranslated
        return queryset.filter(missing)


class EmptyFormOnce:
    """A formset whose blank template form (for "Add another") is made once: Django makes
    it anew each time it is asked for (the page's media, the rows, the template), each a
    copy of every field in five languages (docs/editing.md)."""

    @cached_property
    def empty_form(self):
        return super().empty_form


class ContentInline(TranslationStackedInline):
    form = ContentForm
    formfield_overrides = URL_FIELDS
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        form = restricted(formset.form, request.user, self.model)
        return type(formset.__name__, (EmptyFormOnce, formset), {"form": form})

    def get_fields(self, request, obj=None):
        return [f for f in super().get_fields(request, obj) if not f.startswith("confirm_")]

    def get_fieldsets(self, request, obj=None):
        # Django asks an inline for its fieldsets twice a request (for its formset, then for
        # the page's layout), and each answer builds a form class of every field in every
        # language: a role's form has eleven inlines (docs/editing.md). The inline lives for
        # one request; its answer for that request and object is kept.
        kept = getattr(self, "_fieldsets", None)
        if kept is not None and kept[0] is request and kept[1] is obj:
            return kept[2]
        # An item is confirmed with the object it belongs to (the role's boxes).
        fieldsets = without_confirm_boxes(super().get_fieldsets(request, obj), ())
        self._fieldsets = (request, obj, fieldsets)
        return fieldsets


def without_confirm_boxes(fieldsets, languages):
    """`fieldsets` without the confirm boxes of languages not in `languages`."""

    def kept(name):
        return not (name.startswith("confirm_") and name.removeprefix("confirm_") not in languages)

    cleaned = []
    for title, options in fieldsets:
        fields = []
        for entry in options.get("fields", ()):
            if isinstance(entry, (list, tuple)):
                line = [name for name in entry if kept(name)]
                if line:
                    fields.append(tuple(line))
            elif kept(entry):
                fields.append(entry)
        cleaned.append((title, {**options, "fields": fields}))
    return cleaned


def describe_outdated(objects):
    """A readable list of what is outdated in which language, for the change form."""
    lines = []
    for obj in objects:
        for language, fields in sorted((obj.outdated or {}).items()):
            names = ", ".join(str(obj._meta.get_field(f).verbose_name) for f in fields)
            lines.append((languages.get(language).name, obj._meta.verbose_name, str(obj), names))
    if not lines:
        return gettext("Every translation is up to date.")
    return format_html(
        "<ul>{}</ul>",
        format_html_join("", "<li><strong>{}</strong>: {} “{}”: {}</li>", lines),
    )
