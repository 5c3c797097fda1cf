"""Pages of a list: each a page of the published objects in editorial order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.published import in_order, reading_once
from roles.models import Role, RoleFamily
from salaries.models import Location

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "linking", [None, True, False, "family"], ids=["all", "with figures", "without", "family"]
)
def test_the_pages_of_a_list_rendered_together_count_it_once(reference_content, linking):
    """A count of the whole list on each of its pages grew with the site: 400 pages of the
    salaries at 10,000 roles, each counting every role with figures."""
    if linking == "family":  # the roles of one family
        options = {"linking_to": RoleFamily.objects.get()}
    else:
        options = {} if linking is None else {"linking_to": Location, "linking": linking}
    alone = [in_order(Role, page=page, size=1, **options) for page in (1, 2)]
    with reading_once(), CaptureQueriesContext(connection) as queries:
        together = [in_order(Role, page=page, size=1, **options) for page in (1, 2)]
    assert [([p.key for p in rows], total) for rows, total in together] == [
        ([p.key for p in rows], total) for rows, total in alone
    ]
    counts = [q["sql"] for q in queries if q["sql"].startswith("SELECT COUNT(*)")]
    assert len(counts) == 1, counts
