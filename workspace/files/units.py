"""What every file format reads into: units, with what the file says of each.

A unit carries the segment's id (where the format and the converters keep it), the English,
the translation, whether the file says the translation is finished (`done`, read as each
standard defines it), and the fingerprint of the draft it was exported with: the check that
keeps an old file from overwriting a newer draft (workspace/services.py).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from lxml import etree

from content import languages
from workspace.segments import OUTDATED, STATE_LABELS

# Written as a line of a developer note (XLIFF) or an extracted comment (PO): the places
# OmegaT, Poedit, msgmerge and translate-toolkit's converters all carry along.
FINGERPRINT_LABEL = "draft-fingerprint"
_FINGERPRINT = re.compile(rf"^\s*{FINGERPRINT_LABEL}:\s*([0-9a-f]{{16}})\s*$", re.MULTILINE)


class FileRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""


@dataclass
class Unit:
    # Where the file names the segment, most trusted first (a converter may have replaced
    # the unit's own id with a number, and kept ours as a location or resource name).
    ids: list
    source: str
    target: str
    done: bool
    # The fingerprint of the draft when the file was exported; None when the file lost it.
    base: str | None = None
    # What reading did to the unit that the translator should know (markup removed).
    notes: list = field(default_factory=list)
    id: str = ""


def fingerprint_line(segment):
    return f"{FINGERPRINT_LABEL}: {segment.base}"


def fingerprint_in(*texts):
    """The draft's fingerprint written in a unit's notes, or None."""
    for text in texts:
        found = _FINGERPRINT.search(text or "")
        if found:
            return found.group(1)
    return None


def description(segment):
    """Where the text appears and its state: the note a translator reads beside the unit."""
    lines = [segment.where, _("state: %(state)s") % {"state": STATE_LABELS[segment.state]}]
    if segment.state == OUTDATED and segment.old_source:
        lines.append(_("English before: %(text)s") % {"text": segment.old_source})
    return "\n".join(lines)


def markup_note(names):
    return _("Inline markup (%(tags)s) was removed: only its text was kept.") % {
        "tags": ", ".join(f"<{name}>" for name in sorted(names))
    }


def code(tag):
    """The language code of a tag such as nb-NO, nb_NO or NB."""
    return (tag or "").replace("_", "-").split("-")[0].lower()


def wrong_languages(source, target, language):
    return FileRefused(
        _(
            "This file is for translating from “%(source)s” into “%(target)s”, not from "
            "English %(in_language)s."
        )
        % {
            "source": source or "?",
            "target": target or "?",
            "in_language": languages.get(language).in_language,
        }
    )


def element(namespace, parent, tag, text=None, **attributes):
    """A child element of `parent` in `namespace`, with its text."""
    child = etree.SubElement(parent, f"{{{namespace}}}{tag}", attributes)
    if text is not None:
        child.text = text
    return child


def inline_text(node, removed, *, kept, markup):
    """The plain text of an XLIFF <source> or <target>: the text inside the inline elements
    in `kept`, nothing of the others (native codes: <x/>, <ph>, <bpt>…). The names of the
    elements dropped, and of those in `markup` whose text was kept, go to `removed`."""
    if node is None:
        return ""
    parts = [node.text or ""]
    for child in node:
        if isinstance(child.tag, str):  # not a comment or processing instruction
            name = etree.QName(child).localname
            if name in kept:
                if name in markup:
                    removed.add(name)
                parts.append(inline_text(child, removed, kept=kept, markup=markup))
            else:
                removed.add(name)
        parts.append(child.tail or "")
    return "".join(parts)
