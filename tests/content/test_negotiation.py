"""Which language a reader lands in, and how the choice is remembered."""

import pytest
from django.conf import settings

from tests import factories


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept_language", "language"),
    [
        ("ko-KR,ko;q=0.9,en-US;q=0.8", "ko"),
        ("hi-IN", "hi"),
        ("uk-UA,uk;q=0.9", "uk"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("nn-NO,nn;q=0.9", "nb"),
        ("no;q=0.8, de;q=0.9", "nb"),
        ("fr-FR,fr;q=0.9", "en"),
        ("", "en"),
    ],
)
def test_root_opens_in_the_browsers_language(client, accept_language, language):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/"


@pytest.mark.django_db
def test_remembered_choice_beats_the_browsers_language(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "uk"
    response = client.get("/", headers={"accept-language": "ko"})
    assert response["Location"] == "/uk/"


@pytest.mark.django_db
def test_unprefixed_role_address_redirects_to_the_readers_language(client):
    factories.publish(factories.make_role(slug="support-engineer"))
    response = client.get("/roles/support-engineer/", headers={"accept-language": "hi-IN"})
    assert response.status_code == 302
    assert response["Location"] == "/hi/roles/support-engineer/"


@pytest.mark.django_db
def test_negotiating_redirect_varies_on_accept_language_and_cookie(client):
    response = client.get("/", headers={"accept-language": "ko"})
    vary = {v.strip().lower() for v in response["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary


@pytest.mark.django_db
def test_prefixed_page_does_not_vary_on_accept_language(client):
    response = client.get("/uk/")
    assert "accept-language" not in response.get("Vary", "").lower()
    assert response["Content-Language"] == "uk"


@pytest.mark.django_db
def test_switching_language_on_the_site_is_remembered(client):
    factories.publish(factories.make_role(slug="support-engineer"))
    response = client.get(
        "/uk/roles/support-engineer/",
        headers={"referer": "http://testserver/en/roles/support-engineer/"},
    )
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "uk"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert client.get("/", headers={"accept-language": "ko"})["Location"] == "/uk/"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "referer", ["", "https://kb.example.com/articles/42", "http://testserver/uk/metrics/"]
)
def test_arriving_without_switching_changes_no_remembered_choice(client, referer):
    headers = {"referer": referer} if referer else {}
    response = client.get("/uk/", headers=headers)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("referer", ["http://[", "http://[::1/en/", "https://]x[/hi/"])
def test_a_referer_that_is_not_an_address_is_ignored(client, caplog, referer):
    """urlsplit refuses these; every prefixed page answered 500, stored ones too."""
    factories.publish(factories.make_role(slug="support-engineer"))
    for _ in range(2):  # from the store, then from the process's memory
        response = client.get("/uk/roles/support-engineer/", headers={"referer": referer})
        assert response.status_code == 200
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert [r for r in caplog.records if r.levelname == "ERROR"] == []
