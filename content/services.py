"""Saving content: the one write path of every editor's and translator's change."""

from content.outdated import changed_translated_fields, mark_outdated


def content_save(*, obj, user=None, confirmed_languages=()):
    """Save `obj` as changed by `user`: mark the translations its English change made
    outdated, clear the marks of languages changed or confirmed, and advance its version so
    that a form opened before this save is refused."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    mark_outdated(obj, changed_translated_fields(obj, stored), confirmed_languages)
    obj.version = (stored.version if stored else 0) + 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj
