import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content import languages
from tests import factories
from tests.html import Page

LANGUAGES = languages.CODES
CODES = ["nps", "csat", "first-response-time", "handle-time", "ticket-resolution-rate",
         "employee-engagement", "churn-rate"]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_metric_list_links_every_metric(client, reference_content, language):
    response = client.get(f"/{language}/metrics/")
    page = Page(response.text)
    for code in CODES:
        assert page.find("a", href=f"/{language}/metrics/{code}/")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
def test_metric_page_explains_the_metric_and_names_its_roles(
    client, reference_content, language, code
):
    from metrics.models import Metric

    metric = Metric.objects.get(code=code)
    response = client.get(f"/{language}/metrics/{code}/")
    assert response.status_code == 200
    page = Page(response.text)
    assert page.find("h1")["text"].startswith(getattr(metric, f"name_{language}"))
    assert getattr(metric, f"calculation_{language}")[:40] in response.text
    assert page.ids("section") == ["calculation", "facts"]
    for role_metric in metric.role_metrics.select_related("role"):
        assert page.find("a", href=f"/{language}/roles/{role_metric.role.slug}/")


@pytest.mark.django_db
def test_metric_page_shows_direction_and_the_per_role_note(client, reference_content):
    response = client.get("/en/metrics/employee-engagement/")
    assert "Higher is better" in response.text
    assert "People managers only" in response.text
    assert "Lower is better" in client.get("/en/metrics/handle-time/").text


@pytest.mark.django_db
def test_unknown_metric_is_not_found(client):
    assert client.get("/en/metrics/no-such-metric/").status_code == 404


@pytest.mark.django_db
def test_metric_list_runs_a_fixed_number_of_queries(client, settings):
    settings.STORED_PAGES = False  # rendered on request: its own queries, not the store's
    for _ in range(3):
        metric = factories.make_metric()
        for _ in range(4):
            role = factories.make_role()
            factories.make_role_metric(role, metric)
            factories.publish(role)
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/metrics/")
    assert len(queries) <= 2
