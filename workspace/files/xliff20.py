"""XLIFF 2.0 (OASIS, 2014), the version current CAT tools exchange, with the rules of 1.2.

A <unit> per segment, its id the segment's id (an NMTOKEN: letters, digits, ".", ":"), one
<segment> whose `state` is the standard's: `initial` is work not done; `translated`,
`reviewed` and `final` are done. Notes say where the text appears and the draft's
fingerprint.
"""

from lxml import etree

from content.languages import SOURCE
from workspace.files.units import (
    Unit,
    code,
    description,
    element,
    fingerprint_in,
    fingerprint_line,
    inline_text,
    markup_note,
    wrong_languages,
)
from workspace.segments import CHANGES, DONE, SUBMITTED, UNPUBLISHED

NAMESPACE = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
FINISHED = {"translated", "reviewed", "final"}
# Inline elements whose text is the translation's (paired codes and annotations).
_KEPT = {"pc", "mrk"}


def _state(segment):
    if not segment.target or segment.state not in (DONE, CHANGES, SUBMITTED, UNPUBLISHED):
        return "initial"
    return "final" if segment.state == DONE else "translated"


def write(documents, language):
    root = etree.Element(
        f"{{{NAMESPACE}}}xliff",
        version="2.0",
        srcLang=SOURCE,
        trgLang=language,
        nsmap={None: NAMESPACE},
    )
    for document in documents:
        node = _el(root, "file", id=f"{document.kind}:{document.obj.pk}")
        for segment in document.segments:
            unit = _el(node, "unit", id=segment.id, name=segment.id)
            notes = _el(unit, "notes")
            _el(notes, "note", description(segment), category="location")
            _el(notes, "note", fingerprint_line(segment), category="draft")
            part = _el(unit, "segment", state=_state(segment))
            _el(part, "source", segment.source).set(XML_SPACE, "preserve")
            if segment.target:
                _el(part, "target", segment.target).set(XML_SPACE, "preserve")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read(root, language):
    source, target = root.get("srcLang", ""), root.get("trgLang", "")
    if code(source) != SOURCE or code(target) != language:
        raise wrong_languages(source, target, language)
    namespace = etree.QName(root).namespace
    units = []
    for node in root.iter(f"{{{namespace}}}unit"):
        removed = set()
        parts = list(node.iter(f"{{{namespace}}}segment"))
        sources = [_text(p.find(f"{{{namespace}}}source"), removed) for p in parts]
        targets = [_text(p.find(f"{{{namespace}}}target"), removed) for p in parts]
        # A unit split into several segments is done when each of them is.
        states = [p.get("state", "initial") for p in parts]
        notes = [n.text or "" for n in node.iter(f"{{{namespace}}}note")]
        units.append(
            Unit(
                ids=[i for i in (node.get("id"), node.get("name")) if i],
                source="".join(sources),
                target="".join(targets),
                done=bool(parts) and all(state in FINISHED for state in states),
                base=fingerprint_in(*notes),
                notes=[markup_note(removed)] if removed else [],
            )
        )
    return units


def _el(parent, tag, text=None, **attributes):
    return element(NAMESPACE, parent, tag, text, **attributes)


def _text(node, removed):
    return inline_text(node, removed, kept=_KEPT, markup={"pc"})
