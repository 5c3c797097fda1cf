"""What a program reads of the reference besides its pages: the Atom feed of what was
published (read with feedparser), the downloads of the whole reference (JSON-LD through
pyld, CSV through the csv module, both matching the API), and the link-preview cards."""

import csv
import gzip
import io
import json
from pathlib import Path

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pyld import jsonld

from content.languages import CODES
from publishing.downloads import _articles
from publishing.services import content_publish
from roles.models import Role
from tests import factories
from tests.linking.test_structured_data import VOCABULARY, Vocabulary

CONTEXT = Path(__file__).parent / "schemaorg" / "schemaorgcontext-30.0.jsonld.gz"
SCHEMA = "http://schema.org/"
CSM = "customer-support-manager"


@pytest.fixture(scope="module")
def schema_org_context():
    with gzip.open(CONTEXT) as context:
        return json.load(context)


@pytest.fixture
def offline_loader(schema_org_context):
    """pyld reads the schema.org context from the copy kept here, never the network."""

    def load(url, options=None):
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contextUrl": None, "documentUrl": url, "document": schema_org_context}
        raise jsonld.JsonLdError(f"Not loaded in tests: {url}", "loading document failed")

    previous = jsonld.get_document_loader()
    jsonld.set_document_loader(load)
    yield
    jsonld.set_document_loader(previous)


def test_the_feed_is_atom_and_lists_a_publication_made_now(client, reference_content, db):
    role = Role.objects.get(slug=CSM)
    role.summary_en = "A manager of customer support, in a sentence written by this test."
    role.save()
    content_publish(obj=role, languages=["en"])

    feed = feedparser.parse(client.get("/en/feed/").content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    newest = feed.entries[0]
    assert newest.title == "Changed: Customer Support Manager"
    assert "summary" in newest.summary
    # It links to the version published then: what the reader of the feed saw changed.
    assert newest.link.startswith(f"http://testserver/en/roles/{CSM}/versions/")
    assert client.get(newest.link.removeprefix("http://testserver")).status_code == 200

    role.summary_ko = "이 테스트가 쓴 요약."
    role.save()
    content_publish(obj=role, languages=["ko"])
    korean_change = feedparser.parse(client.get("/ko/feed/").content).entries[0]
    assert korean_change.summary == "바뀐 내용: 직무: 요약."

    # Readers of Korean saw nothing change when English only was published.
    korean = feedparser.parse(client.get("/ko/feed/").content)
    assert not korean.bozo and korean.feed.language == "ko"
    assert newest.link.replace("/en/", "/ko/") not in {e.link for e in korean.entries}
    assert korean.entries, "the first publications of the reference are listed"


def test_the_feed_reads_the_newest_publications_without_sorting_them_all(
    client, reference_content, db
):
    """Every publication renders the feed: its queries follow an index to the newest rows
    (at 1,000 roles, reading and sorting every publication took 32 ms, and when each kind
    was last published 28 ms, where the indexes take under a millisecond)."""
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL plans by its statistics of each table: the plans read on SQLite")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/en/feed/").status_code == 200
    plans = {}
    with connection.cursor() as cursor:
        for query in captured.captured_queries:
            if query["sql"].startswith("SELECT"):
                cursor.execute(f"EXPLAIN QUERY PLAN {query['sql']}")
                plans[query["sql"]] = [row[-1] for row in cursor.fetchall()]
    assert plans
    # A sort of what was read, or a read of a whole table not along an index.
    whole = {
        sql: steps
        for sql, steps in plans.items()
        if any("TEMP B-TREE" in s or (s.startswith("SCAN") and "INDEX" not in s) for s in steps)
    }
    assert whole == {}
    # When each kind was last published: read from an index alone, not from every row of it.
    latest = [steps for sql, steps in plans.items() if 'MAX("content_published"' in sql]
    assert latest and all("COVERING INDEX" in " ".join(steps) for steps in latest), latest


@pytest.mark.parametrize("language", CODES)
def test_every_page_links_the_feed_of_its_language(client, reference_content, db, language):
    for path in (f"/{language}/", f"/{language}/roles/{CSM}/", f"/{language}/metrics/nps/"):
        html = client.get(path).text
        assert f'<link rel="alternate" type="application/atom+xml" href="/{language}/feed/"' in html


def _api_roles(client, language):
    listing = client.get("/api/v1/roles/", {"lang": language}).json()
    items = listing["items"] if isinstance(listing, dict) else listing
    return {
        item["slug"]: client.get(f"/api/v1/roles/{item['slug']}", {"lang": language}).json()
        for item in items
    }


def _api_metrics(client, language):
    listing = client.get("/api/v1/metrics/", {"lang": language}).json()
    return listing["items"] if isinstance(listing, dict) else listing


@pytest.mark.parametrize("language", ["en", "hi"])
def test_the_json_ld_download_reads_as_linked_data_and_matches_the_api(
    client, reference_content, db, offline_loader, language
):
    response = client.get(f"/{language}/downloads/reference.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert 'rel="license"' in response["Link"]
    document = json.loads(response.content)
    # The same vocabulary as the pages', and what Google asks of a Dataset.
    assert Vocabulary(VOCABULARY).problems(document, "download") == []
    (dataset_node,) = [n for n in document["@graph"] if n["@type"] == "Dataset"]
    assert dataset_node["name"] and 50 <= len(dataset_node["description"]) <= 5000
    assert dataset_node["license"] and dataset_node["distribution"] and dataset_node["url"]
    expanded = jsonld.expand(document)
    by_type = {}
    for node in expanded:
        for kind in node.get("@type", []):
            by_type.setdefault(kind.removeprefix(SCHEMA), []).append(node)
    (dataset,) = by_type["Dataset"]
    assert dataset[f"{SCHEMA}license"][0]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert dataset[f"{SCHEMA}dateModified"] and dataset[f"{SCHEMA}version"]

    def value(node, name):
        return [v.get("@value", v.get("@id")) for v in node.get(f"{SCHEMA}{name}", [])]

    occupations = {value(node, "url")[0]: node for node in by_type["Occupation"]}
    api = _api_roles(client, language)
    assert len(occupations) == len(api) == 2
    for slug, role in api.items():
        node = occupations[f"http://testserver/{language}/roles/{slug}/"]
        assert value(node, "name") == [role["title"]]
        assert value(node, "description") == [role["summary"]]
        responsibilities = value(node, "responsibilities")
        assert responsibilities == [r["title"] for r in role["responsibilities"]]
        salaries = node.get(f"{SCHEMA}estimatedSalary", [])
        figures = sorted((value(s, "minValue")[0], value(s, "maxValue")[0]) for s in salaries)
        assert figures == sorted((b["minimum"], b["maximum"]) for b in role["salary_bands"])
    (metrics,) = by_type["DefinedTermSet"]
    assert len(metrics[f"{SCHEMA}hasDefinedTerm"]) == len(_api_metrics(client, language))


def test_the_csv_downloads_parse_and_match_the_api(client, reference_content, db):
    def rows(name, language="uk"):
        response = client.get(f"/{language}/downloads/{name}.csv")
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        return list(csv.DictReader(io.StringIO(response.content.decode())))

    api = _api_roles(client, "uk")
    roles = {row["slug"]: row for row in rows("roles")}
    assert set(roles) == set(api)
    for slug, role in api.items():
        assert roles[slug]["title"] == role["title"]
        assert roles[slug]["version_url"].startswith(f"http://testserver/uk/roles/{slug}/versions/")
        duties = [r for r in rows("responsibilities") if r["role"] == slug]
        assert [d["title"] for d in duties] == [r["title"] for r in role["responsibilities"]]
        bands = [r for r in rows("salary-bands") if r["role"] == slug]
        assert sorted((int(b["minimum"]), int(b["maximum"]), b["location"]) for b in bands) == (
            sorted(
                (b["minimum"], b["maximum"], b["location"]["slug"]) for b in role["salary_bands"]
            )
        )
    metrics = _api_metrics(client, "uk")
    assert [row["name"] for row in rows("metrics")] == [m["name"] for m in metrics]
    assert client.get("/uk/downloads/nothing.csv").status_code == 404


def test_the_downloads_read_the_reference_in_the_same_queries_however_many_roles(
    reference_content, db
):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            articles = _articles("ko")
        return len(captured), len(articles)

    before, roles = queries()
    family = Role.objects.get(slug=CSM).family
    for n in range(3):
        role = factories.make_role(slug=f"extra-{n}", family=family)
        factories.make_responsibility(role)
        content_publish(obj=role, languages=["en"])
    assert queries() == (before, roles + 3)


def test_the_api_root_announces_the_downloads_and_feeds(client, db):
    root = client.get("/api/v1/").json()
    assert root["downloads"]["nb"]["reference.jsonld"] == (
        "http://testserver/nb/downloads/reference.jsonld"
    )
    assert set(root["downloads"]["ko"]) >= {"roles.csv", "salary-bands.csv"}
    assert root["feeds"]["hi"] == "http://testserver/hi/feed/"


def test_a_card_gives_a_links_preview_to_any_site(client, reference_content, db):
    response = client.get(f"/ko/roles/{CSM}/card.json", headers={"origin": "https://kb.test"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    card = response.json()
    assert card["title"] == "고객 지원 관리자" and card["language"] == "ko"
    assert card["summary"] and card["sections"]["salary"]["text"]
    assert len(card["sections"]["salary"]["text"]) <= 241
    metric = client.get("/nb/metrics/nps/card.json").json()
    assert metric["title"] and metric["sections"]["calculation"]["text"]
    missing = client.get("/hi/roles/no-such-role/card.json")
    assert missing.status_code == 404 and missing.json()["error"]
