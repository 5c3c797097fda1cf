"""Files written by the tools translators use, imported: OmegaT's target files, translate-
toolkit's converters, GNU gettext, XLIFF in UTF-16 and with a mark, a glossary from
csv2tbx, OmegaT's translation memory. tool_files/README.md says which command made each
(tests/workspace/make_tool_files.py ran them). Where the tool is installed, the same steps
also run live."""

import os
import shutil
from pathlib import Path

import polib
import pytest
from translate.storage import tbx, tmx

from roles.models import Responsibility, Role
from tests.factories import make_staff
from tests.workspace.conftest import FIXED_ID, NORWEGIAN, to_norwegian
from tests.workspace.tools import OMEGAT, omegat_translate, run
from workspace import files
from workspace.models import GlossaryTerm, MemoryEntry
from workspace.segments import Corpus

pytestmark = pytest.mark.django_db
TOOL_FILES = Path(__file__).parent / "tool_files"


def exported(role, fmt):
    return files.export([Corpus("nb").document("roles.role", role.pk)], fmt, "nb")


def norwegian_texts():
    role = Role.objects.get(pk=FIXED_ID)
    texts = {"title": role.title_nb, "summary": role.summary_nb}
    for duty in Responsibility.objects.filter(role=role):
        texts[f"{duty.pk}:title"] = duty.title_nb
        texts[f"{duty.pk}:description"] = duty.description_nb
    return texts


def everything_translated():
    assert norwegian_texts() == {
        "title": "Kundestøtteleder",
        "summary": NORWEGIAN["Leads the support team."],
        **{
            f"{duty.pk}:{name}": NORWEGIAN[getattr(duty, f"{name}_en")]
            for duty in Responsibility.objects.filter(role_id=FIXED_ID)
            for name in ("title", "description")
        },
    }


def imported(name_or_bytes, user):
    data = name_or_bytes
    if isinstance(name_or_bytes, str):
        data = (TOOL_FILES / name_or_bytes).read_bytes()
    return files.translations_import(data=data, language="nb", user=user)


@pytest.fixture
def omegat():
    if OMEGAT is None:
        if os.environ.get("REQUIRE_OMEGAT"):
            pytest.fail("OmegaT is required (REQUIRE_OMEGAT is set) but not installed.")
        pytest.skip("OmegaT is not installed (apt-get install omegat): the live run is skipped.")
    return OMEGAT


@pytest.mark.parametrize(
    "name",
    [
        "omegat-target.nb.xlf",
        "omegat-target.nb.po",
        "po2xliff.nb.xlf",
        "xliff2po.nb.po",
        "msgmerge.nb.po",
        "msgattrib.nb.po",
        "utf16.nb.xlf",
        "bom.nb.xlf",
        "xliff2.nb.xlf",
        "poedit.nb.po",
    ],
)
def test_a_file_written_by_a_translation_tool_brings_every_translation_and_nothing_else(
    name, tool_article, norwegian_translator
):
    if name == "xliff2po.nb.po":
        # xliff2po's own output, before anyone translated it: nothing to bring.
        report = imported(name, norwegian_translator)
        assert report.count("saved") == 0
        assert not norwegian_texts()["summary"]
        return
    report = imported(name, norwegian_translator)
    assert report.count("saved") == 7, [
        (o.segment_id, o.status, o.message) for o in report.outcomes
    ]
    everything_translated()


def test_omegat_translates_the_xliff_for_omegat_and_the_po_live(
    omegat, tool_article, norwegian_translator, tmp_path
):
    for fmt, name in ((files.OMEGAT, "support-lead.xlf"), (files.PO, "support-lead.po")):
        target = omegat_translate(
            exported(tool_article, fmt), name, "nb", to_norwegian, tmp_path / fmt
        )
        imported(target, norwegian_translator)
        everything_translated()
        Role.objects.filter(pk=FIXED_ID).update(summary_nb="")
        Responsibility.objects.filter(role_id=FIXED_ID).update(title_nb="", description_nb="")


def test_omegat_leaves_what_the_translator_did_not_translate_as_it_was(
    omegat, tool_article, norwegian_translator, tmp_path
):
    only_titles = {k: v for k, v in NORWEGIAN.items() if not k.endswith(".")}
    target = omegat_translate(
        exported(tool_article, files.OMEGAT), "a.xlf", "nb", only_titles.get, tmp_path
    )
    report = imported(target, norwegian_translator)
    assert report.count("saved") == 3
    texts = norwegian_texts()
    assert not texts["summary"] and not texts[f"{FIXED_ID}:description"]
    assert texts[f"{FIXED_ID}:title"] == "Svare innen 24 timer"


def test_xliff2po_then_po2xliff_keep_the_ids_live(tool_article, norwegian_translator, tmp_path):
    (tmp_path / "export.xlf").write_bytes(exported(tool_article, files.XLIFF))
    run("xliff2po", "export.xlf", "export.po", workdir=tmp_path)
    catalogue = polib.pofile(str(tmp_path / "export.po"))
    for entry in catalogue:
        entry.msgstr = entry.msgstr or to_norwegian(entry.msgid) or ""
    catalogue.save(str(tmp_path / "translated.po"))
    run("po2xliff", "translated.po", "back.xlf", workdir=tmp_path)
    report = imported((tmp_path / "back.xlf").read_bytes(), norwegian_translator)
    assert {o.segment_id for o in report.outcomes} == {
        s.id for s in Corpus("nb").document("roles.role", FIXED_ID).segments
    }
    everything_translated()


def test_gettext_checks_the_exported_po_without_a_warning(tool_article, tmp_path):
    if shutil.which("msgfmt") is None:
        pytest.skip("GNU gettext is not installed")
    (tmp_path / "export.po").write_bytes(exported(tool_article, files.PO))
    result = run("msgfmt", "-c", "-o", "/dev/null", "export.po", workdir=tmp_path)
    assert result == b""
    import subprocess

    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", "export.po"], cwd=tmp_path, capture_output=True
    )
    assert check.returncode == 0 and check.stderr == b""


def test_omegat_s_translation_memory_seeds_the_suggestions(tool_article, norwegian_translator):
    from workspace.files import exchange
    from workspace.files.detect import parse_xml

    root = parse_xml((TOOL_FILES / "omegat-level2.nb.tmx").read_bytes())
    summary = exchange.memory_import(root=root, language="nb", origin="omegat-level2.nb.tmx")
    assert summary.added == len(NORWEGIAN)
    assert MemoryEntry.objects.filter(language="nb", target="Veilede teamet").exists()
    segment = next(
        s for s in Corpus("nb").document("roles.role", FIXED_ID).segments
        if s.source == "Coach the team"
    )  # fmt: skip
    suggestions = Corpus("nb").memory.suggestions(segment)
    assert [s.target for s in suggestions] == ["Veilede teamet"]
    assert "omegat-level2.nb.tmx" in suggestions[0].where


def test_the_memory_exports_as_tmx_that_translate_toolkit_reads(tool_article):
    from workspace.files import exchange

    store = tmx.tmxfile.parsestring(exchange.memory_export(Corpus("nb")))
    pairs = {(u.source, u.target) for u in store.units}
    assert ("Support lead", "Kundestøtteleder") in pairs


def test_a_glossary_from_csv2tbx_updates_the_glossary_for_editors_only(groups, editor):
    from workspace.files import exchange
    from workspace.files.detect import parse_xml

    root = parse_xml((TOOL_FILES / "csv2tbx.tbx").read_bytes())
    translator = make_staff("kari2", "Translators: Norsk bokmål")
    with pytest.raises(files.FileRefused, match="Only editors"):
        exchange.glossary_import(root=root, user=translator, language="nb")
    summary = exchange.glossary_import(root=root, user=editor, language="nb")
    assert summary.added == 2
    ticket = GlossaryTerm.objects.get(term="ticket")
    assert ticket.translations.get().text == "sak"
    store = tbx.tbxfile.parsestring(exchange.glossary_export())
    assert {u.source for u in store.units} == {"support lead", "ticket"}


def test_the_workspace_downloads_the_memory_and_glossary_and_imports_them_by_form(
    tool_article, norwegian_translator, client
):
    import io

    client.force_login(norwegian_translator)
    memory = client.get("/admin/workspace/nb/memory.tmx")
    assert memory.status_code == 200 and "attachment" in memory["Content-Disposition"]
    assert ("Support lead", "Kundestøtteleder") in {
        (u.source, u.target) for u in tmx.tmxfile.parsestring(memory.content).units
    }
    glossary = client.get("/admin/workspace/glossary.tbx")
    assert glossary.status_code == 200
    tbx.tbxfile.parsestring(glossary.content)
    upload = io.BytesIO((TOOL_FILES / "omegat-level2.nb.tmx").read_bytes())
    upload.name = "omegat-level2.nb.tmx"
    page = client.post("/admin/workspace/nb/import/", {"file": upload})
    assert page.status_code == 200 and "8 entries added" in page.text
    assert MemoryEntry.objects.filter(language="nb").count() == 8
    upload = io.BytesIO((TOOL_FILES / "csv2tbx.tbx").read_bytes())
    upload.name = "csv2tbx.tbx"
    refused = client.post("/admin/workspace/nb/import/", {"file": upload})
    assert refused.status_code == 400 and "Only editors" in refused.text
