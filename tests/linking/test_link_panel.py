"""The "Link and embed" panel of role and metric pages, and the outdated notice's link."""

import json
from urllib.parse import parse_qs, urlsplit

import lxml.html
import pytest

from content import languages
from roles.models import Role
from tests.html import Page

LANGUAGES = languages.CODES
CSM = "customer-support-manager"
SITE = "http://testserver"


def _element(html, start):
    """The markup from `start` (an opening tag's beginning) to its element's end."""
    begin = html.index(start)
    tag = start[1:].split()[0]
    return html[begin : html.index(f"</{tag}>", begin) + len(tag) + 3]


def _panel(client, path):
    response = client.get(path)
    assert response.status_code == 200
    panel = Page(_element(response.text, '<aside class="share" id="link-and-embed"'))
    return panel, [c["text"] for c in panel.find_all("code")]


def _local(url):
    return url.removeprefix(SITE)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "kind, key, first_section",
    [("roles", CSM, "overview"), ("metrics", "nps", "calculation")],
)
def test_each_role_and_metric_page_offers_its_addresses_and_card(
    client, reference_content, language, kind, key, first_section
):
    _panel_element, (permanent, section, iframe, oembed) = _panel(
        client, f"/{language}/{kind}/{key}/"
    )
    assert permanent == f"{SITE}/{kind}/{key}/"
    assert section == f"{SITE}/{kind}/{key}/#{first_section}"
    # The permanent link leads to the page in the reader's language.
    assert client.get(_local(permanent), HTTP_ACCEPT_LANGUAGE=language)["Location"] == (
        f"/{language}/{kind}/{key}/"
    )
    # The snippet is shown as text, and frames this page's card in this language.
    frame = Page(iframe).find("iframe")["attrs"]
    assert frame["src"] == f"{SITE}/{language}/embed/{kind}/{key}/"
    assert client.get(_local(frame["src"])).status_code == 200
    # oEmbed for this very page answers with the same card.
    query = parse_qs(urlsplit(oembed).query)
    assert query["url"] == [f"{SITE}/{language}/{kind}/{key}/"]
    answer = client.get(_local(oembed).split("?")[0], {k: v[0] for k, v in query.items()})
    assert answer.status_code == 200
    assert Page(json.loads(answer.content)["html"]).find("iframe")["attrs"] == frame


@pytest.mark.django_db
def test_the_snippet_escapes_a_title_with_quotes(client, reference_content):
    from tests import factories

    role = factories.make_role(slug="quoted", title_en='Support "Lead" onload="alert(1)')
    factories.publish(role)
    response = client.get("/en/roles/quoted/")
    page = Page(response.text)
    snippet = next(c["text"] for c in page.find_all("code") if c["text"].startswith("<iframe"))
    frame = Page(snippet).find("iframe")["attrs"]
    assert frame["title"] == 'Support "Lead" onload="alert(1)'
    assert "onload" not in frame
    assert not page.find("iframe")


@pytest.mark.django_db
def test_the_panel_uses_the_site_address_not_the_requests(client, reference_content, settings):
    settings.SITE_URL = "https://roles.example.org"
    _panel_element, codes = _panel(client, f"/en/roles/{CSM}/")
    assert codes[0] == f"https://roles.example.org/roles/{CSM}/"
    assert all("testserver" not in code for code in codes)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["hi", "uk", "ko", "nb"])
def test_an_outdated_sections_notice_links_to_that_section_in_english(
    client, reference_content, language
):
    from tests import factories

    role = Role.objects.get(slug=CSM)
    section = role.sections.get(key="overview")
    section.body_en = section.body_en + " One more sentence."
    section.save()
    factories.publish(role, languages=["en"])
    html = client.get(f"/{language}/roles/{CSM}/").text
    notice = Page(_element(_element(html, '<section id="overview"'), '<p class="notice outdated"'))
    link = notice.find("a")["attrs"]
    assert link["href"] == f"/en/roles/{CSM}/#overview"
    assert link["hreflang"] == "en"
    english = Page(client.get(link["href"].split("#")[0]).text)
    assert english.find("section", id="overview")
    # Only the outdated section has the notice.
    assert html.count('class="notice outdated"') == 1


@pytest.mark.django_db
def test_the_guides_examples_use_a_role_published_in_every_language(client, reference_content):
    from tests import factories

    # A new role, first in editorial order, in English alone.
    newest = factories.make_role(slug="community-operations-lead", order=0)
    Role.objects.exclude(pk=newest.pk).update(order=10)
    factories.publish(newest, *Role.objects.exclude(pk=newest.pk))
    for language in LANGUAGES:
        codes = [c["text"] for c in Page(client.get(f"/{language}/linking/").text).find_all("code")]
        assert f"{SITE}/roles/{CSM}/" in codes
        assert not any("community-operations-lead" in code for code in codes)
        # Each example is offered for copying (an address that is a link, the licence's, is
        # followed, not copied).
        page = lxml.html.document_fromstring(client.get(f"/{language}/linking/").text)
        examples = page.xpath("//code[not(ancestor::a)]")
        assert examples and all("copyable" in c.get("class", "") for c in examples)


@pytest.mark.django_db
def test_the_guide_says_whom_to_ask_to_allow_a_site(client, reference_content, settings):
    settings.EDITORS_CONTACT = ""
    text = client.get("/en/linking/").text
    assert "the “Editors” group" in text
    assert "ask us" not in text
    settings.EDITORS_CONTACT = "editors@roles.example.org"
    text = client.get("/en/linking/").text
    assert '<a href="mailto:editors@roles.example.org">editors@roles.example.org</a>' in text
