"""The full-page cache: fast for readers, never stale after a change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from roles.models import Role

CSM = "customer-support-manager"


def queries_for(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize("url", [f"/hi/roles/{CSM}/", "/ko/metrics/nps/", "/api/v1/roles/?lang=uk"])
def test_a_repeated_anonymous_request_is_answered_from_the_cache(client, reference_content, url):
    first, queries = queries_for(client, url)
    assert queries > 0
    second, queries = queries_for(client, url)
    assert queries == 0
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


@pytest.mark.django_db
def test_any_saved_change_is_shown_at_the_next_request(client, reference_content):
    client.get(f"/nb/roles/{CSM}/")
    role = Role.objects.get(slug=CSM)
    role.title_nb = "Leder for kundestøtte"
    role.save()
    assert "Leder for kundestøtte" in client.get(f"/nb/roles/{CSM}/").text
    role.responsibilities.first().delete()
    assert client.get(f"/nb/roles/{CSM}/").text.count("<dt>") == 9


@pytest.mark.django_db
def test_the_api_is_cached_per_language(client, reference_content):
    uk = client.get("/api/v1/roles/", headers={"accept-language": "uk"}).json()
    ko = client.get("/api/v1/roles/", headers={"accept-language": "ko"}).json()
    assert (uk[0]["language"], ko[0]["language"]) == ("uk", "ko")


@pytest.mark.django_db
def test_signed_in_editors_always_get_a_fresh_page(client, reference_content):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("editor", password="a-long-passphrase"))
    client.get(f"/en/roles/{CSM}/")
    _response, queries = queries_for(client, f"/en/roles/{CSM}/")
    assert queries > 0


@pytest.mark.django_db
def test_conditional_requests_get_304(client, reference_content):
    url = f"/uk/roles/{CSM}/"
    response = client.get(url)
    assert response["ETag"] and response["Last-Modified"]
    assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304
    since = client.get(url, headers={"if-modified-since": response["Last-Modified"]})
    assert since.status_code == 304
    old = client.get(url, headers={"if-modified-since": http_date(0)})
    assert old.status_code == 200
