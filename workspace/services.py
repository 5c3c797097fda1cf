"""Saving segments: the one way the editor and the file import write translations.

Each segment is decided on its own: one saved by someone else since it was opened is
refused, showing their text; one with a blocking problem is refused with the reason; the
others are saved as drafts through content_save (content/services.py), object by object.
"""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content import languages
from content.access import can_translate
from content.services import content_save
from workspace.models import ImportConflict
from workspace.segments import (
    DONE,
    MISSING,
    Corpus,
    fingerprint,
)

SAVED, CONFIRMED, UNCHANGED = "saved", "confirmed", "unchanged"
REFUSED, CONFLICT, SKIPPED, UNKNOWN = "refused", "conflict", "skipped", "unknown"
OUTCOME_LABELS = {
    SAVED: gettext_lazy("saved"),
    CONFIRMED: gettext_lazy("confirmed"),
    UNCHANGED: gettext_lazy("unchanged"),
    REFUSED: gettext_lazy("refused"),
    CONFLICT: gettext_lazy("saved by someone else meanwhile"),
    SKIPPED: gettext_lazy("skipped"),
    UNKNOWN: gettext_lazy("unknown"),
}


@dataclass
class Edit:
    segment_id: str
    text: str
    # The fingerprint of the draft it was opened with (None: not checked).
    base: str | None = None
    confirm: bool = False
    # The English it was translated from (a file's source; None: not checked).
    source: str | None = None


@dataclass
class Outcome:
    segment_id: str
    status: str
    message: str = ""
    problems: list = field(default_factory=list)
    their_text: str | None = None
    segment: object = None
    # The text that was not saved because of a conflict (what the editor or file held).
    mine: str | None = None
    # (language, field) of a text confirmed as still matching the English.
    confirmed: tuple | None = None

    @property
    def label(self):
        return OUTCOME_LABELS[self.status]

    @property
    def ok(self):
        return self.status in (SAVED, CONFIRMED, UNCHANGED)

    @property
    def warnings(self):
        return [p for p in self.problems if not p.blocking]


def normalized(text):
    """Text as it is stored: line breaks as LF, NFC."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def segments_save(*, language, user, edits, corpus=None, dry_run=False):
    """Save `edits` (Edit) into the drafts of `language` as `user`; an Outcome per edit, in
    their order. With `dry_run` everything is decided as it would be, and nothing kept."""
    if language not in languages.TARGETS or not can_translate(user, language):
        raise PermissionDenied(_("You may not translate into this language."))
    corpus = corpus or Corpus(language)
    outcomes = {}
    by_object = defaultdict(list)
    for edit in edits:
        segment = corpus.by_id.get(edit.segment_id)
        if segment is None:
            outcomes[edit.segment_id] = Outcome(edit.segment_id, UNKNOWN, _("No such text."))
        else:
            by_object[(type(segment.obj), segment.obj.pk)].append((edit, segment))
    with transaction.atomic():
        for (model, pk), pairs in by_object.items():
            obj = model._default_manager.select_for_update().filter(pk=pk).first()
            if obj is None:
                for edit, _segment in pairs:
                    outcomes[edit.segment_id] = Outcome(
                        edit.segment_id, UNKNOWN, _("Deleted meanwhile.")
                    )
                continue
            results = [_apply(obj, edit, segment, corpus) for edit, segment in pairs]
            if any(r.status in (SAVED, CONFIRMED) for r in results):
                confirmed = [r.confirmed for r in results if r.confirmed]
                content_save(obj=obj, user=user, confirmed_texts=confirmed)
            for result in results:
                outcomes[result.segment_id] = result
        if dry_run:
            transaction.set_rollback(True)
    return [outcomes[edit.segment_id] for edit in edits]


def _apply(obj, edit, segment, corpus):
    language, name = segment.language, segment.name
    column = f"{name}_{language}"
    current = getattr(obj, column) or ""
    text = normalized(edit.text)
    outdated = name in (obj.outdated or {}).get(language, ())
    result = Outcome(edit.segment_id, UNCHANGED, segment=segment)
    if edit.source is not None and normalized(edit.source) != segment.source:
        result.status = SKIPPED
        result.message = _("source changed since export")
        return result
    if edit.base is not None and edit.base != fingerprint(current) and text != current:
        result.status = CONFLICT
        result.their_text = current
        result.mine = text
        result.message = _(
            "Someone else saved this text after you opened it; their text is kept. Yours is "
            "still in the box: compare, then save again."
        )
        return result
    confirm = edit.confirm and outdated
    if text == current and not confirm:
        result.problems = corpus.problems(segment, text)
        return result
    problems = corpus.problems(segment, text)
    blocking = [p for p in problems if p.blocking]
    if blocking and text != current:
        result.status = REFUSED
        result.problems = problems
        result.message = _("Not saved: %(reasons)s") % {
            "reasons": " ".join(p.message for p in blocking)
        }
        return result
    if text != current:
        setattr(obj, column, text)
        result.status = SAVED
    else:
        result.status = CONFIRMED
    if confirm and text == current:
        result.confirmed = (language, name)
    result.problems = problems
    _update(segment, text)
    return result


def _update(segment, text):
    """The segment as it is after the save, for what the editor shows next."""
    segment.target = text
    segment.old_source = None
    if not text:
        segment.state = MISSING
    elif text != segment.published_target:
        segment.state = segment.document.draft_state
    else:
        segment.state = DONE


def conflict_resolve(*, conflict, user, use_file):
    """Decide a conflict an import left: keep the current draft, or save the file's text
    through segments_save. The file's text goes in only over the draft the conflict showed:
    if that changed again, the outcome is a new conflict and the decision waits."""
    outcome = None
    if use_file:
        (outcome,) = segments_save(
            language=conflict.language,
            user=user,
            edits=[
                Edit(conflict.segment_id, conflict.file_text, base=fingerprint(conflict.their_text))
            ],
        )
        if outcome.status == CONFLICT:
            conflict.their_text = outcome.their_text or ""
            conflict.save(update_fields=["their_text"])
        if not outcome.ok:
            return outcome
    conflict.resolution = (
        ImportConflict.Resolution.USED_FILE if use_file else ImportConflict.Resolution.KEPT
    )
    conflict.resolved_by = user
    conflict.resolved_at = timezone.now()
    conflict.save(update_fields=["resolution", "resolved_by", "resolved_at"])
    return outcome
