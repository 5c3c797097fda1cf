"""The rules of a file import that keep translators' work: an old file never overwrites a
newer draft, states read as the standards define them, confirming through a file, limits
checked before the file is read, and what the report says of what it did not import."""

import io
import time

import polib
import pytest
from lxml import etree

from roles.models import Responsibility, Role
from tests.factories import make_staff
from tests.workspace.conftest import FIXED_ID, NORWEGIAN, change_english, to_norwegian
from tests.workspace.test_tool_files import TOOL_FILES, exported
from tests.workspace.tools import run
from workspace import files
from workspace.models import ImportConflict, PendingImport
from workspace.segments import Corpus, fingerprint
from workspace.services import Edit, conflict_resolve, segments_save

pytestmark = pytest.mark.django_db
TITLE = f"roles.role:{FIXED_ID}:title"
SUMMARY = f"roles.role:{FIXED_ID}:summary"
X = "{urn:oasis:names:tc:xliff:document:1.2}"


def outcomes(report):
    return {o.segment_id: o for o in report.outcomes}


def save(user, segment_id, text):
    current = Corpus("nb").by_id[segment_id].target
    (outcome,) = segments_save(
        language="nb", user=user, edits=[Edit(segment_id, text, base=fingerprint(current))]
    )
    assert outcome.status == "saved"


def test_an_untouched_old_export_does_not_revert_a_newer_draft_saved_in_the_workspace(
    tool_article, norwegian_translator, client
):
    old = exported(tool_article, files.XLIFF)
    save(norwegian_translator, TITLE, "Leder for kundestøtte")

    client.force_login(norwegian_translator)
    upload = io.BytesIO(old)
    upload.name = "old.xlf"
    page = client.post("/admin/workspace/nb/import/", {"file": upload})

    assert Role.objects.get(pk=FIXED_ID).title_nb == "Leder for kundestøtte"
    conflict = ImportConflict.objects.get(segment_id=TITLE)
    assert (conflict.their_text, conflict.file_text) == (
        "Leder for kundestøtte",
        "Kundestøtteleder",
    )
    assert "Leder for kundestøtte" in page.text and "Kundestøtteleder" in page.text
    assert "Use the file" in page.text
    # The conflict waits in the workspace, beside the text, until someone decides.
    editor = client.get(f"/admin/workspace/nb/roles.role/{FIXED_ID}/")
    assert f"conflict-{conflict.pk}" in editor.text
    client.post(f"/admin/workspace/nb/conflicts/{conflict.pk}/", {"use": "file"})
    assert Role.objects.get(pk=FIXED_ID).title_nb == "Kundestøtteleder"
    assert ImportConflict.objects.get().resolution == "used-file"


def test_of_two_files_exported_together_the_second_import_does_not_undo_the_first(
    tool_article, norwegian_translator
):
    first, second = exported(tool_article, files.PO), exported(tool_article, files.XLIFF)
    catalogue = polib.pofile(first.decode())
    for entry in catalogue:
        entry.msgstr = entry.msgstr or to_norwegian(entry.msgid) or ""
    files.translations_import(
        data=str(catalogue).encode(), language="nb", user=norwegian_translator
    )
    root = etree.fromstring(second)
    for unit in root.iter(f"{X}trans-unit"):
        if unit.get("id") == SUMMARY:
            etree.SubElement(unit, f"{X}target", state="translated").text = "Styrer teamet."
            unit.append(unit.find(f"{X}target"))
            unit.insert(1, unit.find(f"{X}target"))

    report = files.translations_import(
        data=etree.tostring(root), language="nb", user=norwegian_translator
    )

    assert outcomes(report)[SUMMARY].status == "conflict"
    assert Role.objects.get(pk=FIXED_ID).summary_nb == NORWEGIAN["Leads the support team."]
    conflict = ImportConflict.objects.get(segment_id=SUMMARY)
    conflict_resolve(conflict=conflict, user=norwegian_translator, use_file=False)
    assert Role.objects.get(pk=FIXED_ID).summary_nb == NORWEGIAN["Leads the support team."]


def _xliff_with(state=None, approved=None, text="Leder kundestøtteteamet."):
    root = etree.fromstring(exported(Role.objects.get(pk=FIXED_ID), files.XLIFF))
    unit = next(u for u in root.iter(f"{X}trans-unit") if u.get("id") == SUMMARY)
    target = etree.Element(f"{X}target")
    target.text = text
    if state:
        target.set("state", state)
    if approved:
        unit.set("approved", approved)
    unit.insert(1, target)
    return etree.tostring(root)


@pytest.mark.parametrize(
    ("state", "approved", "saved"),
    [
        ("translated", None, True),
        ("final", None, True),
        ("signed-off", "no", True),
        ("needs-review-translation", "yes", False),
        ("needs-translation", "yes", False),
        ("new", None, False),
        (None, "yes", True),
        (None, None, False),
    ],
)
def test_xliff_1_2_state_decides_whether_a_translation_is_done(
    tool_article, norwegian_translator, state, approved, saved
):
    data = _xliff_with(state, approved)
    report = files.translations_import(data=data, language="nb", user=norwegian_translator)
    assert (outcomes(report)[SUMMARY].status == "saved") is saved


def test_the_export_gives_each_unit_its_real_state(tool_article, norwegian_translator):
    save(norwegian_translator, SUMMARY, "Leder teamet.")
    root = etree.fromstring(exported(tool_article, files.XLIFF))
    units = {u.get("id"): u for u in root.iter(f"{X}trans-unit")}
    draft, published = units[SUMMARY], units[TITLE]
    assert draft.find(f"{X}target").get("state") == "translated" and draft.get("approved") is None
    assert published.find(f"{X}target").get("state") == "final"
    assert published.get("approved") == "yes"
    assert b"xmlns:ns0" not in etree.tostring(root)


@pytest.mark.parametrize("fmt", [files.XLIFF, files.OMEGAT])
def test_the_xliff_export_validates_against_the_oasis_1_2_schema(tool_article, fmt):
    schema = etree.XMLSchema(etree.parse(str(TOOL_FILES / "schemas/xliff-core-1.2-strict.xsd")))
    document = etree.fromstring(exported(tool_article, fmt))
    assert schema.validate(document), schema.error_log


def test_an_outdated_text_returned_done_and_unchanged_is_confirmed_po_and_xliff(
    tool_article, norwegian_translator, tmp_path
):
    change_english(tool_article, title="Support lead")  # unchanged English: nothing outdated
    change_english(Role.objects.get(pk=FIXED_ID), title="Support team lead")
    assert Corpus("nb").by_id[TITLE].state == "outdated"
    (tmp_path / "export.po").write_bytes(exported(tool_article, files.PO))
    run("msgattrib", "--clear-fuzzy", "-o", "confirmed.po", "export.po", workdir=tmp_path)

    report = files.translations_import(
        data=(tmp_path / "confirmed.po").read_bytes(), language="nb", user=norwegian_translator
    )

    assert outcomes(report)[TITLE].status == "confirmed"
    assert Corpus("nb").by_id[TITLE].state != "outdated"
    change_english(Role.objects.get(pk=FIXED_ID), title="Support team leader")
    root = etree.fromstring(exported(tool_article, files.XLIFF))
    unit = next(u for u in root.iter(f"{X}trans-unit") if u.get("id") == TITLE)
    unit.find(f"{X}target").set("state", "translated")
    report = files.translations_import(
        data=etree.tostring(root), language="nb", user=norwegian_translator
    )
    assert outcomes(report)[TITLE].status == "confirmed"
    assert Role.objects.get(pk=FIXED_ID).title_nb == "Kundestøtteleder"


def test_xliff_2_0_round_trip_with_the_same_rules(tool_article, norwegian_translator):
    namespace = "{urn:oasis:names:tc:xliff:document:2.0}"
    root = etree.fromstring(exported(tool_article, files.XLIFF2))
    for unit in root.iter(f"{namespace}unit"):
        segment = unit.find(f"{namespace}segment")
        source = segment.find(f"{namespace}source").text
        if segment.find(f"{namespace}target") is None:
            etree.SubElement(segment, f"{namespace}target").text = to_norwegian(source)
            segment.set("state", "translated")
    save(norwegian_translator, f"roles.responsibility:{FIXED_ID}:title", "Svar innen 24 timer")
    report = files.translations_import(
        data=etree.tostring(root), language="nb", user=norwegian_translator
    )
    assert report.count("saved") == 6
    assert outcomes(report)[f"roles.responsibility:{FIXED_ID}:title"].status == "conflict"
    assert Responsibility.objects.get(pk=FIXED_ID).title_nb == "Svar innen 24 timer"


def test_a_user_without_the_language_is_refused_before_the_file_is_read(
    tool_article, groups, client
):
    outsider = make_staff("nils", "Editors")
    outsider.groups.clear()
    outsider.is_staff = True
    outsider.save()
    big = b"#" * (10 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(files.FileRefused) as refusal:
        files.translations_import(data=big, language="nb", user=outsider)
    assert time.monotonic() - started < 0.5
    assert "roles." not in str(refusal.value)
    client.force_login(outsider)
    upload = io.BytesIO(exported(tool_article, files.PO))
    upload.name = "nb.po"
    page = client.post("/admin/workspace/nb/import/", {"file": upload})
    assert page.status_code == 403 and "roles.role" not in page.text


def test_a_file_over_the_size_limit_is_refused_before_it_is_parsed(
    tool_article, norwegian_translator, settings
):
    settings.TRANSLATION_FILE_MAX_BYTES = 1000
    started = time.monotonic()
    with pytest.raises(files.FileRefused, match="up to 1000"):
        files.translations_import(
            data=exported(tool_article, files.PO) * 50, language="nb", user=norwegian_translator
        )
    assert time.monotonic() - started < 0.5


def test_a_checked_file_can_be_imported_without_choosing_it_again(
    tool_article, norwegian_translator, client
):
    client.force_login(norwegian_translator)
    catalogue = polib.pofile(exported(tool_article, files.PO).decode())
    for entry in catalogue:
        entry.msgstr = entry.msgstr or to_norwegian(entry.msgid) or ""
    upload = io.BytesIO(str(catalogue).encode())
    upload.name = "nb.po"
    checked = client.post("/admin/workspace/nb/import/", {"file": upload, "check_only": "1"})
    pending = PendingImport.objects.get()
    assert f'name="pending" value="{pending.pk}"' in checked.text
    assert not Role.objects.get(pk=FIXED_ID).summary_nb
    client.post("/admin/workspace/nb/import/", {"pending": pending.pk})
    assert Role.objects.get(pk=FIXED_ID).summary_nb == NORWEGIAN["Leads the support team."]
    assert not PendingImport.objects.exists()


def test_a_refusal_is_shown_once(tool_article, norwegian_translator, client):
    client.force_login(norwegian_translator)
    bad = io.BytesIO(b"<xliff")
    bad.name = "bad.xlf"
    page = client.post("/admin/workspace/nb/import/", {"file": bad})
    assert page.status_code == 400 and page.text.count("well-formed") == 1
    assert page.text.count("Nothing was") == 1
    catalogue = polib.pofile(exported(tool_article, files.PO).decode())
    catalogue[0].msgctxt = "roles.role:1:nothing"
    upload = io.BytesIO(str(catalogue).encode())
    upload.name = "unknown.po"
    page = client.post("/admin/workspace/nb/import/", {"file": upload})
    assert page.status_code == 400 and page.text.count("Nothing was") == 1


def test_the_consistency_warning_never_quotes_the_text_s_own_earlier_draft(
    tool_article, norwegian_translator
):
    corpus = Corpus("nb")
    segment = corpus.by_id[TITLE]
    messages = [p.message for p in corpus.problems(segment, "Leder for kundestøtte")]
    assert not any("translated differently" in m for m in messages)


def test_the_report_says_what_it_did_with_duplicates_markup_and_obsolete_entries(
    tool_article, norwegian_translator
):
    catalogue = polib.pofile(exported(tool_article, files.PO).decode())
    summary = next(e for e in catalogue if e.msgctxt == SUMMARY)
    summary.msgstr = "Leder teamet."
    twice = polib.POEntry(msgctxt=SUMMARY, msgid=summary.msgid + " ", msgstr="Styrer teamet.")
    catalogue.append(twice)
    catalogue.append(polib.POEntry(msgid="Gone", msgstr="Borte", obsolete=True))
    report = files.translations_import(
        data=str(catalogue).encode(), language="nb", user=norwegian_translator
    )
    assert "translated differently" in outcomes(report)[SUMMARY].message
    assert not Role.objects.get(pk=FIXED_ID).summary_nb
    assert "obsolete" in outcomes(report)["Gone"].message
    root = etree.fromstring(_xliff_with("translated"))
    target = next(
        u for u in root.iter(f"{X}trans-unit") if u.get("id") == SUMMARY
    ).find(f"{X}target")  # fmt: skip
    target.text = "Leder "
    bold = etree.SubElement(target, f"{X}g", id="1")
    bold.text = "kundestøtteteamet"
    bold.tail = "."
    report = files.translations_import(
        data=etree.tostring(root), language="nb", user=norwegian_translator
    )
    assert "<g>" in outcomes(report)[SUMMARY].message
    assert Role.objects.get(pk=FIXED_ID).summary_nb == "Leder kundestøtteteamet."


def test_a_unit_without_an_id_is_named_by_its_english(tool_article, norwegian_translator):
    catalogue = polib.pofile(exported(tool_article, files.PO).decode())
    catalogue[1].msgctxt = None
    catalogue[1].occurrences = []
    with pytest.raises(files.FileRefused) as refusal:
        files.translations_import(
            data=str(catalogue).encode(), language="nb", user=norwegian_translator
        )
    assert "Leads the support team." in str(refusal.value) and "?" not in str(refusal.value)


def test_a_request_too_large_or_from_someone_without_the_language_is_never_read(
    tool_article, norwegian_translator, groups, client, settings
):
    from django.test import Client

    settings.TRANSLATION_FILE_MAX_BYTES = 1000
    outsider = make_staff("nils", "Editors")
    outsider.groups.clear()
    client.force_login(outsider)
    # No body is parsed: a declared length alone decides, before the CSRF check reads it.
    assert client.post(
        "/admin/workspace/nb/import/", data=b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="999999999",
    ).status_code == 403  # fmt: skip
    client.force_login(norwegian_translator)
    large = client.post(
        "/admin/workspace/nb/import/", data=b"", content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH="999999999",
    )  # fmt: skip
    assert large.status_code == 413 and "larger than 1000" in large.text
    # The token is still required once the body is read.
    checked = Client(enforce_csrf_checks=True)
    checked.force_login(norwegian_translator)
    upload = io.BytesIO(exported(tool_article, files.PO))
    upload.name = "nb.po"
    assert checked.post("/admin/workspace/nb/import/", {"file": upload}).status_code == 403
