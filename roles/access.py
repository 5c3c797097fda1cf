"""Who may change what in the admin, and the groups that grant it.

Editors own the English source and the structure; a translator changes the texts of their
own languages and nothing else. The rule is enforced on the server, field by field.
"""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from modeltranslation.translator import translator

LANGUAGES = dict(settings.LANGUAGES)
EDITORS = "Editors"
CONTENT_APPS = ("roles", "metrics", "salaries")


def translator_group_name(language):
    return f"Translators: {LANGUAGES[language]}"


def can_translate(user, language):
    return user.has_perm(f"roles.translate_{language}")


def can_edit_structure(user):
    return user.has_perm("roles.edit_structure")


def editable_fields(user, model, field_names):
    """The subset of a form's fields this user may change."""
    options = translator.get_options_for_model(model) if model in _translated() else None
    translated = {}
    if options:
        for field in options.fields:
            for language in LANGUAGES:
                translated[f"{field}_{language}"] = language
    allowed = set()
    for name in field_names:
        language = translated.get(name) or _confirm_language(name)
        if language is not None:
            if can_translate(user, language):
                allowed.add(name)
        elif can_edit_structure(user):
            allowed.add(name)
    return allowed


def _confirm_language(name):
    prefix = "confirm_"
    if name.startswith(prefix) and name[len(prefix) :] in LANGUAGES:
        return name[len(prefix) :]
    return None


def _translated():
    return set(translator.get_registered_models())


@transaction.atomic
def groups_setup():
    """Create or update the editors' group and one translators' group per language."""
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    roles = Permission.objects.filter(content_type__app_label="roles")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(content)  # every model and history permission, every language
    viewing = content.filter(codename__regex=r"^(view|change)_")
    for language in LANGUAGES:
        if language == settings.LANGUAGE_CODE:
            continue
        group, _ = Group.objects.get_or_create(name=translator_group_name(language))
        group.permissions.set([*viewing, roles.get(codename=f"translate_{language}")])
