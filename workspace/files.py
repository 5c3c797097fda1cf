"""Files for translation tools: a language's segments as XLIFF 1.2 or PO, and back.

translate-toolkit reads and writes both formats (translate.storage.xliff, .pypo), as CAT
tools and Weblate do. A unit per segment: its id (XLIFF `id`, PO `msgctxt`) is the segment's
stable id, its source the English, its target the current draft, its state (XLIFF `state`,
PO `fuzzy` for an outdated text) and a note saying where the text appears.

An import is checked as a whole before anything is written: a well-formed file, English to
the right language, every unit known, a user allowed to change that language. Then each
unit whose English changed since the export is skipped and listed; the rest go through the
same checks as the editor into the drafts (workspace/services.py), with a report per unit.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree
from translate.storage import pypo, xliff
from translate.storage.poparser import PoParseError

from content import languages
from content.access import can_translate
from content.languages import SOURCE
from workspace.segments import DONE, MISSING, OUTDATED, STATE_LABELS, SUBMITTED, Corpus
from workspace.services import SKIPPED, Edit, Outcome, segments_save

XLIFF, PO = "xliff", "po"
FORMATS = {
    XLIFF: {"extension": "xlf", "content_type": "application/x-xliff+xml; charset=utf-8"},
    PO: {"extension": "po", "content_type": "text/x-gettext-translation; charset=utf-8"},
}
XLIFF_NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"


class Xliff12File(xliff.xlifffile):
    """translate-toolkit's XLIFF store, writing version 1.2 (it reads 1.1 and 1.2)."""

    XMLskeleton = f"""<?xml version="1.0" ?>
<xliff version='1.2' xmlns='{XLIFF_NAMESPACE}'>
<file original='NoName' source-language='en' datatype='plaintext'>
<body>
</body>
</file>
</xliff>"""
    namespace = XLIFF_NAMESPACE


# The XLIFF 1.2 state of a segment's target.
XLIFF_STATES = {
    MISSING: "needs-translation",
    OUTDATED: "needs-review-translation",
    SUBMITTED: "signed-off",
    DONE: "final",
}


class FileRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass
class Unit:
    id: str
    source: str
    target: str
    fuzzy: bool = False


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


def filename(language, documents, fmt):
    scope = documents[0].obj.__class__.__name__.lower() + f"-{documents[0].obj.pk}"
    if len(documents) != 1:
        scope = "all"
    return f"translations-{language}-{scope}.{FORMATS[fmt]['extension']}"


def export(documents, fmt, language):
    """The segments of `documents` (of one Corpus) as an XLIFF 1.2 or PO file, in bytes."""
    segments = [s for d in documents for s in d.segments]
    return _xliff(segments, language) if fmt == XLIFF else _po(segments, language)


def _note(segment):
    lines = [segment.where, _("state: %(state)s") % {"state": STATE_LABELS[segment.state]}]
    if segment.state == OUTDATED and segment.old_source:
        lines.append(_("English before: %(text)s") % {"text": segment.old_source})
    return "\n".join(lines)


def _xliff(segments, language):
    store = Xliff12File(sourcelanguage=SOURCE, targetlanguage=language)
    for segment in segments:
        unit = store.addsourceunit(
            segment.source, filename=segment.document.kind + f":{segment.document.obj.pk}",
            createifmissing=True,
        )  # fmt: skip
        unit.setid(segment.id)
        if segment.target:
            unit.target = segment.target
        unit.addnote(_note(segment), origin="developer")
        unit.set_state_n(unit.statemap[XLIFF_STATES.get(segment.state, "translated")])
    return bytes(store)


def _po(segments, language):
    store = pypo.pofile()
    store.updateheader(
        add=True,
        Language=language,
        Content_Type="text/plain; charset=UTF-8",
        Project_Id_Version="role-reference",
        X_Source_Language=SOURCE,
    )
    for segment in segments:
        unit = store.addsourceunit(segment.source)
        unit.setcontext(segment.id)
        unit.target = segment.target
        unit.addnote(_note(segment), origin="developer")
        if segment.state == OUTDATED:
            unit.markfuzzy(True)
    return bytes(store)


def read(data, language):
    """The units of an XLIFF or PO file for `language`; FileRefused when it is not one."""
    head = data.lstrip()[:200]
    if head.startswith(b"<"):
        return _read_xliff(data, language)
    return _read_po(data, language)


def _read_xliff(data, language):
    try:
        store = xliff.xlifffile.parsestring(data)
    except (etree.XMLSyntaxError, ValueError, TypeError, AttributeError, StopIteration) as error:
        raise FileRefused(
            _("This is not a well-formed XLIFF 1.2 file: %(error)s") % {"error": error}
        ) from None
    root = store.document.getroot()
    if etree.QName(root).localname != "xliff":
        raise FileRefused(
            _("This is not a well-formed XLIFF 1.2 file: %(error)s") % {"error": root.tag}
        )
    for node in root.iterchildren(store.namespaced("file")):
        source, target = node.get("source-language", ""), node.get("target-language", "")
        if _code(source) != SOURCE or _code(target) != language:
            raise FileRefused(_wrong_languages(source, target, language))
    return [
        # The trans-unit's own id (getid() prefixes the <file>'s name).
        Unit(u.xmlelement.get("id") or "", str(u.source or ""), str(u.target or ""), u.isfuzzy())
        for u in store.units
    ]


def _read_po(data, language):
    try:
        store = pypo.pofile.parsestring(data)
    except (PoParseError, ValueError, UnicodeDecodeError) as error:
        raise FileRefused(
            _("This is not a well-formed PO file: %(error)s") % {"error": error}
        ) from None
    header = store.parseheader()
    if not header:
        raise FileRefused(
            _("This is not a well-formed PO file: %(error)s") % {"error": "no header"}
        )
    target = header.get("Language", "")
    source = header.get("X-Source-Language", SOURCE)
    if _code(source) != SOURCE or _code(target) != language:
        raise FileRefused(_wrong_languages(source, target, language))
    return [
        Unit(u.getcontext() or "", u.source or "", u.target or "", u.isfuzzy())
        for u in store.units
        if not u.isheader() and not u.isobsolete()
    ]


def _code(tag):
    return (tag or "").replace("_", "-").split("-")[0].lower()


def _wrong_languages(source, target, language):
    return _(
        "This file is for translating from “%(source)s” into “%(target)s”, not from English "
        "%(in_language)s."
    ) % {
        "source": source or "?",
        "target": target or "?",
        "in_language": languages.get(language).in_language,
    }


def translations_import(*, data, language, user, dry_run=False):
    """Import an XLIFF or PO file into the drafts of `language`; a Report, or FileRefused
    (nothing changed) when the file as a whole cannot be taken."""
    units = read(data, language)
    if not units:
        raise FileRefused(_("The file has no units."))
    corpus = Corpus(language)
    unknown = [u.id or "?" for u in units if u.id not in corpus.by_id]
    if unknown:
        raise FileRefused(
            _(
                "The file has units for texts this site does not have: %(ids)s. Nothing was "
                "imported."
            )
            % {"ids": ", ".join(unknown[:5]) + ("…" if len(unknown) > 5 else "")}
        )
    if not can_translate(user, language):
        raise FileRefused(
            _("%(user)s may not change the texts %(in_language)s. Nothing was imported.")
            % {"user": user, "in_language": languages.get(language).in_language}
        )
    outcomes, edits = {}, []
    for unit in units:
        segment = corpus.by_id[unit.id]
        if not unit.target:
            outcomes[unit.id] = Outcome(
                unit.id, SKIPPED, _("no translation in the file"), segment=segment
            )
        elif unit.fuzzy and unit.target != segment.target:
            outcomes[unit.id] = Outcome(
                unit.id, SKIPPED, _("marked as needing work in the file"), segment=segment
            )
        else:
            edits.append(Edit(unit.id, unit.target, source=unit.source))
    saved = segments_save(language=language, user=user, edits=edits, corpus=corpus, dry_run=dry_run)
    outcomes.update((outcome.segment_id, outcome) for outcome in saved)
    return Report(language, dry_run, [outcomes[unit.id] for unit in units])
