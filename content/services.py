"""Saving content: the one write path of every editor's and translator's change."""

from content.languages import SOURCE
from content.outdated import changed_translated_fields, mark_outdated, translated_fields


def content_save(*, obj, user=None, confirmed_languages=()):
    """Save `obj` as changed by `user` (a draft): clear the outdated marks of languages
    changed or confirmed, and advance its version so that a form opened before this save
    is refused. A changed English text marks its translations outdated when it is
    published (publishing/snapshot.py), not before.

    A save that changes nothing (no field, no outdated mark) writes nothing: no new version,
    which would make everyone else's open form stale, and no empty history entry."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    changed = changed_translated_fields(obj, stored)
    translations = {name for name in changed if not name.endswith(f"_{SOURCE}")}
    mark_outdated(obj, translations, confirmed_languages)
    if stored is not None and not _differs(obj, stored):
        obj.version = stored.version
        return obj
    obj.version = (stored.version if stored else 0) + 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj


def _differs(obj, stored):
    # A translated field's own name reads the active language through modeltranslation;
    # its columns (title_en, title_hi, …) are compared instead.
    shown = set(translated_fields(type(obj)))
    return any(
        getattr(obj, field.attname) != getattr(stored, field.attname)
        for field in obj._meta.concrete_fields
        if field.name not in shown and field.name != "version"
    )
