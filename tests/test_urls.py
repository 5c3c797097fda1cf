import pytest
from django.urls import resolve, reverse
from django.utils import translation

from content import languages
from tests import factories

LANGUAGES = languages.CODES


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("roles:index", {}, ""),
        (
            "articles:role-detail",
            {"slug": "customer-support-manager"},
            "roles/customer-support-manager/",
        ),
        ("metrics:metric-list", {}, "metrics/"),
        ("metrics:metric-detail", {"code": "nps"}, "metrics/nps/"),
        ("salaries:salary-list", {}, "salaries/"),
    ],
)
def test_public_urls_carry_the_language_prefix(language, name, kwargs, path):
    with translation.override(language):
        url = reverse(name, kwargs=kwargs)
        assert resolve(url).url_name == name.split(":")[1]
    assert url == f"/{language}/{path}"


def test_admin_has_no_language_prefix():
    assert reverse("admin:index") == "/admin/"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_index_answers_in_every_language(client, language):
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}"' in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_page_answers_under_every_language_prefix(client, language):
    role = factories.make_role(slug="customer-support-manager")
    factories.publish(role)
    response = client.get(f"/{language}/roles/{role.slug}/")
    assert response.status_code == 200


@pytest.mark.django_db
def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"


@pytest.mark.django_db
def test_unknown_language_prefix_is_not_found(client):
    assert client.get("/fr/").status_code == 404
