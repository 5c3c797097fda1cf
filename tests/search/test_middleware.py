"""Search answers given lately are served again from the server's memory, as they were, until
the index changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize("address", ["/ko/search/?q=nps", "/api/v1/search?q=nps&lang=ko"])
def test_a_search_asked_again_is_answered_from_memory_without_the_database(
    client, reference_content, django_assert_num_queries, address
):
    first = client.get(address)
    with django_assert_num_queries(0):
        again = client.get(address)
    assert again.status_code == 200
    assert again.content == first.content
    assert "/ko/metrics/nps/" in again.text
    for header in ["Content-Type", "Content-Language", "Content-Security-Policy", "ETag"]:
        assert again[header] == first[header], header


@pytest.mark.django_db
def test_an_answer_kept_is_not_given_for_another_query_or_page(client, reference_content):
    assert "/en/metrics/nps/" in client.get("/en/search/?q=nps").text
    other = client.get("/en/search/?q=csat")
    assert "/en/metrics/csat/" in other.text
    assert "/en/metrics/nps/" not in other.text


@pytest.mark.django_db
def test_an_answer_chosen_by_the_readers_language_is_not_given_to_another_reader(
    client, reference_content
):
    korean = client.get("/api/v1/search?q=nps", headers={"accept-language": "ko"})
    norwegian = client.get("/api/v1/search?q=nps", headers={"accept-language": "nb"})
    assert korean.json()["language"] == "ko"
    assert norwegian.json()["language"] == "nb"


@pytest.mark.django_db
def test_a_publication_makes_every_kept_answer_forgotten(client, reference_content):
    assert "Nothing matches" in client.get("/en/search/?q=night+shift").text
    factories.publish(factories.make_role(slug="night-shift-lead", title_en="Night shift lead"))
    assert "/en/roles/night-shift-lead/" in client.get("/en/search/?q=night+shift").text


@pytest.mark.django_db
def test_answers_are_kept_no_longer_than_the_setting_says(client, reference_content, settings):
    settings.SEARCH_CACHE_SECONDS = 600
    client.get("/en/search/?q=nps")
    settings.SEARCH_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as queries:
        assert "/en/metrics/nps/" in client.get("/en/search/?q=nps").text
    assert len(queries) > 0  # answered afresh: it read the index


DECODE = {"br": __import__("brotli").decompress, "gzip": __import__("gzip").decompress}


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["br", "gzip"])
@pytest.mark.parametrize(
    "address", ["/ko/search/?q=nps", "/api/v1/search?q=nps&lang=ko", "/api/v1/openapi.json"]
)
def test_search_answers_and_the_schema_are_sent_compressed_and_kept_so(
    client, reference_content, django_assert_num_queries, address, encoding
):
    """They were sent uncompressed, without Vary: Accept-Encoding (issue 28: Lighthouse
    counted 5-8 KiB lost per results page; the schema is 17 KB)."""
    plain = client.get(address)
    assert plain.get("Content-Encoding") is None
    assert "Accept-Encoding" in plain["Vary"]
    first = client.get(address, headers={"accept-encoding": f"{encoding}, identity;q=0.5"})
    assert first["Content-Encoding"] == encoding
    assert "Accept-Encoding" in first["Vary"]
    assert DECODE[encoding](first.content) == plain.content
    assert len(first.content) < len(plain.content)
    assert first["ETag"] != plain["ETag"]
    again = client.get(address, headers={"accept-encoding": encoding})
    assert again.content == first.content and again["ETag"] == first["ETag"]
    refused = client.get(address, headers={"accept-encoding": f"{encoding};q=0"})
    assert refused.get("Content-Encoding") is None
