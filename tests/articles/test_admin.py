"""The admin: editors own English and structure, translators their language, nothing is lost."""

import logging

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.admin import RoleAdmin
from content import languages
from content.access import EDITORS
from roles.models import CareerStep, Responsibility, Role
from salaries.models import SalaryBand
from tests import factories
from tests.html import FormReader

CSM = "customer-support-manager"


@pytest.fixture
def editor(groups, client):
    client.force_login(factories.make_staff("editor", EDITORS))
    return client


@pytest.fixture
def korean(groups, client):
    client.force_login(factories.make_staff("korean", languages.get("ko").translator_group))
    return client


@pytest.fixture
def role(reference_content):
    return Role.objects.get(slug=CSM)


def change_url(obj):
    return f"/admin/{obj._meta.app_label}/{obj._meta.model_name}/{obj.pk}/change/"


def open_form(client, obj):
    # Translators opening the form are sent to the workspace; ?form opens it all the same.
    response = client.get(change_url(obj) + "?form")
    assert response.status_code == 200
    return FormReader(response.text, f"{obj._meta.model_name}_form")


def save(client, obj, form):
    return client.post(change_url(obj), {**form.data, "_save": "Save"})


def errors(response):
    return " ".join(str(e) for e in response.context["errors"]) if response.context else ""


@pytest.mark.django_db
def test_groups_exist_for_editors_and_each_translated_languages_translators_and_reviewers(groups):
    call_command("setup_groups", verbosity=0)  # a second run changes nothing
    assert sorted(Group.objects.values_list("name", flat=True)) == sorted(
        [
            EDITORS,
            *(languages.get(code).translator_group for code in languages.TARGETS),
            *(languages.get(code).reviewer_group for code in languages.TARGETS),
        ]
    )


@pytest.mark.django_db
def test_translator_sees_only_their_language_as_editable(korean, role):
    form = open_form(korean, role)
    assert "title_ko" in form.data and "summary_ko" in form.data
    assert {"title_en", "title_hi", "slug", "family", "updated_on"} <= form.disabled
    assert "responsibilities-0-description_ko" in form.data
    assert "responsibilities-0-description_en" in form.disabled
    assert "salary_bands-0-minimum" in form.disabled


@pytest.mark.django_db
def test_translator_changes_the_korean_title(korean, role):
    form = open_form(korean, role)
    form.data["title_ko"] = "고객 지원 매니저"
    response = save(korean, role, form)
    assert response.status_code == 302, errors(response)
    role.refresh_from_db()
    assert role.title_ko == "고객 지원 매니저"
    assert role.title_en == "Customer Support Manager"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title_en", "Hacked"),
        ("title_uk", "Зламано"),
        ("slug", "hacked"),
        ("salary_bands-0-minimum", "1"),
        ("responsibilities-1-description_en", "Hacked."),
    ],
)
def test_crafted_post_to_another_languages_field_is_refused_with_a_message(
    korean, role, field, value
):
    before = Role.objects.get(pk=role.pk)
    bands = list(SalaryBand.objects.values_list("minimum", flat=True))
    form = open_form(korean, role)
    form.data["title_ko"] = "바뀌면 안 되는 제목"
    form.data[field] = value
    response = save(korean, role, form)
    assert response.status_code == 200
    assert "You may not change these fields" in response.text
    role.refresh_from_db()
    assert (role.title_en, role.title_ko, role.slug) == (
        before.title_en,
        before.title_ko,
        before.slug,
    )
    assert list(SalaryBand.objects.values_list("minimum", flat=True)) == bands


@pytest.mark.django_db
def test_editor_changes_any_language_and_the_structure(editor, role):
    form = open_form(editor, role)
    assert not form.disabled
    form.data["title_en"] = "Customer Support Lead"
    form.data["title_ko"] = "고객 지원 리드"
    form.data["salary_bands-0-minimum"] = "31000"
    response = save(editor, role, form)
    assert response.status_code == 302, errors(response)
    role.refresh_from_db()
    assert (role.title_en, role.title_ko) == ("Customer Support Lead", "고객 지원 리드")


@pytest.mark.django_db
def test_english_change_marks_translations_outdated_until_translated_or_confirmed(
    groups, client, role
):
    editor = factories.make_staff("editor", EDITORS)
    korean = factories.make_staff("korean", languages.get("ko").translator_group)
    ukrainian = factories.make_staff("ukrainian", languages.get("uk").translator_group)

    client.force_login(editor)
    form = open_form(client, role)
    form.data["responsibilities-0-description_en"] = "Customers come first, always."
    assert save(client, role, form).status_code == 302
    care = Responsibility.objects.get(role=role, order=1)
    # A draft: nothing is outdated until the English is published.
    assert care.outdated == {}
    publish = f"/admin/publishing/roles.role/{role.pk}/publish/"
    assert client.post(publish, {"language": "en"}).status_code == 302
    care.refresh_from_db()
    assert care.outdated == {code: ["description"] for code in languages.TARGETS}

    # The public page says so, in the reader's language.
    page = client.get(f"/ko/roles/{CSM}/").text
    responsibilities = page[page.index('<section id="responsibilities">') :]
    assert 'class="notice outdated"' in responsibilities[: responsibilities.index("</section>")]
    assert 'class="notice outdated"' not in client.get(f"/en/roles/{CSM}/").text

    # The overview shows it, and links to the Korean tab of the role.
    overview = client.get("/admin/translations/").text
    assert f"/admin/roles/role/{role.pk}/change/#language-ko" in overview
    assert "translation-state--outdated" in overview

    # A new Korean text clears Korean only.
    client.force_login(korean)
    form = open_form(client, role)
    form.data["responsibilities-0-description_ko"] = "항상 고객이 먼저입니다."
    assert save(client, role, form).status_code == 302
    care.refresh_from_db()
    assert "ko" not in care.outdated and "uk" in care.outdated

    # Confirming Ukrainian keeps the text and clears the mark.
    client.force_login(ukrainian)
    form = open_form(client, role)
    form.data["confirm_uk"] = "on"
    text_before = care.description_uk
    assert save(client, role, form).status_code == 302
    care.refresh_from_db()
    assert "uk" not in care.outdated and care.description_uk == text_before
    assert set(care.outdated) == {"hi", "nb"}


@pytest.mark.django_db
def test_second_save_of_a_stale_form_is_refused_and_the_first_edit_kept(groups, client, role):
    editor = factories.make_staff("editor", EDITORS)
    korean = factories.make_staff("korean", languages.get("ko").translator_group)
    client.force_login(korean)
    stale = open_form(client, role)  # the translator opens the form first

    client.force_login(editor)
    form = open_form(client, role)
    form.data["title_en"] = "Head of Customer Support"
    assert save(client, role, form).status_code == 302

    client.force_login(korean)
    stale.data["title_ko"] = "고객 지원 책임자"
    response = save(client, role, stale)
    assert response.status_code == 200
    assert "Someone else saved this after you opened it" in response.text
    assert "Head of Customer Support" in response.text  # what changed is shown
    role.refresh_from_db()
    assert role.title_en == "Head of Customer Support"
    assert role.title_ko != "고객 지원 책임자"


@pytest.mark.django_db
def test_history_shows_a_change_and_restores_the_earlier_version(editor, role):
    form = open_form(editor, role)
    form.data["title_en"] = "Support Chief"
    assert save(editor, role, form).status_code == 302

    history = editor.get(f"/admin/roles/role/{role.pk}/history/")
    assert "Support Chief" in history.text and "Customer Support Manager" in history.text
    assert "editor" in history.text

    first = role.history.order_by("history_date").first()
    revert_url = f"/admin/roles/role/{role.pk}/history/{first.history_id}/"
    revert = FormReader(editor.get(revert_url).text, "historicalrole_form")
    response = editor.post(revert_url, {**revert.data, "_save": "Save"})
    assert response.status_code == 302, errors(response)
    role.refresh_from_db()
    assert role.title_en == "Customer Support Manager"
    assert role.history.count() == 3


@pytest.mark.django_db
def test_translators_cannot_revert(korean, role):
    first = role.history.order_by("history_date").first()
    response = korean.post(f"/admin/roles/role/{role.pk}/history/{first.history_id}/", {})
    assert response.status_code == 403


@pytest.mark.django_db
def test_translators_are_not_offered_a_revert(korean, role):
    first = role.history.order_by("history_date").first()
    form = korean.get(f"/admin/roles/role/{role.pk}/history/{first.history_id}/")
    assert form.status_code == 200
    assert 'value="Revert"' not in form.text and "Press the 'Revert' button" not in form.text
    history = korean.get(f"/admin/roles/role/{role.pk}/history/")
    assert "to revert to a previous version" not in history.text


@pytest.mark.django_db
@pytest.mark.parametrize("version", ["abc", "1.5", "%20"])
def test_a_history_version_that_is_not_a_number_is_not_found(editor, role, version):
    assert editor.get(f"/admin/roles/role/{role.pk}/history/{version}/").status_code == 404
    assert editor.get(f"/admin/roles/role/x{role.pk}/history/1/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minimum": "90000", "maximum": "70000"}, "The minimum must not be above the maximum."),
        ({"minimum": "-1"}, "Salary figures cannot be negative."),
        ({"currency": "usd"}, "three-letter ISO 4217 code"),
    ],
)
def test_impossible_salary_band_is_a_form_error(editor, reference_content, changes, message):
    band = SalaryBand.objects.first()
    form = open_form(editor, band)
    form.data.update(changes)
    response = save(editor, band, form)
    assert response.status_code == 200
    assert message in response.text
    band.refresh_from_db()
    assert band.minimum >= 0 and band.minimum <= band.maximum


@pytest.mark.django_db
def test_role_with_a_taken_slug_or_no_english_title_is_a_form_error(editor, role):
    form = open_form(editor, role)
    form.data["slug"] = "senior-customer-success-manager"
    form.data["title_en"] = ""
    response = save(editor, role, form)
    assert response.status_code == 200
    assert "Links to another role still use this address" in response.text
    assert "This field is required." in response.text
    role.refresh_from_db()
    assert role.slug == CSM


@pytest.mark.django_db
def test_slug_is_prepopulated_from_the_english_title_on_creation_only(editor, role):
    add = editor.get("/admin/roles/role/add/").text
    assert "prepopulated" in add and "title_en" in add
    change = editor.get(change_url(role)).text
    assert 'data-prepopulated-fields="[{&quot;id&quot;: &quot;#id_slug' not in change


@pytest.mark.django_db
def test_lists_show_translation_state_and_search_and_filter_in_every_language(editor, role):
    listing = editor.get("/admin/roles/role/").text
    assert "translation-state--complete" in listing
    found = editor.get("/admin/roles/role/", {"q": "고객 지원"}).text
    assert f"/admin/roles/role/{role.pk}/change/" in found
    Role.objects.filter(pk=role.pk).update(summary_nb="")
    missing = editor.get("/admin/roles/role/", {"translation": "missing-nb"})
    assert missing.context["cl"].result_count == 1


@pytest.mark.django_db
def test_a_saved_change_is_a_draft_until_a_reviewer_publishes_it(korean, role, client):
    before = korean.get(f"/ko/roles/{CSM}/").text
    form = open_form(korean, role)
    form.data["title_ko"] = "새 제목"
    save(korean, role, form)
    assert korean.get(f"/ko/roles/{CSM}/").text == before
    # A translator may not publish, not even by a hand-made POST.
    publish = f"/admin/publishing/roles.role/{role.pk}/publish/"
    korean.post(publish, {"language": "ko"})
    assert "새 제목" not in korean.get(f"/ko/roles/{CSM}/").text
    reviewer = factories.make_staff("reviewer", languages.get("ko").reviewer_group)
    client.force_login(reviewer)
    assert client.post(publish, {"language": "ko"}).status_code == 302
    assert "새 제목" in client.get(f"/ko/roles/{CSM}/").text


@pytest.mark.django_db
def test_text_typed_in_a_browser_is_stored_clean(editor, role):
    """Browsers send CRLF line breaks; some input methods send decomposed Hangul."""
    form = open_form(editor, role)
    form.data["summary_en"] = "First paragraph.\r\n\r\nSecond paragraph."
    form.data["title_ko"] = "고객 지원 관리자".replace("관", "\u1100\u116a\u11ab")
    assert save(editor, role, form).status_code == 302
    role.refresh_from_db()
    assert role.summary_en == "First paragraph.\n\nSecond paragraph."
    assert role.title_ko == "고객 지원 관리자"


@pytest.mark.django_db
def test_stray_markup_typed_in_the_admin_is_a_form_error(editor, role):
    form = open_form(editor, role)
    form.data["summary_uk"] = "Текст {{cta}} з шаблоном."
    response = save(editor, role, form)
    assert response.status_code == 200
    assert "a template placeholder" in response.text


@pytest.mark.django_db
def test_the_longest_article_can_be_saved_in_the_admin(editor, reference_content):
    senior = Role.objects.get(slug="senior-customer-success-manager")
    form = open_form(editor, senior)
    assert len(form.data) > 1000
    form.data["title_en"] = "Senior Customer Success Manager (CSM)"
    response = save(editor, senior, form)
    assert response.status_code == 302, errors(response)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        {"family__slug__startswith": "a"},  # DisallowedModelAdminLookup
        {"_to_field": "summary_en"},  # DisallowedModelAdminToField
    ],
)
def test_a_crafted_admin_list_address_is_a_warning_not_an_error(editor, role, caplog, query):
    """A client's mistake is a warning: an error in the log is always the server's fault."""
    response = editor.get("/admin/roles/role/", query)
    assert response.status_code == 400
    assert [r.name for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert any(r.name.startswith("django.security.") for r in caplog.records)


def test_every_suspicious_operation_django_reports_is_logged_as_a_warning():
    """Django logs each SuspiciousOperation to django.security.<its class name>; logger
    filters do not reach child loggers, so each must be named in LOGGING."""
    import django.contrib.admin.exceptions
    import django.contrib.sessions.exceptions  # noqa: F401
    from django.core.exceptions import SuspiciousOperation

    from content.log_filters import ClientErrorsAreWarnings

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for kind in [SuspiciousOperation, *subclasses(SuspiciousOperation)]:
        logger = logging.getLogger(f"django.security.{kind.__name__}")
        assert any(isinstance(f, ClientErrorsAreWarnings) for f in logger.filters), kind


@pytest.mark.django_db
def test_the_translation_overview_needs_a_permission_to_view_content(groups, client, role):
    client.force_login(factories.make_staff("nobody"))  # staff, with no permission at all
    assert client.get("/admin/translations/").status_code == 403
    assert "/admin/translations/" not in client.get("/admin/").text
    client.force_login(factories.make_staff("korean", languages.get("ko").translator_group))
    assert client.get("/admin/translations/").status_code == 200
    # A translator's front page is the workspace's queue, which links to the overview.
    assert "/admin/translations/" in client.get("/admin/", follow=True).text


@pytest.mark.django_db
def test_a_save_that_changes_nothing_writes_nothing(groups, client, role):
    """It raised the version and wrote history, so everyone else's open form went stale."""
    korean = factories.make_staff("korean", languages.get("ko").translator_group)
    client.force_login(korean)
    other = open_form(client, role)  # a translator has the form open

    client.force_login(factories.make_staff("editor", EDITORS))
    version, entries = role.version, role.history.count()
    assert save(client, role, open_form(client, role)).status_code == 302
    role.refresh_from_db()
    assert (role.version, role.history.count()) == (version, entries)

    client.force_login(korean)
    other.data["title_ko"] = "고객 지원 책임자"
    response = save(client, role, other)
    assert response.status_code == 302, errors(response)
    role.refresh_from_db()
    assert role.title_ko == "고객 지원 책임자" and role.version == version + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("title_en", "Customer Support שלום", "שלום"),
        ("summary_ko", "고객 지원을 manages 합니다.", "manages"),
        ("responsibilities-0-description_uk", "Відповідає за support.", "support"),
    ],
)
def test_a_text_in_another_languages_script_is_a_form_error(editor, role, field, value, words):
    """The importer's script rule applies to admin saves too, by the column's language."""
    form = open_form(editor, role)
    form.data[field] = value
    response = save(editor, role, form)
    assert response.status_code == 200
    assert "has letters of another script" in response.text and words in response.text
    assert Role.objects.get(pk=role.pk).version == role.version


@pytest.mark.django_db
def test_allowed_latin_terms_pass_the_script_rule_in_the_admin(editor, role):
    form = open_form(editor, role)
    form.data["summary_ko"] = "CSM은 NPS와 CSAT를 관리합니다."
    assert save(editor, role, form).status_code == 302


@pytest.mark.django_db
def test_a_text_breaking_both_rules_shows_both_errors(editor, role):
    form = open_form(editor, role)
    form.data["summary_uk"] = "Текст {{cta}} з шаблоном."
    response = save(editor, role, form)
    assert "a template placeholder" in response.text
    assert "has letters of another script" in response.text


def _admin_page(client, address):
    client.get(address)  # once first: per-process caches (content types) are then warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200, address
    return response.content.decode(), len(queries)


@pytest.mark.django_db
def test_admin_lists_and_forms_stay_the_same_size_as_roles_are_added(editor, monkeypatch):
    """No changelist or form lists every role (as a filter or a choice), and the roles'
    own list shows a page of them: their size and queries stay the same with ten times the
    roles."""
    monkeypatch.setattr(RoleAdmin, "list_per_page", 20)
    first = factories.make_role(slug="first-role")
    factories.make_career_step(first, target_role=first)
    factories.make_salary_band(first)
    pages = [
        "/admin/roles/role/",
        "/admin/roles/careerstep/",
        "/admin/salaries/salaryband/",
        "/admin/metrics/rolemetric/",
        f"/admin/roles/role/{first.pk}/change/",
        f"/admin/roles/careerstep/{CareerStep.objects.get(role=first).pk}/change/",
    ]
    measured = []
    for more in (5, 50):
        while Role.objects.count() < more:
            factories.make_role(
                title_en=f"Padding role {Role.objects.count()}", family=first.family
            )
        measured.append([_admin_page(editor, page) for page in pages])
    for (_small, small_queries), (large, large_queries) in zip(*measured, strict=True):
        assert "Padding role 40" not in large
        assert large_queries == small_queries
