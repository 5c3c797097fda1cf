import pytest
from django.db import IntegrityError, transaction

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["менеджер", "Customer-Manager", "two--hyphens", "-edge", "a b"])
def test_database_refuses_a_slug_that_is_not_lowercase_ascii(slug):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_role(slug=slug)


@pytest.mark.django_db
def test_a_role_has_at_most_one_section_per_key():
    role = factories.make_role()
    factories.make_section(role, key="overview")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_section(role, key="overview")


@pytest.mark.django_db
def test_items_come_back_in_their_editorial_order():
    role = factories.make_role()
    for order, title in [(3, "third"), (1, "first"), (2, "second")]:
        factories.make_responsibility(role, order=order, title_en=title)
    assert [r.title for r in role.responsibilities.all()] == ["first", "second", "third"]
