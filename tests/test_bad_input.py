"""Whatever a client sends, the answer is a page or a clear refusal: never a server error,
and nothing worth an error in the logs."""

import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content import languages

LANGUAGES = languages.CODES
ALLOWED = {200, 301, 302, 304, 400, 404, 410}

# Odd text: every Unicode category, surrogate escapes, controls, combining marks, RTL marks.
odd_text = st.text(st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["", "..", "%", "%00", "%FF%FE", "%C0%AF", "\u202e", "a\u0301", "👩‍💻", "con", "x" * 3000]
)
slugs = st.sampled_from(["customer-support-manager", "nps", "no-such-thing"]) | odd_text
languages = st.sampled_from([*LANGUAGES, "xx", "EN", "no", "", "zh-Hant"]) | odd_text
TEMPLATES = [
    "/{lang}/", "/{lang}/roles/{slug}/", "/{lang}/metrics/", "/{lang}/metrics/{slug}/",
    "/{lang}/salaries/", "/{lang}/embed/roles/{slug}/", "/{lang}/embed/metrics/{slug}/",
    "/{lang}/linking/", "/{lang}/search/", "/{lang}/opensearch.xml", "/roles/{slug}/",
    "/metrics/{slug}/", "/{slug}", "/api/v1/search",
    "/api/v1/roles/", "/api/v1/roles/{slug}", "/api/v1/metrics/{slug}",
    "/api/v1/salaries/{slug}", "/api/v1/{slug}", "/oembed", "/sitemap.xml", "/robots.txt",
]  # fmt: skip
queries = st.dictionaries(
    st.sampled_from(["lang", "url", "format", "maxwidth", "p", "q", "page"]) | odd_text,
    odd_text,
    max_size=4,
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "accept-language": st.sampled_from(["no", "nn-NO", "*", "ko-KR;q=x", ";;", "en;q=1.5"])
        | st.text(max_size=600),
        "if-none-match": odd_text,
        "if-modified-since": odd_text,
        "referer": odd_text,
    },
)
cookies = st.dictionaries(
    st.sampled_from(["django_language", "sessionid", "csrftoken"]), odd_text, max_size=3
)


def _check(client, caplog, path, query=None, request_headers=None, request_cookies=None):
    caplog.clear()
    client.cookies.clear()
    for name, value in (request_cookies or {}).items():
        client.cookies[name] = value.encode("utf-8", "surrogatepass").decode("latin-1")
    safe_headers = {
        k: v.encode("utf-8", "surrogatepass").decode("latin-1")
        for k, v in (request_headers or {}).items()
    }
    response = client.get(path, query or {}, headers=safe_headers)
    # oEmbed's own protocol answers 501 to a format it does not offer.
    allowed = ALLOWED | {501} if path == "/oembed" else ALLOWED
    assert response.status_code in allowed, (path, query, response.status_code)
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [], [r.getMessage() for r in errors]


def _path(template, lang, slug):
    return template.format(lang=lang, slug=slug).replace("?", "%3F").replace("#", "%23")


@pytest.mark.django_db
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    template=st.sampled_from(TEMPLATES),
    lang=languages,
    slug=slugs,
    query=queries,
    request_headers=headers,
    request_cookies=cookies,
)
def test_any_request_to_a_public_address_gets_a_clear_answer(
    client, reference_content, caplog, template, lang, slug, query, request_headers,
    request_cookies,
):  # fmt: skip
    _check(client, caplog, _path(template, lang, slug), query, request_headers, request_cookies)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/roles/" + "a" * 100_000 + "/",
        "/uk/roles/%FF%FE%FD/",
        "/ko/metrics/%ED%A0%80/",  # an encoded UTF-16 surrogate: not UTF-8
        "/%E2%82/",
        "/api/v1/roles/%C3%28",
        "/" + "%2F" * 5000,
    ],
)
def test_oversized_and_broken_paths_get_a_clear_answer(client, reference_content, caplog, path):
    _check(client, caplog, path)


@pytest.mark.django_db
def test_an_oversized_query_string_gets_a_clear_answer(client, reference_content, caplog):
    _check(client, caplog, "/api/v1/roles/", {f"k{n}": "v" for n in range(12_000)})
    _check(client, caplog, "/en/", {"q": "x" * 1_000_000})
    _check(client, caplog, "/en/search/", {"q": "x" * 1_000_000})
    _check(client, caplog, "/api/v1/search", {"q": "ä " * 500_000, "page": "9" * 5000})


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_only_answer_reads(client, reference_content, method):
    response = getattr(client, method)("/en/roles/customer-support-manager/")
    assert response.status_code in {403, 405}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/roles/%00",
        "/api/v1/metrics/a%00b",
        "/api/v1/salaries/%00x",
        "/oembed?url=%00",
        "/en/search/?q=%00",
        "/api/v1/search?q=a%00b&page=%00",
    ],
)
def test_nul_bytes_never_reach_the_database(client, reference_content, caplog, path):
    """PostgreSQL refuses text with NUL bytes; found by the property test above."""
    _check(client, caplog, path)
