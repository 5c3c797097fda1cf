"""The workspace over HTTP: queue, editor, saving segment by segment, diff, memory, glossary."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import OutdatedSource
from metrics.models import Metric
from publishing.models import ReviewRequest
from roles.models import Responsibility, Role
from tests import factories
from tests.workspace.conftest import change_english
from workspace.models import GlossaryTerm, GlossaryTranslation
from workspace.segments import fingerprint, segment_id

pytestmark = pytest.mark.django_db


def editor_url(obj, language="hi"):
    return f"/admin/workspace/{language}/{obj._meta.label_lower}/{obj.pk}/"


def segment_post(obj, name, text, base_text=None, **extra):
    sid = segment_id(obj, name)
    current = getattr(obj, f"{name}_hi") or "" if base_text is None else base_text
    return {"save": sid, f"text:{sid}": text, f"base:{sid}": fingerprint(current), **extra}


def test_a_translators_admin_front_page_is_the_queue_of_their_language(client, hindi_translator):
    client.force_login(hindi_translator)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/workspace/hi/"


def test_editors_keep_the_admin_front_page(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "/admin/workspace/" not in response.get("Location", "")


def test_the_queue_lists_what_has_work_most_urgent_first_with_counts_and_words(
    client, hindi_translator, role
):
    other = factories.make_role(slug="other", title_en="Other role", title_hi="दूसरी भूमिका")
    factories.publish(other)
    # One outdated text in the first role; the other role has missing texts only.
    change_english(role, title="Support team lead")
    client.force_login(hindi_translator)
    response = client.get("/admin/workspace/hi/")
    html = response.text
    assert response.status_code == 200
    assert html.index("Support team lead") < html.index("Other role")
    row = html[html.index("Support team lead") :].split("</tr>")[0]
    assert "outdated" in row and "missing" in row
    # Words to translate: the outdated title (3 words), the untranslated duty (3 + 1).
    assert '<td class="ws-number">7</td>' in row


def test_a_translator_opening_a_content_form_is_sent_to_the_workspace(
    client, hindi_translator, editor, role
):
    client.force_login(hindi_translator)
    response = client.get(f"/admin/roles/role/{role.pk}/change/")
    assert response.status_code == 302 and response["Location"] == editor_url(role)
    assert client.get(f"/admin/roles/role/{role.pk}/change/?form").status_code == 200
    client.force_login(editor)
    form = client.get(f"/admin/roles/role/{role.pk}/change/")
    assert form.status_code == 200 and editor_url(role) in form.text


def test_the_editor_lists_every_text_of_the_article_with_source_and_state(
    client, hindi_translator, role
):
    client.force_login(hindi_translator)
    html = client.get(editor_url(role)).text
    duty = role.responsibilities.get(title_en="Coach the team")
    for sid in [
        segment_id(role, "title"),
        segment_id(role, "summary"),
        segment_id(duty, "title"),
        segment_id(duty, "description"),
    ]:
        assert f'name="text:{sid}"' in html
    assert "Every ticket gets a first answer." in html
    assert 'lang="hi"' in html
    # Linked content: the family it is listed under, with its state.
    assert role.family.name_en in html


def test_saving_one_segment_posts_and_changes_only_that_segment(client, hindi_translator, role):
    client.force_login(hindi_translator)
    duty = role.responsibilities.get(title_en="Coach the team")
    post = segment_post(duty, "title", "टीम को सिखाना")
    response = client.post(editor_url(role), post)
    assert response.status_code == 302
    assert len(post) == 3  # the segment's text and fingerprint, and which to save
    duty.refresh_from_db()
    role.refresh_from_db()
    assert duty.title_hi == "टीम को सिखाना"
    assert role.title_hi == "सहायता प्रमुख"
    # A draft: readers do not see it until it is published.
    assert "टीम को सिखाना" not in client.get("/hi/roles/support-lead/").text
    html = client.get(editor_url(role)).text
    section = html[html.index(f'data-segment="{segment_id(duty, "title")}"') :]
    assert "translated, not published" in section.split("</section>")[0]


def test_a_segment_saved_by_someone_else_meanwhile_is_refused_alone_showing_their_text(
    client, hindi_translator, hindi_reviewer, role
):
    duty = role.responsibilities.get(title_en="Coach the team")
    opened = {"title": role.title_hi or "", "duty": duty.title_hi or ""}
    # Someone else saves the role's title after the translator opened the page.
    client.force_login(hindi_reviewer)
    client.post(editor_url(role), segment_post(role, "title", "सहायता टीम प्रमुख"))
    client.force_login(hindi_translator)
    post = {
        **segment_post(role, "title", "सहायता का प्रमुख", base_text=opened["title"]),
        **segment_post(duty, "title", "टीम का प्रशिक्षण", base_text=opened["duty"]),
        "save": "all",
    }
    response = client.post(editor_url(role), post)
    assert response.status_code == 200
    assert "Someone else saved this text" in response.text
    assert "सहायता टीम प्रमुख" in response.text  # their text
    assert "सहायता का प्रमुख" in response.text  # ours, still in the box
    role.refresh_from_db()
    duty.refresh_from_db()
    assert role.title_hi == "सहायता टीम प्रमुख"
    assert duty.title_hi == "टीम का प्रशिक्षण"  # nothing else is lost


def test_a_blocking_check_refuses_the_segment_with_the_reason(client, hindi_translator, role):
    client.force_login(hindi_translator)
    duty = role.responsibilities.get(title_en="Answer within 24 hours")
    response = client.post(editor_url(role), segment_post(duty, "title", "एक दिन में जवाब"))
    assert response.status_code == 200
    assert "Figures of the English missing or changed: 24" in response.text
    duty.refresh_from_db()
    assert duty.title_hi == "24 घंटे के भीतर जवाब"
    latin = client.post(editor_url(role), segment_post(duty, "title", "24 ghante mein jawab"))
    assert "another script" in latin.text


def test_saving_without_reloading_answers_json_per_segment(client, hindi_translator, role):
    client.force_login(hindi_translator)
    duty = role.responsibilities.get(title_en="Coach the team")
    response = client.post(
        editor_url(role),
        segment_post(duty, "description", "हर सप्ताह।"),
        headers={"accept": "application/json"},
    )
    [result] = response.json()["results"]
    assert result["status"] == "saved"
    assert result["state"] == "unpublished"
    assert result["base"] == fingerprint("हर सप्ताह।")
    refused = client.post(
        editor_url(role),
        segment_post(duty, "description", "Weekly.", base_text="हर सप्ताह।"),
        headers={"accept": "application/json"},
    ).json()["results"][0]
    assert refused["status"] == "refused"
    assert any(p["blocking"] for p in refused["problems"])


def test_an_outdated_segment_shows_a_word_diff_of_the_english_since_it_was_translated(
    client, hindi_translator, role
):
    duty = role.responsibilities.get(title_en="Answer within 24 hours")
    change_english(duty, title="Answer every ticket within 24 hours")
    change_english(duty, title="Answer every ticket within 12 hours")
    # The second change keeps the English the translation was made from.
    source = OutdatedSource.objects.get(object_id=duty.pk, field="title", language="hi")
    assert source.english == "Answer within 24 hours"
    client.force_login(hindi_translator)
    html = client.get(editor_url(role)).text
    section = html[html.index(f'data-segment="{segment_id(duty, "title")}"') :].split("</section>")[
        0
    ]
    assert "ws-segment--outdated" in html
    assert "<ins> every ticket</ins>" in section
    assert "<del>24</del>" in section and "<ins>12</ins>" in section
    assert "Still matches the English" in section


def test_still_matches_the_english_confirms_a_segment_without_changing_it(
    client, hindi_translator, role
):
    change_english(role, summary="Leads the support team, every day.")
    role.refresh_from_db()
    assert "summary" in role.outdated["hi"]
    client.force_login(hindi_translator)
    post = segment_post(role, "summary", role.summary_hi, **{
        f"confirm:{segment_id(role, 'summary')}": "1"
    })  # fmt: skip
    client.post(editor_url(role), post)
    role.refresh_from_db()
    assert "summary" not in role.outdated.get("hi", [])
    assert role.summary_hi == "सहायता टीम का नेतृत्व करता है।"


def test_memory_suggests_earlier_translations_of_similar_english_with_the_percentage(
    client, hindi_translator, role
):
    other = factories.make_role(slug="other")
    factories.make_responsibility(
        other, title_en="Answer within 48 hours", title_hi="48 घंटे के भीतर जवाब"
    )
    client.force_login(hindi_translator)
    html = client.get(editor_url(role)).text
    duty = role.responsibilities.get(title_en="Answer within 24 hours")
    section = html[html.index(f'data-segment="{segment_id(duty, "title")}"') :].split("</section>")[
        0
    ]
    assert "48 घंटे के भीतर जवाब" in section
    score = int(re.search(r'ws-score">(\d+)%', section).group(1))
    assert 75 <= score < 100


def test_glossary_terms_are_marked_in_the_source_with_their_approved_translation(
    client, hindi_translator, role
):
    term = GlossaryTerm.objects.create(term="support team")
    GlossaryTranslation.objects.create(term=term, language="hi", text="सहायता टीम")
    client.force_login(hindi_translator)
    html = client.get(editor_url(role)).text
    assert '<mark class="ws-term" title="सहायता टीम">support team</mark>' in html
    assert 'data-insert="सहायता टीम"' in html


def test_a_translator_submits_for_review_from_the_editor(client, hindi_translator, role):
    client.force_login(hindi_translator)
    client.post(editor_url(role), segment_post(role, "title", "सहायता टीम प्रमुख"))
    assert "Submit for review" in client.get(editor_url(role)).text
    response = client.post(editor_url(role) + "submit/")
    assert response.status_code == 302
    request = ReviewRequest.objects.get(object_id=role.pk, language="hi")
    assert request.state == ReviewRequest.State.SUBMITTED
    assert "submitted for review" in client.get(editor_url(role)).text


def test_a_translator_may_not_open_or_save_another_language(client, hindi_translator, role):
    client.force_login(hindi_translator)
    assert client.get(editor_url(role, "uk")).status_code == 403
    sid = segment_id(role, "title")
    response = client.post(editor_url(role, "uk"), {"save": sid, f"text:{sid}": "Лідер"})
    assert response.status_code == 403
    role.refresh_from_db()
    assert not role.title_uk


def test_the_admin_form_refuses_what_the_workspace_refuses(client, editor, role):
    """Both ways in write the same drafts with the same rules."""
    client.force_login(editor)
    form = client.get(f"/admin/roles/role/{role.pk}/change/")
    data = form_data(form)
    data["title_hi"] = "Support pramukh"
    response = client.post(f"/admin/roles/role/{role.pk}/change/", data)
    assert response.status_code == 200
    assert "another script" in response.text
    role.refresh_from_db()
    assert role.title_hi == "सहायता प्रमुख"


def form_data(response):
    """What a browser would post back from an admin change form."""
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if value is None or field.disabled:
            continue
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = value
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for inline_form in formset.formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[inline_form.add_prefix(name)] = value
    return data


def _editor_queries(client, role):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(editor_url(role)).status_code == 200
    return len(queries)


def test_queries_per_workspace_page_do_not_grow_with_the_number_of_segments(
    client, hindi_translator
):
    role = factories.make_role(slug="growing")
    factories.make_role_metric(role)
    factories.make_salary_band(role)
    factories.publish(role)
    client.force_login(hindi_translator)
    client.get(editor_url(role))  # sessions, permissions: read once
    few = _editor_queries(client, role)
    queue_few = len_queries(client, "/admin/workspace/hi/")
    for n in range(30):
        factories.make_responsibility(role, title_en=f"Duty {n}", description_en=f"Text {n}.")
        factories.make_skill(role, name_en=f"Skill {n}")
    factories.make_role_metric(role)
    factories.make_salary_band(role)
    factories.publish(role)
    assert Responsibility.objects.filter(role=role).count() == 30
    assert _editor_queries(client, role) == few
    assert len_queries(client, "/admin/workspace/hi/") == queue_few
    metric = Metric.objects.first()
    assert len_queries(client, editor_url(metric)) == few


def len_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_an_unknown_object_or_language_is_not_found(client, hindi_translator, role):
    client.force_login(hindi_translator)
    assert client.get("/admin/workspace/hi/roles.role/99999/").status_code == 404
    assert client.get("/admin/workspace/xx/").status_code == 404
    assert client.get("/admin/workspace/hi/auth.user/1/").status_code == 404
    assert Role.objects.count() == 1


def test_the_editor_says_how_a_role_relates_to_each_metric_it_uses(client, hindi_translator):
    from metrics.models import RoleMetric

    role = factories.make_role(title_en="Senior lead", summary_en="Leads.")
    metric = factories.make_metric(name_en="NPS")
    factories.make_role_metric(role, metric, kind=RoleMetric.Kind.REPORTS_ON)
    factories.publish(role)
    client.force_login(hindi_translator)
    page = client.get(f"/admin/workspace/hi/roles.role/{role.pk}/").text
    assert "NPS</a> (reports on)" in page
