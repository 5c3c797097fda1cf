"""The role's form as an editor uses it to build, check and publish a role in one pass:
dates filled in, standard headings from the section key, what readers will not see said
plainly, and publishing without leaving the form."""

import datetime

import pytest
from django.contrib.auth.models import User

from roles.models import CareerStep, Responsibility, Role, Section
from tests import factories
from tests.articles.test_admin import change_url, errors, open_form, save
from tests.html import FormReader

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, db):
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "x"))
    return client


@pytest.fixture
def role(db):
    role = factories.make_role(title_en="Support lead", summary_en="Leads the team.")
    factories.publish(role)
    return Role.objects.get(pk=role.pk)


def test_a_new_role_starts_with_today_as_its_last_update(editor):
    form = FormReader(editor.get("/admin/roles/role/add/").text, "role_form")
    assert form.data["updated_on"] == datetime.date.today().isoformat()


def test_a_standard_section_takes_its_heading_in_every_language_from_its_key(editor, role):
    form = open_form(editor, role)
    assert form.data["sections-TOTAL_FORMS"] == "1"  # a blank section, no script needed
    form.data.update({"sections-0-key": "career-path", "sections-0-body_en": "From agent up."})
    response = save(editor, role, form)
    assert response.status_code == 302, errors(response)
    section = Section.objects.get(role=role)
    assert section.heading_en == "Career path"
    assert section.heading_nb and section.heading_nb != "Career path"
    assert section.heading_ko and section.heading_hi and section.heading_uk


def test_the_form_says_which_items_readers_cannot_see_and_why(editor, role):
    CareerStep.objects.create(role=role, title_en="Team lead", order=1)
    page = editor.get(change_url(role)).text
    assert "readers see them once the article has a “Career path” section" in page
    factories.make_section(role, key="career-path", heading_en="Career path")
    assert "readers see them once" not in editor.get(change_url(role)).text


def test_the_role_form_shows_each_language_s_state_and_publishes_without_leaving_it(editor, role):
    page = editor.get(change_url(role)).text
    assert page.count("as published") == 5
    Role.objects.filter(pk=role.pk).update(summary_en="Leads the whole team.")
    page = editor.get(change_url(role)).text
    assert "1 change readers do not see yet" in page
    response = editor.post(
        f"/admin/publishing/roles.role/{role.pk}/publish/",
        {"language": ["en"], "next": change_url(role)},
    )
    assert response.status_code == 302 and response["Location"] == change_url(role)
    assert editor.get(change_url(role)).text.count("as published") == 5
    assert editor.post(
        f"/admin/publishing/roles.role/{role.pk}/publish/",
        {"language": ["en"], "next": "https://elsewhere.example/"},
    )["Location"].startswith("/admin/publishing/")


def test_the_admin_home_lists_what_editors_use_not_the_lists_edited_on_the_role(editor):
    home = editor.get("/admin/").text
    assert "/admin/roles/role/" in home
    for hidden in ("responsibility", "skill", "careerstep", "section", "salaryband", "rolemetric"):
        assert f"model-{hidden}" not in home
    assert editor.get("/admin/roles/responsibility/").status_code == 200


def test_the_publication_time_reads_with_one_full_stop(editor, role):
    page = editor.get(f"/admin/publishing/roles.role/{role.pk}/").text
    assert "readers see publication 1." in page and ".." not in page.split("readers see")[0][-40:]


def test_confirming_a_language_on_the_role_confirms_its_items_through_the_write_path(editor, role):
    duty = factories.make_responsibility(role, title_en="Coach", title_nb="Veilede")
    Role.objects.filter(pk=role.pk).update(outdated={"nb": ["summary"]})
    type(duty).objects.filter(pk=duty.pk).update(outdated={"nb": ["title"]})
    version = type(duty).objects.get(pk=duty.pk).version
    form = open_form(editor, Role.objects.get(pk=role.pk))
    form.data["confirm_nb"] = "on"
    assert save(editor, role, form).status_code == 302
    duty = type(duty).objects.get(pk=duty.pk)
    assert not duty.outdated and duty.version == version + 1


def test_a_responsibility_chooses_a_group_typed_in_the_same_save(editor, role):
    existing = factories.make_responsibility_group(role, title_en="Running the team", order=0)
    form = open_form(editor, role)
    choices = form.options("responsibilities-0-group")
    assert str(existing.pk) in choices and "new-1" in choices
    form.data.update({
        "responsibility_groups-1-title_en": "Working with customers",
        "responsibility_groups-1-order": "1",
        "responsibilities-0-title_en": "Answer escalations",
        "responsibilities-0-description_en": "The hardest cases.",
        "responsibilities-0-group": "new-1",
    })  # fmt: skip
    response = save(editor, role, form)
    assert response.status_code == 302, errors(response)
    duty = Responsibility.objects.get(role=role, title_en="Answer escalations")
    assert duty.group.title_en == "Working with customers"


def test_a_still_matches_box_appears_only_for_a_language_with_an_outdated_text(editor, role):
    assert "still match the English" not in editor.get("/admin/roles/role/add/").text
    assert "still match the English" not in editor.get(change_url(role)).text
    Role.objects.filter(pk=role.pk).update(outdated={"ko": ["summary"]})
    page = editor.get(change_url(role)).text
    assert page.count("still match the English") == 1 and 'name="confirm_ko"' in page
