"""Whether each text is translated, missing, or outdated because its English source changed.

An object's state in a language is the worst of its translated fields there: `missing` when
a text that has English has none in that language, `outdated` when the English changed after
the translation was written (and nobody has translated or confirmed it since), else `complete`.
"""

import functools
import operator

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from content.languages import CODES, SOURCE, TARGETS

COMPLETE, OUTDATED, MISSING = "complete", "outdated", "missing"
LABELS = {COMPLETE: _("complete"), OUTDATED: _("outdated"), MISSING: _("missing")}
_RANK = {COMPLETE: 0, OUTDATED: 1, MISSING: 2}


@functools.cache
def translated_fields(model):
    """The translated fields of `model` (title, summary, …) in the model's field order; none
    for other models. (modeltranslation keeps them in a dict keyed by name.)"""
    try:
        names = set(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()
    return tuple(field.name for field in model._meta.fields if field.name in names)


def field_state(obj, field, language):
    if language == SOURCE:
        return COMPLETE
    english = getattr(obj, f"{field}_{SOURCE}")
    if english and not getattr(obj, f"{field}_{language}"):
        return MISSING
    if field in (obj.outdated or {}).get(language, ()):
        return OUTDATED
    return COMPLETE


def worst(states):
    return max(states, key=_RANK.__getitem__, default=COMPLETE)


def object_state(obj, language):
    return worst(field_state(obj, field, language) for field in translated_fields(type(obj)))


def objects_state(objects, language):
    """The state of a whole made of several objects, such as a role and what it lists."""
    return worst(object_state(obj, language) for obj in objects)


def missing_q(model, language):
    """The rows of `model` with a text that has English and none in `language` (as a
    query: an empty column may be NULL or "")."""
    conditions = [
        Q(**{f"{field}_{SOURCE}__gt": ""})
        & (Q(**{f"{field}_{language}__isnull": True}) | Q(**{f"{field}_{language}": ""}))
        for field in translated_fields(model)
    ]
    return functools.reduce(operator.or_, conditions) if conditions else Q(pk__in=[])


def outdated_q(language):
    """The rows with a text in `language` whose English changed since (see outdated_after:
    a language is in `outdated` only with fields)."""
    return Q(outdated__has_key=language)


def outdated_after(obj, changed_fields, confirmed_languages=(), confirmed_texts=()):
    """The outdated marks `obj` has after a save that changes `changed_fields`, as a dict to
    store (content.services writes it; nothing else does).

    A changed English text makes the other languages' texts of that field outdated, unless
    the same save changed them too; a changed translation, a confirmed language or a
    confirmed (language, field) text is up to date again.
    """
    outdated = {language: set(fields) for language, fields in (obj.outdated or {}).items()}
    for field in translated_fields(type(obj)):
        source_changed = f"{field}_{SOURCE}" in changed_fields
        for language in TARGETS:
            name = f"{field}_{language}"
            if name in changed_fields or not getattr(obj, name):
                outdated.get(language, set()).discard(field)
            elif source_changed:
                outdated.setdefault(language, set()).add(field)
    for language in confirmed_languages:
        outdated.pop(language, None)
    for language, field in confirmed_texts:
        outdated.get(language, set()).discard(field)
    return {lang: sorted(fields) for lang, fields in outdated.items() if fields}


def changed_translated_fields(obj, stored):
    """Names of the translated columns whose text differs between `obj` and `stored`."""
    changed = set()
    for field in translated_fields(type(obj)):
        for language in CODES:
            name = f"{field}_{language}"
            if (getattr(obj, name) or "") != (getattr(stored, name, None) or ""):
                changed.add(name)
    return changed
