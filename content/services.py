"""Saving content: the one write path of every editor's and translator's change, and the only
place that writes a draft's outdated marks and version (tests/content/test_write_path.py)."""

from content.languages import SOURCE
from content.outdated import changed_translated_fields, outdated_after, translated_fields


def content_save(*, obj, user=None, confirmed_languages=(), confirmed_texts=()):
    """Save `obj` as changed by `user` (a draft): clear the outdated marks of texts changed,
    of languages confirmed and of single texts confirmed (`confirmed_texts`: (language,
    field)), and advance its version so that a form opened before this save is refused. A
    changed English text marks its translations outdated when it is published
    (content_mark_outdated, called by publishing), not before.

    A save that changes nothing (no field, no outdated mark) writes nothing: no new version,
    which would make everyone else's open form stale, and no empty history entry."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    changed = changed_translated_fields(obj, stored)
    translations = {name for name in changed if not name.endswith(f"_{SOURCE}")}
    obj.outdated = outdated_after(obj, translations, confirmed_languages, confirmed_texts)
    if stored is not None and not _differs(obj, stored):
        obj.version = stored.version
        return obj
    obj.version = (stored.version if stored else 0) + 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj


def content_mark_outdated(*, obj, changed_english):
    """Publishing changed English texts of `obj` (the columns `changed_english`): their
    translations are outdated, in the draft too. Only the marks are written; the version
    stays, so an editor's open form is not refused for a mark it did not make."""
    obj.outdated = outdated_after(obj, changed_english)
    type(obj)._default_manager.filter(pk=obj.pk).update(outdated=obj.outdated)
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
