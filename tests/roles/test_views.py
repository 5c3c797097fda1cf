"""The index: every role, grouped by family, in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests import factories
from tests.html import Page


@pytest.mark.django_db
def test_index_lists_every_role_under_its_family_in_the_readers_language(client):
    support = factories.make_family(name_en="Support", name_uk="Підтримка", order=1)
    sales = factories.make_family(name_en="Sales", order=2)
    factories.make_role(family=support, title_en="Support manager", title_uk="Менеджер підтримки")
    executive = factories.make_role(family=sales, title_en="Account executive")
    factories.publish(*Role.objects.filter(pk__lte=executive.pk))
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
