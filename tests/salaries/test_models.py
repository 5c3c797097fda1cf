"""The database itself refuses salary bands that cannot be true, on SQLite and PostgreSQL."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories


@pytest.fixture
def role():
    return factories.make_role()


@pytest.mark.django_db
def test_band_with_minimum_equal_to_maximum_is_stored(role):
    band = factories.make_salary_band(role, minimum=50_000, maximum=50_000)
    assert band.pk


@pytest.mark.django_db
def test_database_refuses_minimum_above_maximum(role):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_salary_band(role, minimum=90_000, maximum=70_000)


@pytest.mark.django_db
def test_database_refuses_negative_minimum(role):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_salary_band(role, minimum=-1, maximum=70_000)


@pytest.mark.django_db
def test_database_refuses_an_update_that_breaks_the_range(role):
    band = factories.make_salary_band(role)
    band.maximum = band.minimum - 1
    with pytest.raises(IntegrityError), transaction.atomic():
        band.save()


@pytest.mark.django_db
def test_database_refuses_a_currency_that_is_not_an_iso_code(role):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_salary_band(role, currency="usd")


@pytest.mark.django_db
def test_database_refuses_two_bands_for_the_same_role_location_and_track(role):
    location = factories.make_location()
    factories.make_salary_band(role, location=location)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.make_salary_band(role, location=location)
