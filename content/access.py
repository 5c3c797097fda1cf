"""Who may change what in the admin, and the groups that grant it.

Editors own the English source and the structure; a translator changes the texts of their
own languages and nothing else. The rule is enforced on the server, field by field.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from content import languages
from content.outdated import translated_fields

EDITORS = "Editors"
CONTENT_APPS = ("content", "roles", "metrics", "salaries")
# What editors keep and translators only read: the workspace's glossary, the origins
# allowed to frame the cards.
EDITORS_APPS = ("workspace", "linking")


def can_translate(user, language):
    return user.has_perm(f"content.translate_{language}")


def can_edit_structure(user):
    return user.has_perm("content.edit_structure")


def field_language(model, name):
    """The language of a form field: a translated column (title_hi) or a confirm box
    (confirm_hi); None for a language-neutral field."""
    prefix, _sep, code = name.rpartition("_")
    if code not in languages.BY_CODE:
        return None
    if prefix == "confirm":
        return code
    if prefix in translated_fields(model):
        return code
    return None


def editable_fields(user, model, field_names):
    """The subset of a form's fields this user may change."""
    allowed = set()
    for name in field_names:
        language = field_language(model, name)
        if can_translate(user, language) if language else can_edit_structure(user):
            allowed.add(name)
    return allowed


def can_publish(user, language):
    """Editors publish every language, with the facts that go with English; a reviewer
    publishes the texts of their language. No user is the system (an import, a restore)."""
    if user is None:
        return True
    if not user.has_perm(f"content.publish_{language}"):
        return False
    return language != languages.SOURCE or can_edit_structure(user)


@transaction.atomic
def groups_setup():
    """Create or update the editors' group and, per translated language, a translators'
    group (they save drafts of its texts) and a reviewers' group (they also publish them)."""
    content = Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
    rights = Permission.objects.filter(content_type__app_label="content")
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    kept = Permission.objects.filter(content_type__app_label__in=EDITORS_APPS)
    # Every model and history permission, every language, and the glossary.
    editors.permissions.set([*content, *kept])
    viewing = [
        *content.filter(codename__regex=r"^(view|change)_"),
        *kept.filter(codename__startswith="view_"),
    ]
    for language in languages.LANGUAGES:
        if language.is_source:
            continue
        translate = rights.get(codename=f"translate_{language.code}")
        publish = rights.get(codename=f"publish_{language.code}")
        group, _ = Group.objects.get_or_create(name=language.translator_group)
        group.permissions.set([*viewing, translate])
        group, _ = Group.objects.get_or_create(name=language.reviewer_group)
        group.permissions.set([*viewing, translate, publish])
