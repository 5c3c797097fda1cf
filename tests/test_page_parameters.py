"""Page parameters as the API's schema and the sitemaps write them, and nothing else
(issue 28, finding 5), with the pages stored as in production."""

import pytest
from django.core.management import call_command
from django.test import override_settings


@pytest.fixture(scope="module")
def _published(django_db_setup, django_db_blocker):
    """A published role, a metric and a location, with their pages stored, as in
    production: made once for the module (the tests only read), removed after it."""
    from tests import factories

    with django_db_blocker.unblock(), override_settings(STORED_PAGES=True):
        role = factories.make_role(slug="support-lead", title_en="Support lead")
        metric = factories.make_metric(code="nps", name_en="NPS score")
        factories.make_role_metric(role, metric)
        factories.make_salary_band(role)
        factories.publish(role)
        yield role
        call_command("flush", "--noinput", verbosity=0)


@pytest.fixture
def stored(_published, db):
    return _published


@pytest.mark.parametrize(
    "address",
    ["/api/v1/roles/", "/api/v1/salaries/", "/api/v1/metrics/nps", "/api/v1/roles/?lang=ko"],
)
@pytest.mark.parametrize("page", ["0", "-1", "\u0661", "x", "100001", "9" * 30])
def test_a_page_parameter_the_schema_refuses_is_refused(client, stored, address, page):
    """?page=0 got page 1 from the stored pages, though the schema says 1 and up."""
    response = client.get(address, {"page": page})
    assert response.status_code == 400, response.content
    message = response.json()["error"]
    assert "page" in message and "lang" not in message


def test_the_first_page_by_its_number_is_the_first_page(client, stored):
    first = client.get("/api/v1/roles/")
    assert client.get("/api/v1/roles/", {"page": "1"}).content == first.content
    assert client.get("/api/v1/roles/", {"page": "2"}).status_code == 404


@pytest.mark.parametrize("p", ["\u0661", "01", "0", "+1", " 1", "1.0"])
def test_a_sitemap_page_is_named_by_one_address(client, stored, p):
    """?p=\\u0661 (an Arabic-Indic digit one) and ?p=01 were taken as page 1."""
    assert client.get("/sitemap-roles.xml", {"p": "1"}).status_code == 200
    assert client.get("/sitemap-roles.xml", {"p": p}).status_code == 404


def test_the_schema_documents_the_servers_limit_on_the_request_line(client, db):
    """gunicorn answers 414 to a request line over 4 KB, before the site sees it."""
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert "414" in operation["responses"], (method, path)
