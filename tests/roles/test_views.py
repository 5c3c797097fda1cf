"""The index: every role, grouped by family, in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.html import Page


@pytest.mark.django_db
def test_index_lists_every_role_under_its_family_in_the_readers_language(client):
    support = factories.make_family(name_en="Support", name_uk="Підтримка", order=1)
    sales = factories.make_family(name_en="Sales", order=2)
    factories.make_role(family=support, title_en="Support manager", title_uk="Менеджер підтримки")
    factories.make_role(family=sales, title_en="Account executive")
    page = Page(client.get("/uk/").text)
    families = [
        h["text"] for h in page.find_all("h2") if h["attrs"].get("id", "").startswith("family-")
    ]
    assert families[0] == "Підтримка"
    assert families[1].startswith("Sales")  # not translated yet: in English, marked
    titles = [a["text"] for a in page.find_all("a") if "/uk/roles/" in a["attrs"].get("href", "")]
    assert titles[0] == "Менеджер підтримки"
    assert titles[1].startswith("Account executive")
    assert page.find("a", href="/uk/metrics/") and page.find("a", href="/uk/salaries/")


@pytest.mark.django_db
def test_index_runs_a_fixed_number_of_queries(client):
    for _ in range(5):
        factories.make_role()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert len(queries) <= 3


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "hi", "uk", "ko", "nb"])
def test_index_title_names_the_site_once(client, language):
    title = Page(client.get(f"/{language}/").text).find("title")["text"]
    assert title and "·" not in title


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/no-such-page/", "/ko/roles/no-such-role/"])
def test_error_pages_are_noindex_and_point_nowhere(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = Page(response.text)
    assert page.find("meta", name="robots")["attrs"]["content"] == "noindex"
    assert not page.find("link", rel="canonical")
    assert not page.find("link", rel="alternate")
    assert not page.find("meta", property="og:title")
    assert "·" in page.find("title")["text"]


@pytest.mark.django_db
def test_the_page_of_a_removed_role_is_noindex_and_points_nowhere(client):
    from roles.services import role_slug_record

    role = factories.make_role(slug="support-engineer")
    role_slug_record(role=role)
    role.delete()
    response = client.get("/en/roles/support-engineer/")
    assert response.status_code == 410
    page = Page(response.text)
    assert page.find("meta", name="robots")["attrs"]["content"] == "noindex"
    assert not page.find("link", rel="canonical") and not page.find("link", rel="alternate")
