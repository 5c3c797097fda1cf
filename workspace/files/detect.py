"""The format and encoding of an uploaded file, from its bytes: a byte-order mark (UTF-8,
UTF-16, UTF-32), else the byte pattern of an XML declaration, else an 8-bit encoding. Both
XLIFF and PO may start with a mark; CAT tools on Windows write UTF-16 XLIFF."""

import codecs

from django.utils.translation import gettext as _
from lxml import etree

from workspace.files.units import FileRefused

# UTF-32 LE's mark begins with UTF-16 LE's: the longer ones are tried first.
_MARKS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
# "<" as the first character of a file without a mark, in the wide encodings.
_WIDE_STARTS = [
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0", "utf-16-le"),
    (b"\0<", "utf-16-be"),
]
# Entities are never expanded and nothing is fetched: a file is data, not instructions.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def encoding_of(data):
    """(encoding, length of its mark) of `data`; encoding None for an 8-bit one."""
    for mark, encoding in _MARKS:
        if data.startswith(mark):
            return encoding, len(mark)
    for start, encoding in _WIDE_STARTS:
        if data.startswith(start):
            return encoding, 0
    return None, 0


def text_of(data):
    """The whole file as text, for the formats read as text (PO)."""
    encoding, mark = encoding_of(data)
    try:
        return data[mark:].decode(encoding or "utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused(
            _("The file is not in UTF-8 or another Unicode encoding: %(error)s") % {"error": error}
        ) from None


def is_xml(data):
    encoding, mark = encoding_of(data)
    head = data[mark : mark + 400].decode(encoding or "utf-8", errors="replace")
    return head.lstrip().startswith("<")


def parse_xml(data):
    """The document's root element; libxml2 reads the encoding from the mark or the
    declaration, as the XML specification says."""
    try:
        return etree.fromstring(data, _PARSER)
    except (etree.XMLSyntaxError, ValueError) as error:
        raise FileRefused(
            _("This is not a well-formed XLIFF file: %(error)s") % {"error": error}
        ) from None
