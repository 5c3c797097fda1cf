"""Drafts, review and publishing: readers see only what was published, rendered ahead."""

import gzip
import logging
from urllib.parse import quote

import brotli
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content import languages
from content.access import EDITORS
from content.models import Published
from content.release import rendering_release
from content.services import content_save
from publishing.models import Publication, StoredPage
from publishing.services import (
    PublishRefused,
    content_publish,
    content_rollback,
    content_unpublish,
)
from tests import factories
from tests.html import sitemap_locations


@pytest.fixture
def role(db):
    role = factories.make_role(slug="support-lead", title_en="Support lead", title_ko="지원 책임자")
    factories.make_responsibility(role, title_en="Listening", title_ko="경청")
    factories.make_role_metric(role, factories.make_metric(code="nps", name_en="NPS score"))
    return role


def public_addresses(slug, code="nps"):
    return [
        f"/en/roles/{slug}/",
        f"/en/embed/roles/{slug}/",
        f"/api/v1/roles/{slug}?lang=en",
        f"/en/metrics/{code}/",
        f"/api/v1/metrics/{code}?lang=en",
    ]


@pytest.mark.django_db
def test_a_role_never_published_does_not_exist_for_readers(client, role):
    for address in public_addresses(role.slug):
        assert client.get(address).status_code == 404, address
    assert role.slug not in client.get("/en/").text
    assert not any(role.slug in location for location in sitemap_locations(client))
    assert role.slug not in client.get("/api/v1/roles/?lang=en").text
    oembed = client.get("/oembed", {"url": f"http://testserver/en/roles/{role.slug}/"})
    assert oembed.status_code == 404


@pytest.mark.django_db
def test_a_saved_draft_is_seen_nowhere_public_until_it_is_published(client, role):
    factories.publish(role)
    role.title_en = "Drafted title"
    role.save()
    for address in [*public_addresses(role.slug), "/en/", "/sitemap-roles.xml", "/en/salaries/"]:
        assert "Drafted title" not in client.get(address).text, address
    oembed = client.get("/oembed", {"url": f"http://testserver/en/roles/{role.slug}/"})
    assert oembed.json()["title"] == "Support lead"
    content_publish(obj=role, languages=["en"])
    for address in [f"/en/roles/{role.slug}/", "/en/", "/api/v1/roles/?lang=en"]:
        assert "Drafted title" in client.get(address).text, address


@pytest.mark.django_db
def test_readers_get_the_stored_page_bytes_in_one_query(client, role):
    factories.publish(role)
    stored = StoredPage.objects.get(path=f"/ko/roles/{role.slug}/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/ko/roles/{role.slug}/")
    assert len(queries) == 1
    assert response.content == bytes(stored.body)
    assert "지원 책임자" in response.text
    assert response["ETag"] and response["Last-Modified"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Content-Language"] == "ko"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_stored_pages_are_sent_compressed_as_the_reader_accepts(client, role, accept, decode):
    factories.publish(role)
    plain = client.get(f"/en/roles/{role.slug}/").content
    response = client.get(f"/en/roles/{role.slug}/", headers={"accept-encoding": accept})
    assert response["Content-Encoding"] == accept
    assert "Accept-Encoding" in response["Vary"]
    assert decode(response.content) == plain
    assert len(response.content) < len(plain) / 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "expected"),
    [("br;q=0, gzip;q=0, identity", None), ("gzip;q=0", None), ("zbrz", None),
     ("br;q=0, gzip", "gzip"), ("gzip, br;q=0.5", "gzip")],
)  # fmt: skip
def test_an_encoding_the_reader_refused_is_never_sent(client, role, accept, expected):
    """The probe's headers (issue 28) got brotli or gzip whatever their q-values said."""
    factories.publish(role)
    plain = client.get(f"/en/roles/{role.slug}/").content
    response = client.get(f"/en/roles/{role.slug}/", headers={"accept-encoding": accept})
    assert response.get("Content-Encoding") == expected
    assert "Accept-Encoding" in response["Vary"]
    if expected is None:
        assert response.content == plain


@pytest.mark.django_db
def test_head_and_conditional_requests_of_stored_pages(client, role):
    factories.publish(role)
    got = client.get(f"/en/roles/{role.slug}/")
    head = client.head(f"/en/roles/{role.slug}/")
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == got["ETag"] and head["Last-Modified"] == got["Last-Modified"]
    again = client.get(f"/en/roles/{role.slug}/", headers={"if-none-match": got["ETag"]})
    assert again.status_code == 304
    head_again = client.head(f"/en/roles/{role.slug}/", headers={"if-none-match": got["ETag"]})
    assert head_again.status_code == 304


@pytest.mark.django_db
def test_the_index_gets_a_stored_second_page_with_a_sixth_family_and_loses_it_after(client):
    roles = [factories.make_role(family=factories.make_family(order=n)) for n in range(6)]
    factories.publish(*roles[:5])
    assert not StoredPage.objects.filter(path="/hi/2/").exists()
    factories.publish(roles[5])
    second = bytes(StoredPage.objects.get(path="/hi/2/").body).decode()
    assert f'href="/hi/roles/{roles[5].slug}/"' in second
    assert 'href="/hi/2/"' in bytes(StoredPage.objects.get(path="/hi/").body).decode()
    content_unpublish(obj=roles[0])
    assert not StoredPage.objects.filter(path="/hi/2/").exists()
    assert client.get("/hi/2/").status_code == 404
    assert f'href="/hi/roles/{roles[5].slug}/"' in client.get("/hi/").text


@pytest.mark.django_db
def test_publishing_one_role_leaves_another_roles_stored_pages_untouched(role):
    other = factories.make_role(slug="other-role")
    factories.publish(role, other)
    before = StoredPage.objects.get(path="/uk/roles/other-role/")
    role.summary_en = "A new summary."
    role.save()
    content_publish(obj=role, languages=["en"])
    after = StoredPage.objects.get(path="/uk/roles/other-role/")
    assert (after.etag, bytes(after.body), after.rendered_at) == (
        before.etag,
        bytes(before.body),
        before.rendered_at,
    )
    assert "A new summary." in bytes(StoredPage.objects.get(path="/uk/").body).decode()


@pytest.mark.django_db
def test_a_publication_that_cannot_render_is_refused_and_readers_keep_the_old_page(
    client, role, monkeypatch, caplog
):
    factories.publish(role)
    before = client.get(f"/en/roles/{role.slug}/").content
    role.title_en = "Would break"
    role.save()

    def broken(*args, **kwargs):
        raise RuntimeError("the chart cannot be drawn")

    monkeypatch.setattr("articles.loader.range_charts", broken)
    caplog.set_level(logging.ERROR, logger="publishing.services")
    with pytest.raises(PublishRefused, match="could not be rendered"):
        content_publish(obj=role, languages=["en"])
    monkeypatch.undo()
    assert client.get(f"/en/roles/{role.slug}/").content == before
    assert Published.objects.get(object_id=role.pk, kind="roles.role").head["title_en"] == (
        "Support lead"
    )
    assert Publication.objects.filter(object_id=role.pk, kind="roles.role").count() == 1
    assert any("the chart cannot be drawn" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_publishing_one_language_leaves_the_others_as_published(client, role):
    factories.publish(role)
    role.title_ko, role.title_uk, role.title_en = "새 제목", "Нова назва", "New title"
    role.save()
    content_publish(obj=role, languages=["ko"])
    assert "새 제목" in client.get(f"/ko/roles/{role.slug}/").text
    assert "Нова назва" not in client.get(f"/uk/roles/{role.slug}/").text
    assert "New title" not in client.get(f"/en/roles/{role.slug}/").text


@pytest.mark.django_db
def test_an_item_new_with_english_is_shown_in_english_until_its_language_is_published(client, role):
    factories.publish(role)
    factories.make_responsibility(role, title_en="Patience", title_ko="인내", order=5)
    content_publish(obj=role, languages=["en"])
    page = client.get(f"/ko/roles/{role.slug}/").text
    assert '<span lang="en">Patience</span>' in page and "인내" not in page
    assert "경청" in page  # the Korean text published before stays
    content_publish(obj=role, languages=["ko"])
    assert "인내" in client.get(f"/ko/roles/{role.slug}/").text


@pytest.mark.django_db
def test_publishing_changed_english_marks_the_translations_outdated_for_readers(client, role):
    factories.publish(role)
    duty = role.responsibilities.get()
    duty.title_en = "Active listening"
    duty.save()
    assert "notice outdated" not in client.get(f"/ko/roles/{role.slug}/").text
    content_publish(obj=role, languages=["en"])
    duty.refresh_from_db()
    assert duty.outdated == {"ko": ["title"]}  # the only language with a text of it
    assert "notice outdated" in client.get(f"/ko/roles/{role.slug}/").text
    duty.title_ko = "적극적 경청"
    content_save(obj=duty)  # as the admin and the workspace save it
    content_publish(obj=role, languages=["ko"])
    assert "notice outdated" not in client.get(f"/ko/roles/{role.slug}/").text


@pytest.mark.django_db
def test_only_editors_publish_english_and_reviewers_only_their_language(groups, role):
    factories.publish(role)
    translator = factories.make_staff("translator", languages.get("ko").translator_group)
    reviewer = factories.make_staff("reviewer", languages.get("ko").reviewer_group)
    editor = factories.make_staff("editor", EDITORS)
    from django.core.exceptions import PermissionDenied

    for user, language in [(translator, "ko"), (reviewer, "en"), (reviewer, "uk")]:
        with pytest.raises(PermissionDenied):
            content_publish(obj=role, languages=[language], user=user)
    role.title_ko = "검토된 제목"
    role.save()
    assert content_publish(obj=role, languages=["ko"], user=reviewer) is not None
    role.title_en = "Edited"
    role.save()
    assert content_publish(obj=role, languages=["en"], user=editor) is not None


@pytest.mark.django_db
def test_hand_made_publish_posts_are_refused_for_translators(groups, client, role):
    factories.publish(role)
    role.title_ko = "몰래 바꾼 제목"
    role.save()
    client.force_login(factories.make_staff("translator", languages.get("ko").translator_group))
    url = f"/admin/publishing/roles.role/{role.pk}/publish/"
    client.post(url, {"language": ["ko", "en"]})
    assert "몰래 바꾼 제목" not in client.get(f"/ko/roles/{role.slug}/").text
    for action in ("unpublish/", "rollback/1/"):
        client.post(f"/admin/publishing/roles.role/{role.pk}/{action}")
    assert client.get(f"/ko/roles/{role.slug}/").status_code == 200


@pytest.mark.django_db
def test_a_translator_submits_for_review_and_the_reviewer_sees_it_queued(groups, client, role):
    factories.publish(role)
    translator = factories.make_staff("translator", languages.get("ko").translator_group)
    client.force_login(translator)
    response = client.post(f"/admin/publishing/roles.role/{role.pk}/submit/", {"language": "ko"})
    assert response.status_code == 302
    client.force_login(factories.make_staff("reviewer", languages.get("ko").reviewer_group))
    queue = client.get("/admin/publishing/reviews/").text
    assert str(role) in queue
    client.force_login(factories.make_staff("other", languages.get("uk").reviewer_group))
    assert str(role) not in client.get("/admin/publishing/reviews/").text


@pytest.mark.django_db
def test_preview_shows_the_draft_to_staff_only_never_indexed_or_stored(groups, client, role):
    factories.publish(role)
    role.title_ko = "미리 보는 제목"
    role.save()
    address = f"/admin/publishing/roles.role/{role.pk}/preview/ko/"
    assert client.get(address).status_code == 302  # to the login page
    client.force_login(factories.make_staff("translator", languages.get("ko").translator_group))
    response = client.get(address)
    assert response.status_code == 200
    assert "미리 보는 제목" in response.text
    assert 'class="preview-banner"' in response.text
    assert '<meta name="robots" content="noindex">' in response.text
    assert response["Cache-Control"] == "private, no-store"
    assert "미리 보는 제목" not in client.get(f"/ko/roles/{role.slug}/").text


@pytest.mark.django_db
def test_rollback_shows_an_earlier_publication_again_in_one_action(client, role):
    factories.publish(role)
    role.title_en = "Second title"
    role.save()
    content_publish(obj=role, languages=["en"])
    assert "Second title" in client.get(f"/en/roles/{role.slug}/").text
    first = Publication.objects.filter(kind="roles.role", object_id=role.pk).earliest("number")
    content_rollback(obj=role, number=first.number)
    assert "Support lead" in client.get(f"/en/roles/{role.slug}/").text
    actions = list(
        Publication.objects.filter(kind="roles.role", object_id=role.pk)
        .order_by("number")
        .values_list("action", flat=True)
    )
    assert actions == ["publish", "publish", "rollback"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "ko"])
def test_an_unpublished_role_is_gone_like_a_deleted_one(client, role, language):
    factories.publish(role)
    content_unpublish(obj=role)
    response = client.get(f"/{language}/roles/{role.slug}/")
    assert response.status_code == 410
    assert f'<html lang="{language}"' in response.text
    assert role.slug not in client.get(f"/{language}/").text
    assert client.get(f"/api/v1/roles/{role.slug}").status_code == 404


@pytest.mark.django_db
def test_a_role_cannot_be_published_before_what_it_refers_to(role):
    with pytest.raises(PublishRefused, match="Publish these first"):
        content_publish(obj=role, languages=languages.CODES)
    assert not Published.objects.filter(kind="roles.role").exists()


@pytest.mark.django_db
def test_a_language_is_published_after_english_not_before(role):
    factories.publish(role.family, role.role_metrics.get().metric)
    with pytest.raises(PublishRefused, match="English first"):
        content_publish(obj=role, languages=["ko"])


@pytest.mark.django_db
def test_publishing_what_readers_already_see_changes_nothing(role):
    factories.publish(role)
    assert content_publish(obj=role, languages=languages.CODES) is None
    assert Publication.objects.filter(kind="roles.role").count() == 1


@pytest.mark.django_db
def test_render_pages_renders_every_page_again_while_the_old_ones_are_served(role, settings):
    factories.publish(role)
    count = StoredPage.objects.count()
    settings.CACHE_RELEASE = "next-release"
    call_command("render_pages", verbosity=0)
    assert set(StoredPage.objects.values_list("release", flat=True)) == {rendering_release()}
    assert rendering_release().startswith("next-release.")
    assert StoredPage.objects.count() == count


@pytest.mark.django_db
def test_a_stored_page_is_the_page_rendered_on_request(client, settings):
    call_command("load_reference", verbosity=0)
    addresses = [
        "/hi/roles/customer-support-manager/",
        "/ko/embed/roles/senior-customer-success-manager/",
        "/uk/metrics/nps/",
        "/nb/salaries/",
        "/api/v1/roles/customer-support-manager?lang=ko",
    ]
    stored = {address: client.get(address).content for address in addresses}
    assert all(StoredPage.objects.filter(path=address).exists() for address in addresses)
    settings.STORED_PAGES = False
    for address in addresses:
        assert client.get(address).content == stored[address], address


@pytest.mark.django_db(transaction=True)
def test_a_server_keeps_pages_in_memory_until_anything_is_published(client, role):
    factories.publish(role)
    address = f"/en/roles/{role.slug}/"
    client.get(address)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    assert len(queries) == 0  # from this process's memory
    role.title_en = "Renamed"
    role.save()
    content_publish(obj=role, languages=["en"])
    # Another process would see the stamp change just the same.
    assert "Renamed" in client.get(address).text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title", "letter"),
    [("ko", "지원 책임자", "ㅈ"), ("uk", "Керівник підтримки", "к"), ("hi", "सहायता प्रमुख", "स")],
)
def test_a_letter_page_in_any_script_is_served_from_the_store(
    client, django_assert_num_queries, language, title, letter
):
    """They were stored under the percent-encoded path reverse() gives and looked up by the
    decoded one, so every request rendered them again (issue 28, finding 7)."""
    role = factories.make_role(slug="support-lead", title_en="Support lead",
                               **{f"title_{language}": title})  # fmt: skip
    factories.publish(role)
    address = f"/{language}/roles/a-z/{quote(letter)}/"
    assert StoredPage.objects.filter(path=address).exists()
    with django_assert_num_queries(1):
        response = client.get(address, headers={"accept-encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip" and response["Last-Modified"]
    assert title in gzip.decompress(response.content).decode()


@pytest.mark.django_db
def test_pages_stored_under_other_settings_are_rendered_again(client, role, settings):
    """After `make run` on port 8123, a server with another SITE_URL still gave every reader
    canonical and hreflang addresses on http://127.0.0.1:8123/; headers stored with the pages
    (the CSP) likewise outlived their settings (issue 28, finding 13)."""
    factories.publish(role)
    page = f"/en/roles/{role.slug}/"
    assert 'rel="canonical" href="http://testserver/en/' in client.get(page).text
    settings.SITE_URL = "https://roles.example.org"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "roles.example.org"]
    policy = settings.CONTENT_SECURITY_POLICY
    directives = {**policy["DIRECTIVES"], "img-src": ["'self'", "https://images.example.org"]}
    settings.CONTENT_SECURITY_POLICY = {**policy, "DIRECTIVES": directives}
    call_command("render_pages", verbosity=0)
    response = client.get(page)
    assert f'rel="canonical" href="https://roles.example.org{page}"' in response.text
    assert "http://testserver" not in response.text
    assert "https://images.example.org" in response["Content-Security-Policy"]
