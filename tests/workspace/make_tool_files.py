"""Makes the checked-in files of tests/workspace/tool_files/ with the real tools:

    .venv/bin/pytest tests/workspace/make_tool_files.py -p no:cacheprovider

(not collected by `make test`, which imports what this wrote; tool_files/README.md says
which command made each file). Needs Debian's omegat, gettext and libxml2-utils."""

import codecs
import shutil

import polib
import pytest
from translate.storage import xliff2

from tests.workspace.conftest import to_norwegian
from tests.workspace.test_tool_files import TOOL_FILES, exported
from tests.workspace.tools import omegat_translate, run, strip_dates
from workspace import files

pytestmark = pytest.mark.django_db


def _fill(po_bytes):
    catalogue = polib.pofile(po_bytes.decode())
    for entry in catalogue:
        entry.msgstr = entry.msgstr or to_norwegian(entry.msgid) or ""
    return str(catalogue).encode()


def test_make_tool_files(tool_article, tmp_path):
    out = TOOL_FILES
    write = {}
    for fmt in files.FORMATS:
        write[f"export.nb.{files.FORMATS[fmt]['extension']}"] = exported(tool_article, fmt)
    # OmegaT 3.6: the OmegaT-shaped XLIFF and the PO, translated in console mode.
    write["omegat-target.nb.xlf"] = omegat_translate(
        write["export.nb.omegat.xlf"], "support-lead.xlf", "nb", to_norwegian, tmp_path / "x"
    )
    write["omegat-target.nb.po"] = omegat_translate(
        write["export.nb.po"], "support-lead.po", "nb", to_norwegian, tmp_path / "p"
    )
    shutil.copy(
        tmp_path / "x" / "omegat-project" / "omegat-project-level2.tmx",
        out / "omegat-level2.nb.tmx",
    )
    for name, data in write.items():
        (tmp_path / name).write_bytes(data)
    # translate-toolkit: xliff2po, the PO translated, po2xliff.
    run("xliff2po", "export.nb.xlf", "xliff2po.nb.po", workdir=tmp_path)
    (tmp_path / "xliff2po-translated.nb.po").write_bytes(
        _fill((tmp_path / "xliff2po.nb.po").read_bytes())
    )
    run("po2xliff", "xliff2po-translated.nb.po", "po2xliff.nb.xlf", workdir=tmp_path)
    # GNU gettext: a translated PO merged into the export, and the fuzzy marks cleared.
    (tmp_path / "translated.nb.po").write_bytes(_fill(write["export.nb.po"]))
    run(
        "msgmerge",
        "--quiet",
        "-o",
        "msgmerge.nb.po",
        "translated.nb.po",
        "export.nb.po",
        workdir=tmp_path,
    )
    run("msgattrib", "--clear-fuzzy", "-o", "msgattrib.nb.po", "translated.nb.po", workdir=tmp_path)
    # libxml2 and iconv: the XLIFF in UTF-16 (declaration rewritten), and with a UTF-8 mark.
    (tmp_path / "translated.nb.xlf").write_bytes(
        run("po2xliff", "translated.nb.po", workdir=tmp_path)
    )
    utf16 = run("xmllint", "--encode", "UTF-16", "po2xliff.nb.xlf", workdir=tmp_path)
    (tmp_path / "utf16.nb.xlf").write_bytes(utf16)
    (tmp_path / "bom.nb.xlf").write_bytes(
        codecs.BOM_UTF8 + (tmp_path / "po2xliff.nb.xlf").read_bytes()
    )
    # translate-toolkit's XLIFF 2.0 store: the export's targets filled in, marked translated.
    store = xliff2.Xliff2File.parsestring(write["export.nb.xlf2.xlf"])
    for unit in store.units:
        if not unit.target:
            unit.target = to_norwegian(unit.source)
            unit.markfuzzy(False)  # translate-toolkit: state="translated" on the segment
    (tmp_path / "xliff2.nb.xlf").write_bytes(bytes(store))
    # The way Poedit 3.2 leaves a PO it saved (Poedit has no command line to translate
    # with): its header lines, the language as nb_NO, the translation typed in, the entries'
    # comments kept; wrapped at 79 columns by msgcat, as Poedit does.
    catalogue = polib.pofile(_fill(write["export.nb.po"]).decode(), wrapwidth=79)
    catalogue.metadata.update({
        "Language": "nb_NO", "X-Generator": "Poedit 3.2.2", "PO-Revision-Date":
        "2026-12-07 12:00+0100", "Last-Translator": "Kari Nordmann <kari@example.org>",
    })  # fmt: skip
    catalogue.save(str(tmp_path / "poedit-raw.nb.po"))
    run("msgcat", "--width=79", "-o", "poedit.nb.po", "poedit-raw.nb.po", workdir=tmp_path)
    # translate-toolkit's csv2tbx: a glossary from a spreadsheet.
    (tmp_path / "glossary.csv").write_text(
        '"source","target"\n"support lead","kundestøtteleder"\n"ticket","sak"\n'
    )
    run("csv2tbx", "glossary.csv", "csv2tbx.tbx", workdir=tmp_path)
    for name in [*write, "xliff2po.nb.po", "po2xliff.nb.xlf", "msgmerge.nb.po", "msgattrib.nb.po",
                 "utf16.nb.xlf", "bom.nb.xlf", "csv2tbx.tbx", "xliff2.nb.xlf",
                 "poedit.nb.po"]:  # fmt: skip
        data = (tmp_path / name).read_bytes()
        if name.endswith(".po"):
            data = strip_dates(data.decode()).encode()
        (out / name).write_bytes(data)
