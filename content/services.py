"""Saving content: the one write path of every editor's and translator's change."""

from content.languages import SOURCE
from content.outdated import changed_translated_fields, mark_outdated


def content_save(*, obj, user=None, confirmed_languages=()):
    """Save `obj` as changed by `user` (a draft): clear the outdated marks of languages
    changed or confirmed, and advance its version so that a form opened before this save
    is refused. A changed English text marks its translations outdated when it is
    published (publishing/snapshot.py), not before."""
    stored = type(obj)._default_manager.filter(pk=obj.pk).first() if obj.pk else None
    changed = changed_translated_fields(obj, stored)
    translations = {name for name in changed if not name.endswith(f"_{SOURCE}")}
    mark_outdated(obj, translations, confirmed_languages)
    obj.version = (stored.version if stored else 0) + 1
    if user is not None:
        obj._history_user = user
    obj.save()
    return obj
