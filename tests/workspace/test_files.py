"""Files for translation tools: XLIFF 1.2 (translate-toolkit) and PO (polib) round trips,
and the files that are refused as a whole."""

import io

import polib
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from translate.storage import xliff

from content import languages
from roles.models import Responsibility, Role
from tests import factories
from tests.factories import make_staff
from tests.workspace.conftest import change_english
from workspace import files
from workspace.segments import Corpus, segment_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def ukrainian_translator(groups):
    return make_staff("olena", languages.get("uk").translator_group)


@pytest.fixture
def article(db):
    """A published role with texts to translate into Ukrainian, one already translated."""
    role = factories.make_role(
        slug="support-lead", title_en="Support lead", title_uk="Керівник підтримки",
        summary_en="Leads the support team.",
    )  # fmt: skip
    for n, title in enumerate(["Answer within 24 hours", "Coach the team", "Report weekly"]):
        factories.make_responsibility(
            role, order=n, title_en=title, description_en=f"What {title.lower()} means."
        )
    factories.publish(role)
    return role


def texts(language="uk"):
    """Every translated column in the database: what must not change unexpectedly."""
    rows = {}
    for model in (Role, Responsibility):
        for obj in model.objects.all():
            for name in ("title", "summary", "description"):
                if hasattr(obj, f"{name}_{language}"):
                    rows[(model.__name__, obj.pk, name)] = (
                        getattr(obj, f"{name}_en"),
                        getattr(obj, f"{name}_{language}"),
                    )
    return rows


UKRAINIAN = {
    "Leads the support team.": "Керує командою підтримки.",
    "Answer within 24 hours": "Відповідати протягом 24 годин",
    "Coach the team": "Навчати команду",
    "Report weekly": "Звітувати щотижня",
}


def translate(source):
    if source in UKRAINIAN:
        return UKRAINIAN[source]
    for english, ukrainian in UKRAINIAN.items():
        if source == f"What {english.lower()} means.":
            return f"Що означає «{ukrainian.lower()}»."
    return None


def test_xliff_round_trip_with_translate_toolkit_skips_a_unit_whose_english_changed(
    article, ukrainian_translator
):
    corpus_file = files.export(_documents(article), files.XLIFF, "uk")
    assert (
        b'version="1.2"' in corpus_file and b"urn:oasis:names:tc:xliff:document:1.2" in corpus_file
    )
    # A CAT tool translates every unit without a translation.
    store = xliff.xlifffile.parsestring(corpus_file)
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "uk"
    ids = {unit.xmlelement.get("id") for unit in store.units}
    assert segment_id(article, "title") in ids
    for unit in store.units:
        assert unit.getnotes()  # where the text appears, and its state
        if not unit.target:
            unit.target = translate(unit.source)
            unit.set_state_n(unit.statemap["translated"])
    translated = bytes(store)
    # Meanwhile an editor changes one English text and publishes it.
    coach = Responsibility.objects.get(title_en="Coach the team")
    change_english(coach, title="Coach and mentor the team")
    before = texts()

    report = files.translations_import(data=translated, language="uk", user=ukrainian_translator)

    outcome = {o.segment_id: o for o in report.outcomes}
    changed = outcome[segment_id(coach, "title")]
    assert changed.status == "skipped" and changed.message == "source changed since export"
    after = texts()
    assert (
        after[("Responsibility", coach.pk, "title")]
        == before[("Responsibility", coach.pk, "title")]
    )
    saved = {key for key in after if after[key] != before[key]}
    assert saved == {key for key, (english, uk) in before.items() if not uk} - {
        ("Responsibility", coach.pk, "title")
    }
    role = Role.objects.get(pk=article.pk)
    assert role.summary_uk == "Керує командою підтримки."
    assert role.title_uk == "Керівник підтримки"  # unchanged, already translated
    assert report.count("saved") == len(saved)
    # Drafts: readers see nothing of it yet.
    assert "Керує командою підтримки." not in Client().get("/uk/roles/support-lead/").text


def test_po_round_trip_with_polib_skips_a_unit_whose_english_changed(article, ukrainian_translator):
    exported = files.export(_documents(article), files.PO, "uk").decode()
    catalogue = polib.pofile(exported)
    assert catalogue.metadata["Language"] == "uk"
    for entry in catalogue:
        assert entry.msgctxt and entry.comment
        if not entry.msgstr:
            entry.msgstr = translate(entry.msgid)
    translated = str(catalogue).encode()
    report_summary = Responsibility.objects.get(title_en="Report weekly")
    change_english(report_summary, description="What reporting every week means.")
    before = texts()

    report = files.translations_import(data=translated, language="uk", user=ukrainian_translator)

    outcome = {o.segment_id: o for o in report.outcomes}
    skipped = outcome[segment_id(report_summary, "description")]
    assert skipped.status == "skipped" and "source changed since export" in skipped.message
    after = texts()
    changed = {key for key in after if after[key] != before[key]}
    assert ("Responsibility", report_summary.pk, "description") not in changed
    assert ("Role", article.pk, "summary") in changed
    assert all(before[key][1] in (None, "") for key in changed)  # only what was untranslated


def test_an_outdated_text_is_exported_marked_and_with_its_earlier_english(
    article, ukrainian_translator
):
    change_english(article, title="Support team lead")
    po = polib.pofile(files.export(_documents(article), files.PO, "uk").decode())
    entry = next(e for e in po if e.msgctxt == segment_id(article, "title"))
    assert "fuzzy" in entry.flags and "English before: Support lead" in entry.comment
    store = xliff.xlifffile.parsestring(files.export(_documents(article), files.XLIFF, "uk"))
    unit = next(u for u in store.units if u.xmlelement.get("id") == segment_id(article, "title"))
    assert unit.isfuzzy() and unit.target == "Керівник підтримки"
    assert b'state="needs-review-translation"' in bytes(store)


def _documents(role):
    return [Corpus("uk").document("roles.role", role.pk)]


def _exported(role, fmt=files.XLIFF):
    return files.export(_documents(role), fmt, "uk")


def _refused(data, user, language="uk"):
    before = texts(language)
    with pytest.raises(files.FileRefused) as refusal:
        files.translations_import(data=data, language=language, user=user)
    assert texts(language) == before
    return str(refusal.value)


def _translated_po(role):
    catalogue = polib.pofile(_exported(role, files.PO).decode())
    for entry in catalogue:
        entry.msgstr = entry.msgstr or translate(entry.msgid)
    return catalogue


def test_a_malformed_file_is_refused_and_changes_nothing(article, ukrainian_translator):
    xml = _exported(article)
    assert "well-formed XLIFF" in _refused(xml[: len(xml) // 2], ukrainian_translator)
    assert "well-formed PO" in _refused(b'msgid "unterminated\nmsgstr ""', ukrainian_translator)
    assert "well-formed" in _refused(b"", ukrainian_translator)


def test_a_file_for_another_language_is_refused_and_changes_nothing(
    article, ukrainian_translator, groups
):
    korean = files.export([Corpus("ko").document("roles.role", article.pk)], files.XLIFF, "ko")
    message = _refused(korean, ukrainian_translator)
    assert "“ko”" in message and "in Ukrainian" in message
    catalogue = _translated_po(article)
    catalogue.metadata["Language"] = "nb"
    assert "“nb”" in _refused(str(catalogue).encode(), ukrainian_translator)


def test_a_unit_for_an_unknown_object_is_refused_and_changes_nothing(article, ukrainian_translator):
    catalogue = _translated_po(article)
    catalogue[0].msgctxt = "roles.responsibility:999999:title"
    message = _refused(str(catalogue).encode(), ukrainian_translator)
    assert "roles.responsibility:999999:title" in message
    catalogue[0].msgctxt = "auth.user:1:password"
    assert "auth.user:1:password" in _refused(str(catalogue).encode(), ukrainian_translator)


def test_a_file_from_a_user_without_rights_is_refused_and_changes_nothing(article, groups):
    hindi = make_staff("asha", languages.get("hi").translator_group)
    message = _refused(str(_translated_po(article)).encode(), hindi)
    assert "may not change the texts in Ukrainian" in message


def test_a_blocking_problem_refuses_that_unit_only(article, ukrainian_translator):
    catalogue = _translated_po(article)
    duty = Responsibility.objects.get(title_en="Answer within 24 hours")
    entry = next(e for e in catalogue if e.msgctxt == segment_id(duty, "title"))
    entry.msgstr = "Відповідати протягом доби"  # the 24 is gone
    report = files.translations_import(
        data=str(catalogue).encode(), language="uk", user=ukrainian_translator
    )
    outcome = {o.segment_id: o for o in report.outcomes}
    assert outcome[segment_id(duty, "title")].status == "refused"
    duty.refresh_from_db()
    assert not duty.title_uk
    assert Role.objects.get(pk=article.pk).summary_uk == "Керує командою підтримки."


def test_dry_run_reports_what_would_happen_and_changes_nothing(article, ukrainian_translator):
    before = texts()
    report = files.translations_import(
        data=str(_translated_po(article)).encode(),
        language="uk",
        user=ukrainian_translator,
        dry_run=True,
    )
    assert report.count("saved") > 0
    assert texts() == before


def test_the_management_commands_export_and_import_for_scripted_exchange(
    article, ukrainian_translator, tmp_path
):
    out = tmp_path / "uk.po"
    call_command("export_translations", language="uk", format="po", output=str(out))
    catalogue = polib.pofile(str(out))
    for entry in catalogue:
        entry.msgstr = entry.msgstr or translate(entry.msgid) or ""
    catalogue.save(str(out))
    before = texts()
    stdout = io.StringIO()
    call_command(
        "import_translations", str(out), language="uk", user="olena", dry_run=True, stdout=stdout
    )
    assert "Checked only, nothing changed" in stdout.getvalue()
    assert texts() == before
    call_command("import_translations", str(out), language="uk", user="olena", stdout=stdout)
    assert Role.objects.get(pk=article.pk).summary_uk == "Керує командою підтримки."
    with pytest.raises(CommandError, match="may not change"):
        make_staff("asha", languages.get("hi").translator_group)
        call_command("import_translations", str(out), language="uk", user="asha")


def test_the_admin_imports_a_file_or_only_checks_it(client, article, ukrainian_translator):
    client.force_login(ukrainian_translator)
    data = str(_translated_po(article)).encode()
    before = texts()
    upload = io.BytesIO(data)
    upload.name = "uk.po"
    checked = client.post("/admin/workspace/uk/import/", {"file": upload, "check_only": "1"})
    assert checked.status_code == 200 and "nothing was changed" in checked.text
    assert texts() == before
    upload = io.BytesIO(data)
    upload.name = "uk.po"
    imported = client.post("/admin/workspace/uk/import/", {"file": upload})
    assert "The file was imported into the drafts" in imported.text
    assert Role.objects.get(pk=article.pk).summary_uk == "Керує командою підтримки."
    bad = io.BytesIO(b"<xliff")
    bad.name = "bad.xlf"
    refused = client.post("/admin/workspace/uk/import/", {"file": bad})
    assert refused.status_code == 400 and "well-formed" in refused.text


def test_the_admin_exports_one_object_or_everything_with_work(
    client, article, ukrainian_translator
):
    client.force_login(ukrainian_translator)
    one = client.get(f"/admin/workspace/uk/export/?format=xliff&object=roles.role:{article.pk}")
    assert one.status_code == 200 and "attachment" in one["Content-Disposition"]
    assert segment_id(article, "summary").encode() in one.content
    everything = client.get("/admin/workspace/uk/export/?format=po")
    entries = polib.pofile(everything.content.decode())
    assert {e.msgctxt.split(":")[0] for e in entries} >= {"roles.role", "roles.rolefamily"}
