"""XLIFF 1.2, written and read as the OASIS standard defines it.

Written: one <file> per document, a <trans-unit> per segment whose id is the segment's id,
repeated as its `resname` and as a location context (translate-toolkit's xliff2po keeps only
the latter, as a `#:` reference; po2xliff writes it back), the English, the draft with its
real state, and developer notes: where the text appears, and the draft's fingerprint.

Read: `state` decides whether a translation is finished (section 2.5.4 of the standard:
translated, final and signed-off are; new and needs-* are not); `approved` only where a
target has no state.

OmegaT's own XLIFF filter offers the text of <target> for translation, not of <source>, and
never shows a unit without one. The OmegaT variant therefore fills every target with the
English and names itself in <header><tool>; reading such a file, a target that still equals
its English was not translated, and one that differs was.
"""

from django.utils.translation import gettext as _
from lxml import etree

from content.languages import SOURCE
from workspace.files.units import (
    FileRefused,
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
from workspace.segments import CHANGES, DONE, MISSING, OUTDATED, SUBMITTED, UNPUBLISHED

NAMESPACE = "urn:oasis:names:tc:xliff:document:1.2"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
OMEGAT_TOOL = "role-reference-omegat"
STATES = {
    MISSING: "needs-translation",
    OUTDATED: "needs-review-translation",
    # Sent back by a reviewer: a draft still, its comments are in the workspace.
    CHANGES: "translated",
    SUBMITTED: "translated",
    UNPUBLISHED: "translated",
    DONE: "final",
}
FINISHED = {"translated", "final", "signed-off"}
# Inline elements whose own text is the translation's; the others hold native codes.
_KEPT = {"g", "mrk"}


def write(documents, language, *, omegat=False):
    root = etree.Element(f"{{{NAMESPACE}}}xliff", version="1.2", nsmap={None: NAMESPACE})
    for document in documents:
        node = _el(
            root,
            "file",
            original=f"{document.kind}:{document.obj.pk}",
            datatype="plaintext",
            **{"source-language": SOURCE, "target-language": language},
        )
        if omegat:
            node.set("tool-id", OMEGAT_TOOL)
            header = _el(node, "header")
            _el(header, "tool", **{"tool-id": OMEGAT_TOOL, "tool-name": "role-reference"})
        body = _el(node, "body")
        for segment in document.segments:
            _unit(body, segment, omegat)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _unit(body, segment, omegat):
    unit = _el(body, "trans-unit", id=segment.id, resname=segment.id)
    unit.set(XML_SPACE, "preserve")
    _el(unit, "source", segment.source)
    if omegat:
        _el(unit, "target", segment.source)
    elif segment.target:
        _el(unit, "target", segment.target, state=STATES[segment.state])
        if segment.state == DONE:
            unit.set("approved", "yes")
    group = _el(unit, "context-group", purpose="location")
    _el(group, "context", segment.id, **{"context-type": "sourcefile"})
    _el(unit, "note", description(segment), **{"from": "developer"})
    _el(unit, "note", fingerprint_line(segment), **{"from": "developer"})


def read(root, language):
    if root.get("version") not in ("1.2", "1.1", "1.0"):
        raise FileRefused(
            _("This XLIFF file is version %(version)s; XLIFF 1.2 and 2.0 can be imported.")
            % {"version": root.get("version") or "?"}
        )
    units = []
    for node in _children(root, "file"):
        source, target = node.get("source-language", ""), node.get("target-language", "")
        # po2xliff names no target language: the ids still have to be this site's.
        if code(source) != SOURCE or (target and code(target) != language):
            raise wrong_languages(source, target, language)
        omegat = node.get("tool-id") == OMEGAT_TOOL
        units += [
            _read_unit(unit, omegat)
            for unit in node.iter(_tag(node, "trans-unit"))
            if unit.get("restype") != "x-gettext-domain-header"  # po2xliff's PO header
        ]
    return units


def _read_unit(node, omegat):
    source_node = _child(node, "source")
    target_node = _child(node, "target")
    removed = set()
    source = _text(source_node, removed) if source_node is not None else ""
    target = _text(target_node, removed) if target_node is not None else ""
    if omegat:
        done = bool(target) and target != source
        target = target if done else ""
    elif target_node is not None and target_node.get("state"):
        done = target_node.get("state") in FINISHED
    else:
        done = node.get("approved") == "yes"
    contexts = [
        c.text or ""
        for group in _children(node, "context-group")
        for c in _children(group, "context")
        if c.get("context-type") == "sourcefile"
    ]
    notes = [n.text or "" for n in _children(node, "note")]
    return Unit(
        ids=[i for i in (node.get("id"), node.get("resname"), *contexts) if i],
        source=source,
        target=target,
        done=done,
        base=fingerprint_in(*notes),
        notes=[markup_note(removed)] if removed else [],
    )


def _tag(node, name):
    return f"{{{etree.QName(node).namespace}}}{name}" if etree.QName(node).namespace else name


def _children(node, name):
    return node.iterchildren(_tag(node, name))


def _child(node, name):
    return next(_children(node, name), None)


def _el(parent, tag, text=None, **attributes):
    return element(NAMESPACE, parent, tag, text, **attributes)


def _text(node, removed):
    return inline_text(node, removed, kept=_KEPT, markup={"g"})
