"""The results page and the search box: on every page, answered on request, never indexed."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.test import override_settings

from content import languages
from publishing.models import StoredPage
from tests import factories
from tests.html import Page
from tests.search.pages import Results

LANGUAGES = languages.CODES
CSM = "customer-support-manager"
PAGES = [
    "", f"roles/{CSM}/", "metrics/", "metrics/nps/", "salaries/", "linking/",
    "roles/no-such-role/", "search/",
]  # fmt: skip


def results(client, language, query, **params):
    response = client.get(f"/{language}/search/", {"q": query, **params})
    assert response.status_code == 200
    return response, Results(response.text)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_has_the_search_box_and_the_opensearch_description(
    client, reference_content, language
):
    for path in PAGES:
        page = Page(client.get(f"/{language}/{path}").text)
        form = page.find("form", **{"class": "site-search"})
        assert form["attrs"]["action"] == f"/{language}/search/"
        assert form["attrs"]["method"] == "get"
        assert page.find("input", name="q")["attrs"]["type"] == "search"
        link = page.find("link", rel="search")
        assert link["attrs"]["type"] == "application/opensearchdescription+xml"
        assert link["attrs"]["href"] == f"/{language}/opensearch.xml"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_opensearch_description_names_the_results_page_from_the_site_address(client, language):
    response = client.get(f"/{language}/opensearch.xml")
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    document = ET.fromstring(response.content)
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    assert len(document.find("os:ShortName", ns).text) <= 16
    templates = {u.get("type"): u.get("template") for u in document.findall("os:Url", ns)}
    assert templates["text/html"] == f"http://testserver/{language}/search/?q={{searchTerms}}"
    assert templates["application/json"] == (
        f"http://testserver/api/v1/search?q={{searchTerms}}&lang={language}"
    )
    assert document.find("os:InputEncoding", ns).text == "UTF-8"


@pytest.mark.django_db
def test_results_show_kind_title_and_the_matched_words_marked(client, reference_content):
    response, found = results(client, "uk", "менеджера з підтримки")
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in response.text
    page = Page(response.text)
    assert page.find("link", rel="canonical") is None
    first = found.results[0]
    assert first["text"].strip().startswith("Роль")
    assert first["links"][0]["href"] == f"/uk/roles/{CSM}/"
    assert "<mark>Менеджер</mark>" in response.text
    assert "<mark>підтримки</mark>" in response.text
    # The box keeps what was typed, and the languages keep the search.
    assert page.find("input", name="q")["attrs"]["value"] == "менеджера з підтримки"
    assert page.find("a", hreflang="ko")["attrs"]["href"] == (
        "/ko/search/?q=%D0%BC%D0%B5%D0%BD%D0%B5%D0%B4%D0%B6%D0%B5%D1%80%D0%B0+%D0%B7+"
        "%D0%BF%D1%96%D0%B4%D1%82%D1%80%D0%B8%D0%BC%D0%BA%D0%B8"
    )


@pytest.mark.django_db
def test_a_section_result_links_to_its_anchor(client, reference_content):
    _response, found = results(client, "ko", "경력 경로를")
    first = found.results[0]
    assert first["links"][0]["href"] == "/ko/roles/senior-customer-success-manager/#career-path"
    assert "시니어 고객 성공 관리자" in first["text"]  # the section's role


@pytest.mark.django_db
def test_a_match_in_another_language_is_marked_and_links_to_that_language(
    client, reference_content
):
    _response, found = results(client, "en", "관리자를")
    first = found.results[0]
    assert first["links"][0] == {"href": f"/ko/roles/{CSM}/", "hreflang": "ko", "lang": "ko"}
    assert "found in Korean" in first["text"]
    _response, found = results(client, "hi", "관리자를")
    assert "कोरियाई में मिला" in found.results[0]["text"]


@pytest.mark.django_db
def test_what_was_typed_is_escaped_wherever_it_is_shown(client, reference_content):
    typed = '<script>alert("x")</script> manager'
    response, _found = results(client, "en", typed)
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text
    response, _found = results(client, "en", "<b>zzqq</b>")
    assert "<b>zzqq" not in response.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Type what you are looking for"),
        ("x", "Type at least two letters or digits."),
        ("x" * 201, "too long to search for: use at most 200 characters"),
        ("%%% ??? !!!", "There is nothing to search for in that"),
        ("qzxqzx", "Nothing matches “qzxqzx”."),
    ],
)
def test_nothing_to_search_for_gets_a_clear_message_never_an_error(
    client, reference_content, query, message
):
    response, found = results(client, "en", query)
    assert message in Page(response.text).find("p", **{"class": "search-message"})["text"]
    assert found.results == []


@pytest.mark.django_db
def test_no_results_suggest_the_closest_titles(client, reference_content):
    _response, found = results(client, "nb", "kondestattelider")
    assert found.results == []
    assert found.suggestions[0]["links"][0]["href"] == f"/nb/roles/{CSM}/"


@pytest.mark.django_db
def test_results_come_ten_a_page(client):
    family = factories.make_family()
    roles = [
        factories.make_role(family=family, slug=f"widget-maker-{n}", title_en=f"Widget maker {n}")
        for n in range(1, 24)
    ]
    factories.publish(*roles)
    response, found = results(client, "en", "widget maker")
    assert len(found.results) == 10
    page = Page(response.text)
    assert "Page 1 of 3" in page.find("nav", **{"class": "pagination"})["text"]
    assert page.find("a", rel="next")["attrs"]["href"] == "/en/search/?q=widget+maker&page=2"
    assert page.find("a", rel="prev") is None
    response, found = results(client, "en", "widget maker", page="3")
    assert len(found.results) == 3
    assert Page(response.text).find("ol", **{"class": "search-results"})["attrs"]["start"] == "21"
    for odd in ["99", "0", "-4", "abc", "1e9", "٣"]:
        _response, found = results(client, "en", "widget maker", page=odd)
        assert found.results


@pytest.mark.django_db
@override_settings(STORED_PAGES=True)
def test_a_search_is_never_answered_with_a_stored_page(client, reference_content):
    call_command("render_pages", verbosity=0)
    assert not StoredPage.objects.filter(path__contains="search").exists()
    # Even a page stored at the results' address is not what a search gets.
    StoredPage.objects.create(
        path="/en/search/", status=200, headers={}, body=b"stale", gzip=b"", brotli=b"",
        etag='"stale"', release="test",
        rendered_at=StoredPage.objects.first().rendered_at,
    )  # fmt: skip
    response = client.get("/en/search/", {"q": "nps"})
    assert b"stale" not in response.content
    assert "/en/metrics/nps/" in response.text


@pytest.mark.django_db
def test_a_publication_shows_in_the_next_search_despite_the_cache(client, reference_content):
    role = factories.make_role(slug="night-shift-lead", title_en="Night shift lead")
    assert "Nothing matches" in client.get("/en/search/", {"q": "night shift"}).text
    factories.publish(role)
    assert "/en/roles/night-shift-lead/" in client.get("/en/search/", {"q": "night shift"}).text


@pytest.mark.django_db
@pytest.mark.parametrize(("seconds", "kept"), [(600, True), (0, False)])
def test_answers_are_kept_until_the_index_changes_unless_the_setting_says_never(
    client, settings, seconds, kept
):
    from search.models import Document

    settings.SEARCH_CACHE_SECONDS = seconds
    factories.publish(factories.make_role(slug="night-shift-lead", title_en="Night shift lead"))
    asked = [
        ("/en/search/", {"q": "night shift"}),
        ("/api/v1/search", {"q": "night shift", "lang": "en"}),
    ]
    for address, query in asked:
        assert "night-shift-lead" in client.get(address, query).text
    # Documents gone behind the index's back (no publication): a kept answer still names the
    # role; one answered afresh does not.
    Document.objects.all().delete()
    for address, query in asked:
        assert ("night-shift-lead" in client.get(address, query).text) == kept


@pytest.mark.django_db
def test_a_results_other_names_are_listed_as_the_language_lists_alternatives(client):
    role = factories.make_role(
        title_en="Support lead", abbreviation_en="SL", abbreviation_hi="SL",
        title_hi="सहायता प्रमुख",
    )  # fmt: skip
    factories.make_alias(role, name_en="Help desk lead", name_hi="हेल्प डेस्क प्रमुख")
    factories.publish(role)
    english = client.get("/en/search/?q=help+desk").text
    assert "SL or Help desk" in re.sub(r"</?mark>", "", english)
    hindi = client.get("/hi/search/?q=हेल्प").text
    assert "SL या" in re.sub(r"</?mark>", "", hindi)
