"""A page's queries do not grow with the number of roles: the same with 24 and 240."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from content.models import Published

PAGES = [
    "/en/",
    "/en/roles/",
    "/en/families/family-0/",
    "/en/metrics/",
    "/en/salaries/",
    "/en/salaries/without-figures/",
    "/api/v1/roles/?lang=en",
    "/api/v1/salaries/?lang=en",
    "/sitemap.xml",
]


def _queries(client, roles):
    """The queries each of PAGES (and a role's, a letter's and a metric's page) makes with
    `roles` generated roles."""
    call_command("generate_demo_content", "--roles", str(roles), verbosity=0)
    metric = Published.objects.filter(kind="metrics.metric").first().key
    pages = [*PAGES, "/en/roles/role-00002/", "/en/roles/a-z/l/", f"/en/metrics/{metric}/"]
    counts = {}
    for address in pages:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code in (200, 404), address
        counts[address] = len(queries)
    return counts


@pytest.mark.django_db
def test_no_page_makes_more_queries_with_ten_times_the_roles(client):
    with transaction.atomic():
        few = _queries(client, 24)
        transaction.set_rollback(True)
    many = _queries(client, 240)
    assert many == few
