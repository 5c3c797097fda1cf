"""Links from knowledge bases: permanent, language-neutral, previewable and embeddable."""

import json

import pytest
from django.conf import settings

from content import languages
from roles.models import Role
from tests import factories
from tests.html import SITEMAP, Page, sitemap_entries

LANGUAGES = languages.CODES
CSM = "customer-support-manager"


@pytest.fixture
def renamed(db):
    role = factories.make_role(slug="support-lead", title_en="Support Lead")
    factories.publish(role)
    role.slug = "customer-support-lead"
    role.save()
    factories.publish(role)
    return role


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_old_slug_redirects_permanently_to_the_new_one_in_the_same_language(
    client, renamed, language
):
    response = client.get(f"/{language}/roles/support-lead/")
    assert response.status_code == 301
    assert response["Location"] == f"/{language}/roles/customer-support-lead/"
    assert client.get(f"/{language}/embed/roles/support-lead/")["Location"] == (
        f"/{language}/embed/roles/customer-support-lead/"
    )


@pytest.mark.django_db
def test_renaming_in_the_admin_keeps_the_old_address(client, reference_content):
    from django.contrib.auth.models import User

    from tests.html import FormReader

    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw-pw-pw-pw"))
    role = Role.objects.get(slug=CSM)
    form = FormReader(client.get(f"/admin/roles/role/{role.pk}/change/").text, "role_form")
    form.data["slug"] = "support-manager"
    assert client.post(f"/admin/roles/role/{role.pk}/change/", form.data).status_code == 302
    # A draft until published: the address stays as it was.
    assert client.get(f"/ko/roles/{CSM}/").status_code == 200
    client.post(f"/admin/publishing/roles.role/{role.pk}/publish/", {"language": "en"})
    assert client.get(f"/ko/roles/{CSM}/")["Location"] == "/ko/roles/support-manager/"


@pytest.mark.django_db
def test_a_slug_other_roles_links_use_cannot_be_taken(client, reference_content):
    from django.contrib.auth.models import User

    from tests.html import FormReader

    client.force_login(User.objects.create_superuser("boss", "boss@example.com", "pw-pw-pw-pw"))
    role = Role.objects.get(slug=CSM)
    form = FormReader(client.get(f"/admin/roles/role/{role.pk}/change/").text, "role_form")
    form.data["slug"] = "support-manager"
    client.post(f"/admin/roles/role/{role.pk}/change/", form.data)
    senior = Role.objects.get(slug="senior-customer-success-manager")
    form = FormReader(client.get(f"/admin/roles/role/{senior.pk}/change/").text, "role_form")
    form.data["slug"] = CSM  # the first role's old address
    response = client.post(f"/admin/roles/role/{senior.pk}/change/", form.data)
    assert response.status_code == 200
    assert "Links to another role still use this address" in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_deleted_role_is_gone_with_a_page_in_the_readers_language(client, renamed, language):
    renamed.delete()
    for slug in ["support-lead", "customer-support-lead"]:
        response = client.get(f"/{language}/roles/{slug}/")
        assert response.status_code == 410
        assert f'<html lang="{language}"' in response.text
        assert Page(response.text).find("a", href=f"/{language}/")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "target"),
    [
        (f"/roles/{CSM}/", f"/ko/roles/{CSM}/"),
        ("/metrics/nps/", "/ko/metrics/nps/"),
        ("/salaries/", "/ko/salaries/"),
        (f"/embed/roles/{CSM}/", f"/ko/embed/roles/{CSM}/"),
    ],
)
def test_language_neutral_links_open_in_the_readers_language(
    client, reference_content, path, target
):
    response = client.get(path, headers={"accept-language": "ko-KR,ko;q=0.9"})
    assert response.status_code == 302
    assert response["Location"] == target
    vary = response["Vary"].lower()
    assert "accept-language" in vary and "cookie" in vary
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    assert client.get(path, headers={"accept-language": "ko"})["Location"].startswith("/nb/")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert client.get(path)["Location"].startswith("/en/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_page_has_link_previews_in_its_language(client, reference_content, language):
    page = Page(client.get(f"/{language}/roles/{CSM}/").text)
    meta = {
        m["attrs"].get("property") or m["attrs"].get("name"): m["attrs"]["content"]
        for m in page.find_all("meta")
        if "content" in m["attrs"]
    }
    role = Role.objects.get(slug=CSM)
    assert meta["og:title"] == getattr(role, f"title_{language}")
    assert meta["og:image"].startswith("http://testserver/static/img/preview")
    assert meta["twitter:card"] == "summary_large_image"
    alternates = [
        m["attrs"]["content"] for m in page.find_all("meta", property="og:locale:alternate")
    ]
    assert len(alternates) == 4
    oembed = page.find("link", type="application/json+oembed")["attrs"]["href"]
    assert oembed.startswith("http://testserver/oembed?url=")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", [f"roles/{CSM}/", "metrics/nps/", "metrics/csat/"])
def test_oembed_returns_a_rich_card_for_role_and_metric_pages(
    client, reference_content, language, path
):
    url = f"http://testserver/{language}/{path}"
    response = client.get("/oembed", {"url": url, "format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["version"] == "1.0" and data["type"] == "rich"
    assert {"title", "html", "width", "height", "provider_name", "provider_url"} <= set(data)
    iframe = Page(data["html"]).find("iframe")["attrs"]
    assert iframe["src"] == f"http://testserver/{language}/embed/{path}"
    assert client.get(iframe["src"]).status_code == 200


@pytest.mark.django_db
def test_oembed_follows_old_slugs_and_respects_size_limits(client, renamed):
    data = client.get(
        "/oembed", {"url": "http://testserver/roles/support-lead/", "maxwidth": "300"}
    ).json()
    assert "/embed/roles/customer-support-lead/" in data["html"]
    assert data["width"] == 300


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"url": "http://testserver/en/roles/no-such-role/"}, 404),
        ({"url": "http://testserver/en/salaries/"}, 404),
        ({"url": "https://elsewhere.example/en/roles/customer-support-manager/"}, 404),
        ({"url": "not a url"}, 404),
        ({"url": "http://[/en/roles/customer-support-manager/"}, 404),  # urlsplit refuses it
        ({"url": "http://[::1"}, 404),
        ({}, 400),
        ({"url": "http://testserver/en/roles/customer-support-manager/", "format": "xml"}, 501),
    ],
)
def test_oembed_answers_what_it_cannot_do_with_a_clear_error(
    client, reference_content, params, status
):
    response = client.get("/oembed", params)
    assert response.status_code == status
    assert json.loads(response.content)["error"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", [f"/en/embed/roles/{CSM}/", "/hi/embed/metrics/nps/"])
def test_embed_may_be_framed_by_allowed_knowledge_bases_only(client, reference_content, path):
    response = client.get(path)
    assert response.status_code == 200
    assert "X-Frame-Options" not in response
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://kb.example.com" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/en/", f"/uk/roles/{CSM}/", "/ko/metrics/nps/", "/nb/salaries/", "/hi/linking/"]
)
def test_every_other_page_forbids_framing(client, reference_content, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


XHTML = "{http://www.w3.org/1999/xhtml}link"


@pytest.mark.django_db
def test_sitemap_lists_every_page_in_every_language_with_alternates(client, reference_content):
    urls = sitemap_entries(client)
    locations = {u.find(f"{SITEMAP}loc").text for u in urls}
    for language in LANGUAGES:
        for path in ["", f"roles/{CSM}/", "roles/senior-customer-success-manager/",
                     "metrics/", "metrics/nps/", "salaries/", "linking/"]:  # fmt: skip
            assert f"http://testserver/{language}/{path}" in locations
    for url in urls:
        alternates = {a.get("hreflang"): a.get("href") for a in url.findall(XHTML)}
        if "/roles/a-z/" in url.find(f"{SITEMAP}loc").text:
            assert alternates == {}  # a letter belongs to one language's alphabet
            continue
        assert set(alternates) == {*LANGUAGES, "x-default"}
        assert url.find(f"{SITEMAP}loc").text in alternates.values()


@pytest.mark.django_db
def test_robots_points_to_the_sitemap_and_keeps_out_of_the_admin(client):
    text = client.get("/robots.txt").text
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_for_knowledge_base_authors_shows_working_examples(
    client, reference_content, language
):
    response = client.get(f"/{language}/linking/")
    assert response.status_code == 200
    codes = [c["text"] for c in Page(response.text).find_all("code")]
    assert f"http://testserver/roles/{CSM}/" in codes
    assert f"http://testserver/{language}/roles/{CSM}/#salary" in codes
    for code in codes:
        if code.startswith("http://testserver/") and "oembed" not in code:
            status = client.get(code.replace("http://testserver", "").split("#")[0]).status_code
            assert status in (200, 302), code


@pytest.mark.django_db
def test_guide_iframe_snippet_escapes_the_role_title(client, reference_content):
    """Authors copy the snippet as it reads: a quote in a title must not open an attribute."""
    Role.objects.filter(slug=CSM).update(title_en='Support "Lead" onload="alert(1)')
    Role.objects.exclude(slug=CSM).update(order=99)
    factories.publish(*Role.objects.all())
    page = Page(client.get("/en/linking/").text)
    snippet = next(c["text"] for c in page.find_all("code") if c["text"].startswith("<iframe"))
    iframe = Page(snippet).find("iframe")["attrs"]
    assert iframe["title"] == 'Support "Lead" onload="alert(1)'
    assert "onload" not in iframe
    assert not page.find("iframe")  # shown as text, not as a frame
