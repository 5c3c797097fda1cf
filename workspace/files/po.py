"""PO files (GNU gettext), written and read with translate-toolkit's pypo.

An entry per segment: `msgctxt` and a `#:` reference hold the segment's id, `#.` extracted
comments where the text appears and the draft's fingerprint (Poedit, msgmerge, msgattrib and
OmegaT keep them), `fuzzy` an outdated text. A fuzzy entry is work not done. The header is
filled in as `msgfmt -c` expects, with no placeholder left.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from translate.storage import pypo
from translate.storage.poparser import PoParseError

from content import languages
from content.languages import SOURCE
from workspace.files.detect import encoding_of, text_of
from workspace.files.units import (
    FileRefused,
    Unit,
    code,
    description,
    fingerprint_in,
    fingerprint_line,
    wrong_languages,
)
from workspace.segments import OUTDATED


def write(documents, language, *, user=None):
    store = pypo.pofile()
    now = timezone.now().strftime("%Y-%m-%d %H:%M+0000")
    translator = "role-reference"
    if user is not None and user.email:
        translator = f"{user.get_full_name() or user.get_username()} <{user.email}>"
    store.updateheader(
        add=True,
        Project_Id_Version="role-reference",
        Report_Msgid_Bugs_To=settings.SITE_URL,
        POT_Creation_Date=now,
        PO_Revision_Date=now,
        Last_Translator=translator,
        Language_Team=f"{languages.get(language).translator_group} <{settings.SITE_URL}>",
        Language=language,
        MIME_Version="1.0",
        Content_Type="text/plain; charset=UTF-8",
        Content_Transfer_Encoding="8bit",
        X_Source_Language=SOURCE,
    )
    for document in documents:
        for segment in document.segments:
            unit = store.addsourceunit(segment.source)
            unit.setcontext(segment.id)
            unit.addlocation(segment.id)
            unit.target = segment.target
            unit.addnote(description(segment), origin="developer")
            unit.addnote(fingerprint_line(segment), origin="developer")
            if segment.state == OUTDATED:
                unit.markfuzzy(True)
    return bytes(store)


def read(data, language):
    """(units, ids of obsolete entries) of a PO file for `language`."""
    # Without a byte-order mark pypo decodes the bytes as the header's charset says.
    encoding, _mark = encoding_of(data)
    raw = data if encoding is None else text_of(data).encode("utf-8")
    try:
        store = pypo.pofile.parsestring(raw)
    except (PoParseError, ValueError, UnicodeDecodeError) as error:
        raise FileRefused(
            _("This is not a well-formed PO file: %(error)s") % {"error": error}
        ) from None
    header = store.parseheader()
    if not header:
        raise FileRefused(
            _("This is not a well-formed PO file: %(error)s") % {"error": "no header"}
        )
    # xliff2po writes no Language: the ids still have to be this site's.
    target = header.get("Language") or header.get("X-Poedit-Language") or ""
    source = header.get("X-Source-Language", SOURCE)
    if code(source) != SOURCE or (target and code(target) != language):
        raise wrong_languages(source, target, language)
    units, obsolete = [], []
    for entry in store.units:
        if entry.isheader():
            continue
        ids = [i for i in (entry.getcontext(), *entry.getlocations()) if i]
        if entry.isobsolete():
            obsolete.append(ids[0] if ids else str(entry.source or ""))
            continue
        units.append(
            Unit(
                ids=ids,
                source=str(entry.source or ""),
                target=str(entry.target or ""),
                done=not entry.isfuzzy(),
                base=fingerprint_in(entry.getnotes("developer")),
            )
        )
    return units, obsolete
