"""Citable versions: each publication of a role keeps an address that shows the role as it
was published then, stored at publication, unchanged by what is published after it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from publishing.models import StoredPage
from publishing.services import content_publish, content_rollback, content_unpublish
from tests import factories
from tests.html import Page


def version(client, slug, number, language="en"):
    return client.get(f"/{language}/roles/{slug}/versions/{number}/")


@pytest.fixture
def role(db):
    role = factories.make_role(
        slug="support-lead", title_en="Support lead", title_ko="지원 책임자",
        summary_en="Leads the support team.", summary_ko="지원 팀을 이끕니다.",
    )  # fmt: skip
    factories.make_responsibility(role, title_en="Listening", title_ko="경청")
    content_publish(obj=role.family, languages=["en"])
    content_publish(obj=role, languages=["en", "ko"])
    return role


def test_a_role_published_twice_keeps_both_versions_for_good(client, role):
    first = version(client, "support-lead", 1)
    assert first.status_code == 200
    assert "Leads the support team." in first.text
    role.summary_en = "Runs customer support end to end."
    role.save()
    content_publish(obj=role, languages=["en"])

    # The current page cites its own version; the first is as it was.
    current = client.get("/en/roles/support-lead/")
    assert "/en/roles/support-lead/versions/2/" in current.text
    second = version(client, "support-lead", 2)
    assert "Runs customer support end to end." in second.text
    assert version(client, "support-lead", 1).content == first.content
    # Rendered and stored when published: no reader waits for a render.
    for number in (1, 2):
        assert StoredPage.objects.filter(path=f"/en/roles/support-lead/versions/{number}/").exists()
    assert StoredPage.objects.filter(path="/ko/roles/support-lead/versions/1/").exists()

    # An old version says so, leads to the current page, and is not indexed.
    page = Page(first.text)
    assert page.find("meta", name="robots")["attrs"]["content"] == "noindex"
    assert page.find("p", **{"class": "notice old-version"}) is not None
    assert 'href="/en/roles/support-lead/"' in first.text

    # A rollback is a publication of its own; the versions before it do not change.
    content_rollback(obj=role, number=1)
    assert "Leads the support team." in version(client, "support-lead", 3).text
    assert version(client, "support-lead", 1).content == first.content
    assert version(client, "support-lead", 2).content == second.content

    # A new slug: the old versions keep their addresses; the new slug's address of an old
    # version leads to them.
    role.slug = "support-head"
    role.save()
    content_publish(obj=role, languages=["en"])
    assert version(client, "support-lead", 1).content == first.content
    moved = version(client, "support-head", 1)
    assert moved.status_code == 301
    assert moved["Location"] == "/en/roles/support-lead/versions/1/"
    assert version(client, "support-head", 4).status_code == 200

    # Unpublished: readers lose the page, not what was cited.
    content_unpublish(obj=role)
    assert client.get("/en/roles/support-head/").status_code == 410
    assert version(client, "support-lead", 2).content == second.content


def test_a_version_answers_in_the_languages_it_was_published_in(client, role):
    korean = version(client, "support-lead", 1, "ko")
    assert korean.status_code == 200 and "지원 책임자" in korean.text
    # Its languages' switcher leads to the versions that exist, and to the current pages.
    assert 'href="/en/roles/support-lead/versions/1/"' in korean.text
    assert 'href="/hi/roles/support-lead/"' in korean.text
    missing = version(client, "support-lead", 1, "hi")
    assert missing.status_code == 404
    assert '<html lang="hi"' in missing.text
    # The Hindi feed lists the new role (readers see it in English) and links the version
    # that answers: the English.
    feed = client.get("/hi/feed/").text
    assert "http://testserver/en/roles/support-lead/versions/1/" in feed
    # A page shown in English for want of a Hindi translation cites the English version.
    assert "http://testserver/en/roles/support-lead/versions/1/" in (
        client.get("/hi/roles/support-lead/").text
    )
    assert version(client, "support-lead", 9).status_code == 404
    assert version(client, "support-lead", 10**30).status_code == 404
    assert version(client, "no-such-role", 1).status_code == 404


def test_the_cite_box_gives_the_version_and_a_ready_citation(client, role):
    page = Page(client.get("/en/roles/support-lead/").text)
    cite = [code["text"] for code in page.find_all("code", **{"class": "copyable"})]
    assert "http://testserver/en/roles/support-lead/versions/1/" in cite
    citation = next(text for text in cite if text.startswith("“Support lead”"))
    assert "version 1" in citation
    assert citation.endswith("http://testserver/en/roles/support-lead/versions/1/")


def test_a_publication_remakes_the_downloads_once_it_commits(
    client, role, django_capture_on_commit_callbacks
):
    role.summary_en = "A summary the downloads must carry."
    role.save()
    with django_capture_on_commit_callbacks(execute=True):
        content_publish(obj=role, languages=["en"])
    stored = StoredPage.objects.get(path="/en/downloads/roles.csv")
    assert b"A summary the downloads must carry." in bytes(stored.body)
    # Served from the store as it was made, with its licence.
    response = client.get("/en/downloads/roles.csv")
    assert response.content == bytes(stored.body)
    assert 'rel="license"' in response["Link"]
    assert StoredPage.objects.filter(path="/ko/downloads/reference.jsonld").exists()


def test_publications_waiting_for_their_downloads_leave_one_task_for_the_worker(
    role, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    for summary in ("First change.", "Second change."):
        role.summary_en = summary
        role.save()
        with django_capture_on_commit_callbacks(execute=True):
            content_publish(obj=role, languages=["en"])
    waiting = DBTaskResult.objects.filter(task_path="publishing.downloads.remake", status="READY")
    assert waiting.count() == 1


def test_a_publication_reads_the_kept_publications_once_for_all_its_languages(client, role):
    # Each language's version page shows the same kept publication and what it referred
    # to then, each language's feed the same last publications: a publication renders
    # them together and reads them once.
    metric = factories.make_metric(name_ko="지표")
    factories.make_role_metric(role, metric=metric)
    content_publish(obj=metric, languages=["en", "ko"])
    role.summary_en = "Runs customer support end to end."
    role.save()
    with CaptureQueriesContext(connection) as queries:
        content_publish(obj=role, languages=["en", "ko"])
    kept = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and "publishing_publication" in q["sql"]
    ]
    assert len(kept) == len(set(kept))
    # What they show is what each shows rendered alone.
    assert client.get("/ko/feed/").content == bytes(StoredPage.objects.get(path="/ko/feed/").body)
    for language in ("en", "ko"):
        page = version(client, "support-lead", 2, language)
        assert page.status_code == 200
        assert page.content == bytes(
            StoredPage.objects.get(path=f"/{language}/roles/support-lead/versions/2/").body
        )
