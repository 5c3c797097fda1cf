"""Files for translation tools: a language's segments as XLIFF 1.2 (also shaped for OmegaT),
XLIFF 2.0 or PO, and back; the memory as TMX and the glossary as TBX (memory.py).

An import is checked as a whole before anything is written: a user allowed to change the
language (before the file is read), a file under the size limit, well formed, English to
the right language, every unit known. Then each unit goes through the editor's own service
(workspace/services.segments_save) with the fingerprint of the draft it was exported with:
a draft changed since the export is a conflict, kept aside with both texts for a translator
to decide (ImportConflict), never overwritten. Units whose English changed since the export
are skipped; the report says what happened to each unit, and to what the file held that is
not imported (obsolete entries, duplicated ids, inline markup).
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from content import languages
from content.access import can_translate
from workspace.files import exchange, po, xliff12, xliff20
from workspace.files.detect import is_xml, parse_xml
from workspace.files.units import FileRefused, Unit
from workspace.models import ImportConflict
from workspace.segments import Corpus, fingerprint
from workspace.services import CONFLICT, SKIPPED, Edit, Outcome, segments_save

__all__ = [
    "FORMATS",
    "FileRefused",
    "Report",
    "Unit",
    "any_import",
    "export",
    "filename",
    "translations_import",
]

SEGMENT_ID = re.compile(r"^\w+\.\w+:\d+:\w+$", re.ASCII)
XLIFF, OMEGAT, XLIFF2, PO = "xliff", "omegat", "xliff2", "po"
XLIFF_TYPE = "application/x-xliff+xml; charset=utf-8"
FORMATS = {
    XLIFF: {"extension": "xlf", "content_type": XLIFF_TYPE},
    OMEGAT: {"extension": "omegat.xlf", "content_type": XLIFF_TYPE},
    XLIFF2: {"extension": "xlf2.xlf", "content_type": XLIFF_TYPE},
    PO: {"extension": "po", "content_type": "text/x-gettext-translation; charset=utf-8"},
}


def format_labels():
    return {
        XLIFF: _("XLIFF 1.2"),
        OMEGAT: _("XLIFF 1.2 for OmegaT"),
        XLIFF2: _("XLIFF 2.0"),
        PO: _("PO"),
    }


@dataclass
class Report:
    language: str
    dry_run: bool
    outcomes: list = field(default_factory=list)

    def count(self, status):
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def summary(self):
        counts = {}
        for outcome in self.outcomes:
            counts[outcome.label] = counts.get(outcome.label, 0) + 1
        return sorted(counts.items(), key=lambda item: -item[1])

    @property
    def conflicts(self):
        return [o for o in self.outcomes if o.status == CONFLICT]


def filename(language, documents, fmt):
    scope = documents[0].obj.__class__.__name__.lower() + f"-{documents[0].obj.pk}"
    if len(documents) != 1:
        scope = "all"
    return f"translations-{language}-{scope}.{FORMATS[fmt]['extension']}"


def export(documents, fmt, language, *, user=None):
    """The segments of `documents` (of one Corpus) in the format `fmt`, in bytes."""
    if fmt == PO:
        return po.write(documents, language, user=user)
    if fmt == XLIFF2:
        return xliff20.write(documents, language)
    return xliff12.write(documents, language, omegat=fmt == OMEGAT)


def check_access(*, user, language, size):
    """Refuse, before the file is read, a user who may not translate `language` (naming no
    unit) or a file over the size limit."""
    if not can_translate(user, language):
        raise FileRefused(
            _("%(user)s may not change the texts %(in_language)s. Nothing was imported.")
            % {"user": user, "in_language": languages.get(language).in_language}
        )
    if size > settings.TRANSLATION_FILE_MAX_BYTES:
        raise FileRefused(
            _("The file is %(size)s; files up to %(limit)s can be imported. Nothing was imported.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(settings.TRANSLATION_FILE_MAX_BYTES),
            }
        )


def read(data, language):
    """(units, ids of obsolete entries) of an XLIFF 1.2, XLIFF 2.0 or PO file."""
    if not is_xml(data):
        return po.read(data, language)
    root = parse_xml(data)
    version = root.get("version", "")
    name = root.tag.rpartition("}")[2] if isinstance(root.tag, str) else ""
    if name != "xliff":
        raise FileRefused(
            _("This is not a well-formed XLIFF file: %(error)s") % {"error": f"<{name}>"}
        )
    if version.startswith("2."):
        return xliff20.read(root, language), []
    return xliff12.read(root, language), []


def any_import(*, data, language, user, dry_run=False, name=""):
    """Import whatever a translator brings: a translation file into the drafts (a Report),
    a TMX into the memory or a TBX into the glossary (a Summary)."""
    check_access(user=user, language=language, size=len(data))
    if is_xml(data):
        root = parse_xml(data)
        kind = exchange.kind_of(root)
        if kind == "tmx":
            return exchange.memory_import(
                root=root, language=language, origin=name, dry_run=dry_run
            )
        if kind == "tbx":
            return exchange.glossary_import(
                root=root, user=user, language=language, dry_run=dry_run
            )
    return translations_import(data=data, language=language, user=user, dry_run=dry_run, name=name)


def translations_import(*, data, language, user, dry_run=False, name=""):
    """Import a translation file into the drafts of `language`; a Report, or FileRefused
    (nothing changed) when the file as a whole cannot be taken."""
    check_access(user=user, language=language, size=len(data))
    units, obsolete = read(data, language)
    if not units:
        raise FileRefused(_("The file has no units."))
    corpus = Corpus(language)
    _name_units(units, corpus)
    outcomes, edits, notes = {}, [], defaultdict(list)
    for unit_id, found in _by_id(units).items():
        segment = corpus.by_id[unit_id]
        unit = found[0]
        notes[unit_id] += unit.notes
        if len({u.target for u in found}) > 1:
            outcomes[unit_id] = Outcome(
                unit_id,
                SKIPPED,
                _("the file holds this text %(count)s times, translated differently: neither "
                  "was imported") % {"count": len(found)},
                segment=segment,
            )  # fmt: skip
            continue
        if len(found) > 1:
            notes[unit_id].append(
                _("The file holds this text %(count)s times, translated alike.")
                % {"count": len(found)}
            )
        if not unit.target:
            outcomes[unit_id] = Outcome(
                unit_id, SKIPPED, _("no translation in the file"), segment=segment
            )
        elif not unit.done and unit.target != segment.target:
            outcomes[unit_id] = Outcome(
                unit_id, SKIPPED, _("marked as needing work in the file"), segment=segment
            )
        else:
            # A file that lost the fingerprint is taken to be made from what was published:
            # it may replace that, or fill a gap, but never a newer draft.
            base = unit.base or fingerprint(segment.published_target)
            edits.append(
                Edit(unit_id, unit.target, base=base, confirm=unit.done, source=unit.source)
            )
    saved = segments_save(language=language, user=user, edits=edits, corpus=corpus, dry_run=dry_run)
    outcomes.update((outcome.segment_id, outcome) for outcome in saved)
    report = Report(language, dry_run, [outcomes[unit_id] for unit_id in _by_id(units)])
    for outcome in report.outcomes:
        extra = notes.get(outcome.segment_id)
        if extra:
            outcome.message = " ".join([outcome.message, *extra]).strip()
    report.outcomes += [
        Outcome(entry, SKIPPED, _("an obsolete entry (#~) in the file: not imported"))
        for entry in obsolete
    ]
    if not dry_run:
        _keep_conflicts(report, language=language, user=user, name=name)
    return report


def _name_units(units, corpus):
    """Each unit's segment id: the first of the ids the file gives it that the site knows."""
    nameless = [u for u in units if not u.ids]
    if nameless:
        english = nameless[0].source
        raise FileRefused(
            _(
                "%(count)s units of the file have no id, such as the one for “%(english)s”: "
                "export the file again. Nothing was imported."
            )
            % {"count": len(nameless), "english": english[:60]}
        )
    for unit in units:
        # The first id of a segment's form is the unit's; a converter's numbers are not.
        unit.id = next((i for i in unit.ids if SEGMENT_ID.match(i)), unit.ids[0])
    unknown = list(dict.fromkeys(u.id for u in units if u.id not in corpus.by_id))
    if unknown:
        raise FileRefused(
            _(
                "The file has units for texts this site does not have: %(ids)s. Nothing was "
                "imported."
            )
            % {"ids": ", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")}
        )


def _by_id(units):
    grouped = {}
    for unit in units:
        grouped.setdefault(unit.id, []).append(unit)
    return grouped


def _keep_conflicts(report, *, language, user, name):
    texts = {}
    for outcome in report.conflicts:
        texts[outcome.segment_id] = outcome
    if not texts:
        return
    ImportConflict.objects.bulk_create(
        ImportConflict(
            language=language,
            segment_id=segment_id,
            file_text=outcome.mine or "",
            their_text=outcome.their_text or "",
            filename=name[:255],
            imported_by=user,
        )
        for segment_id, outcome in texts.items()
    )
