"""What the third hostile probe found (issue 28): each answer here was a 500, or a page
that contradicted the schema, before."""

import logging
import re
from urllib.parse import unquote

import pytest
from django.urls import reverse
from django.utils import translation

from content import languages
from content.models import PublishedTitle

CSM = "customer-support-manager"
# Page 0 (Django's slicing refuses a negative offset) and numbers past a 64-bit integer
# (the databases refuse the offset) named no page, but reached the query.
BAD_PAGES = ["0", "00", "01", "9223372036854775807", "9223372036854775808", "9" * 40]
LISTS = [
    "/en/", "/en/salaries/", "/en/salaries/without-figures/", "/en/roles/a-z/c/",
    "/en/families/customer-support-and-success/", "/en/metrics/nps/",
]  # fmt: skip


def _errors(caplog):
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.django_db
@pytest.mark.parametrize("page", BAD_PAGES)
@pytest.mark.parametrize("address", LISTS)
def test_a_page_number_naming_no_page_is_not_found(
    client, reference_content, caplog, address, page
):
    response = client.get(f"{address}{page}/")
    assert response.status_code == 404, (address, page)
    assert _errors(caplog) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    ["/en/roles/a-z/%00/", "/en/roles/a-z/%00/2/", "/uk/roles/a-z/c%00/", "/en/roles/a-z/%01/"],
)
def test_a_letter_with_a_nul_byte_is_not_found(client, reference_content, caplog, address):
    """PostgreSQL refuses text with NUL bytes; SQLite answered 404, PostgreSQL 500."""
    assert client.get(address).status_code == 404
    assert _errors(caplog) == []


@pytest.mark.django_db
def test_a_nul_byte_in_the_translation_overview_search_is_ignored(admin_client, caplog):
    response = admin_client.get("/admin/translations/", {"q": "a\x00b"})
    assert response.status_code == 200
    assert _errors(caplog) == []


def _links(html):
    """(hreflang links, the language switcher's links, og:locale:alternate) of a page."""
    hreflang = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', html)
    switcher = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    return (
        hreflang,
        re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher),
        re.findall(r'og:locale:alternate" content="([^"]+)"', html),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", languages.CODES)
def test_a_letter_page_links_only_to_pages_that_exist(client, reference_content, language):
    """/en/roles/a-z/c/ linked /hi/roles/a-z/c/ (404) and /roles/a-z/c/ (a redirect to a
    404): a letter belongs to one language's alphabet. The switcher now leads to the other
    languages' A to Z, and hreflang names the page alone (issue 28, finding 6)."""
    initials = PublishedTitle.objects.filter(language=language).values_list("initial", flat=True)
    assert initials
    for initial in set(initials):
        with translation.override(language):
            address = reverse("roles:role-letter", args=[initial])
        page = client.get(address)
        assert page.status_code == 200
        hreflang, switcher, og_alternates = _links(page.text)
        assert hreflang == [(language, f"http://testserver{unquote(address)}")]
        assert og_alternates == []
        for path, code in switcher:
            assert path == (unquote(address) if code == language else f"/{code}/roles/"), path
            assert client.get(path).status_code == 200
        assert "its own alphabet" in page.text or language != "en"


def _description(html):
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    return found[0] if found else None


@pytest.mark.django_db
@pytest.mark.parametrize("language", languages.CODES)
def test_search_and_embed_pages_have_a_description_and_embeds_say_noindex(
    client, reference_content, language
):
    """Lighthouse's SEO audit scored them 54 and 58: no meta description (issue 28,
    finding 10). Search pages stay noindex; embeds now say so in a header too."""
    for address in (f"/{language}/embed/roles/{CSM}/", f"/{language}/embed/metrics/nps/"):
        response = client.get(address)
        assert _description(response.text), address
        assert response["X-Robots-Tag"] == "noindex"
        assert '<meta name="robots" content="noindex">' in response.text
    for query in ("nps", "no such thing at all"):
        response = client.get(f"/{language}/search/", {"q": query})
        assert _description(response.text)
        assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("limits", "thumbnail"),
    [
        ({}, True),
        ({"maxwidth": "100", "maxheight": "50"}, False),
        ({"maxwidth": "600"}, False),
        ({"maxheight": "629"}, False),
        ({"maxwidth": "1200", "maxheight": "630"}, True),
        ({"maxwidth": "9" * 5000}, True),
        ({"maxwidth": "000100"}, False),
        ({"maxwidth": "x"}, False),
    ],
)
def test_the_oembed_thumbnail_respects_maxwidth_and_maxheight(
    client, reference_content, limits, thumbnail
):
    """It gave 1200 x 630 to a consumer asking for 100 x 50, which the specification forbids
    (issue 28, finding 11, found with micawber): it is left out when it would not fit."""
    url = f"http://testserver/en/roles/{CSM}/"
    data = client.get("/oembed", {"url": url, **limits}).json()
    assert ("thumbnail_url" in data) is thumbnail
    if thumbnail:
        assert data["thumbnail_width"] <= int(limits.get("maxwidth", "1000000")[:7])
        assert data["thumbnail_height"] <= int(limits.get("maxheight", "1000000"))
    else:
        assert "thumbnail_width" not in data and "thumbnail_height" not in data
    assert data["width"] <= 480 and data["height"] <= 360


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["customer support", "customer support manager"])
def test_highlighted_words_keep_the_space_between_them(client, reference_content, query):
    """<mark>Customer</mark><mark>Support</mark> copied as "CustomerSupport": the page's
    spaceless dropped the space between two marks (issue 28, finding 12)."""
    html = client.get("/en/search/", {"q": query}).text
    assert "<mark>" in html and "</mark><mark>" not in html
    assert "Customer Support Manager" in re.sub(r"</?mark>", "", html)
    assert f"<mark>{query}</mark>" in html.lower()


def _sitemap(client, address):
    return re.findall(r"<url>(.*?)</url>", client.get(address).content.decode(), re.S)


@pytest.mark.django_db
def test_every_sitemap_address_has_a_date_and_no_list_is_left_out(client, reference_content):
    """sitemap-pages.xml and sitemap-families.xml had no lastmod; the roles without figures
    and the letter pages were in no sitemap (issue 28, finding 12)."""
    index = client.get("/sitemap.xml").content.decode()
    sections = re.findall(r"<loc>http://testserver(/sitemap-[a-z]+\.xml)</loc>", index)
    assert "/sitemap-letters.xml" in sections
    listed = []
    for section in sections:
        for url in _sitemap(client, section):
            assert "<lastmod>" in url, (section, url)
            listed.append(unquote(re.search(r"<loc>http://testserver([^<]+)</loc>", url)[1]))
    for language in languages.CODES:
        assert f"/{language}/salaries/without-figures/" in listed
        for initial in PublishedTitle.objects.filter(language=language).values_list(
            "initial", flat=True
        ):
            assert f"/{language}/roles/a-z/{initial}/" in listed
    letters = [url for url in listed if "/a-z/" in url]
    assert all(client.get(url).status_code == 200 for url in letters)


def _addresses_in(data):
    """Every address the API root names, those it lists per language (downloads, feeds)
    included."""
    for value in data.values():
        yield from _addresses_in(value) if isinstance(value, dict) else [value]


@pytest.mark.django_db
def test_the_api_root_points_to_the_schema_and_its_documentation(client):
    """/api/v1/ answered 404 (issue 28, finding 12)."""
    response = client.get("/api/v1/")
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "http://testserver/api/v1/openapi.json"
    assert data["docs"] == "http://testserver/api/v1/docs"
    for address in _addresses_in(data):
        assert client.get(address.removeprefix("http://testserver")).status_code == 200
    docs = client.get("/api/v1/docs").text
    assert '<html lang="en">' in docs


@pytest.mark.django_db
@pytest.mark.parametrize("language", languages.CODES)
def test_the_opensearch_short_name_is_whole_words_of_at_most_16_characters(client, language):
    """The Ukrainian one was cut mid-word: «Довідник професі» (issue 28, finding 12)."""
    xml = client.get(f"/{language}/opensearch.xml").content.decode()
    short = re.search(r"<ShortName>([^<]*)</ShortName>", xml)[1]
    assert 0 < len(short) <= 16
    with translation.override(language):
        full = str(translation.gettext("Role reference"))
    assert set(short.split()) <= set(full.split()), (short, full)
