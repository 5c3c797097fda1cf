"""Demo content for measuring: generated, published, deterministic, never mixed with real."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from content.models import Published
from roles.models import Role
from search import index as search_index
from search.query import search
from tests import factories


def _snapshot():
    return sorted(Published.objects.values_list("kind", "key", "head", "parts"), key=str)


@pytest.mark.django_db
def test_demo_content_is_generated_and_published_in_every_language():
    call_command("generate_demo_content", "--roles", "12", verbosity=0)
    assert Role.objects.count() == 12
    assert Published.objects.filter(kind="roles.role").count() == 12
    role = Role.objects.get(slug="role-00003")
    assert role.title_en
    assert 5 <= role.responsibilities.count() <= 30
    assert role.role_metrics.count() >= 5
    # Like real content, some translations are missing and some outdated.
    responsibilities = [r for role in Role.objects.all() for r in role.responsibilities.all()]
    assert any(r.title_uk is None for r in responsibilities)
    assert any(r.outdated for r in responsibilities)
    # Searchable as soon as published, as publishing makes it, in every language.
    assert not search_index.outdated()
    outcome = search(role.title_en, "en")
    assert outcome.results[0].path == "/en/roles/role-00003/"


@pytest.mark.django_db
def test_the_same_roles_and_seed_give_the_same_content():
    # A savepoint rolled back empties the database on both engines; flush cannot truncate
    # tables with deferred constraint checks pending inside PostgreSQL's test transaction.
    with transaction.atomic():
        call_command("generate_demo_content", "--roles", "6", "--seed", "3", verbosity=0)
        first = [
            (k, key, head["title_ko"]) for k, key, head, _parts in _snapshot() if k == "roles.role"
        ]
        transaction.set_rollback(True)
    assert not Role.objects.exists()
    call_command("generate_demo_content", "--roles", "6", "--seed", "3", verbosity=0)
    again = [
        (k, key, head["title_ko"]) for k, key, head, _parts in _snapshot() if k == "roles.role"
    ]
    assert first == again


@pytest.mark.django_db
def test_demo_content_never_goes_into_a_database_with_content():
    factories.make_role()
    with pytest.raises(CommandError, match="already holds content"):
        call_command("generate_demo_content", "--roles", "3", verbosity=0)
    assert Role.objects.count() == 1
