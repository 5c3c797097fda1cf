"""The read API: structured, language-aware, cacheable, and true to its own OpenAPI schema."""

import os
import shutil
import subprocess
import sys

import pytest

from content import languages
from tests import factories
from tests.reference import load_reference_content

LANGUAGES = languages.CODES
CSM = "customer-support-manager"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_has_every_field_of_the_page_in_the_asked_language(
    client, reference_content, language
):
    response = client.get(f"/api/v1/roles/{CSM}", {"lang": language})
    assert response.status_code == 200
    data = response.json()
    assert data["language"] == language and response["Content-Language"] == language
    assert [s["key"] for s in data["sections"]] == [
        "overview", "responsibilities", "metrics", "experience", "salary", "key-takeaways",
    ]  # fmt: skip
    assert len(data["responsibilities"]) == 4 and len(data["takeaways"]) == 3
    assert data["metrics"][0]["code"] == "nps"
    bands = {(b["location"]["slug"], b["track"]): b for b in data["salary_bands"]}
    manager = bands[("san-francisco", "people-manager")]
    assert (manager["minimum"], manager["maximum"], manager["currency"]) == (60000, 160000, "USD")
    assert data["url"] == f"http://testserver/{language}/roles/{CSM}/"
    assert set(data["alternates"]) == set(LANGUAGES)
    from roles.models import Role

    assert data["title"] == getattr(Role.objects.get(slug=CSM), f"title_{language}")


@pytest.mark.django_db
def test_language_comes_from_accept_language_when_not_asked(client, reference_content):
    response = client.get("/api/v1/roles/", headers={"accept-language": "uk-UA,uk;q=0.9"})
    assert response.json()[0]["language"] == "uk"
    assert "accept-language" in response["Vary"].lower()
    assert client.get("/api/v1/roles/", {"lang": "ko"}).json()[0]["language"] == "ko"


@pytest.mark.django_db
def test_answers_are_cacheable_and_conditional(client, reference_content):
    response = client.get("/api/v1/metrics/nps", {"lang": "hi"})
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get("/api/v1/metrics/nps", {"lang": "hi"}, headers={"if-none-match": etag})
    assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "params", "status"),
    [
        ("/api/v1/roles/", {"lang": "fr"}, 400),
        (f"/api/v1/roles/{CSM}", {"lang": "xx"}, 400),
        ("/api/v1/roles/no-such-role", {}, 404),
        ("/api/v1/metrics/no-such-metric", {}, 404),
        ("/api/v1/salaries/senior-customer-success-manager", {}, 404),
        ("/api/v1/nothing-here", {}, 404),
    ],
)
def test_errors_are_json_with_a_message(client, reference_content, path, params, status):
    response = client.get(path, params)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]


@pytest.mark.django_db
def test_an_old_slug_still_answers(client, reference_content):
    from roles.models import Role

    role = Role.objects.get(slug=CSM)
    role.slug = "support-manager"
    role.save()
    factories.publish(role)
    assert client.get(f"/api/v1/roles/{CSM}").json()["slug"] == "support-manager"


@pytest.mark.django_db
def test_schema_is_served_and_documents_every_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/roles/", "/api/v1/roles/{slug}", "/api/v1/metrics/", "/api/v1/metrics/{code}",
        "/api/v1/salaries/", "/api/v1/salaries/{slug}", "/api/v1/search",
    }  # fmt: skip


API_ADDRESSES = [
    "/api/v1/roles/", f"/api/v1/roles/{CSM}?lang=ko", "/api/v1/metrics/", "/api/v1/metrics/nps",
    "/api/v1/salaries/", f"/api/v1/salaries/{CSM}", "/api/v1/roles/no-such-role",
    "/api/v1/nothing-here", "/api/v1/openapi.json", "/api/v1/docs",
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("address", API_ADDRESSES)
def test_head_answers_as_get_does_without_the_body(client, reference_content, address):
    """HEAD was a 405 with an HTML body: django-ninja routes only GET."""
    get, head = client.get(address), client.head(address)
    assert head.status_code == get.status_code
    assert head.content == b""
    for header in ("Content-Type", "Content-Length", "ETag", "Cache-Control", "Vary"):
        assert head.get(header) == get.get(header), header
    if get.status_code == 200:
        again = client.head(address, headers={"if-none-match": get["ETag"]})
        assert again.status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("address", ["/api/v1/roles/", f"/api/v1/roles/{CSM}", "/api/v1/x"])
def test_other_methods_are_refused_in_json_with_allow(client, address, method):
    response = client.generic(method, address)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json()["error"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "canonical"),
    [
        ("/api/v1/roles", "/api/v1/roles/"),
        ("/api/v1/metrics?lang=uk", "/api/v1/metrics/?lang=uk"),
        (f"/api/v1/roles/{CSM}/", f"/api/v1/roles/{CSM}"),
        (f"/api/v1/salaries/{CSM}/?lang=hi", f"/api/v1/salaries/{CSM}?lang=hi"),
        ("/api/v1/metrics/nps/", "/api/v1/metrics/nps"),
        ("/api/v1/docs/", "/api/v1/docs"),
    ],
)
def test_the_other_form_of_an_api_address_redirects_to_the_documented_one(
    client, reference_content, address, canonical
):
    """/api/v1/roles and /api/v1/roles/<slug>/ were 404s while their twins worked."""
    response = client.get(address)
    assert response.status_code == 301
    assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


@pytest.mark.django_db
def test_an_address_with_no_twin_stays_a_json_404(client):
    for address in ("/api/v1/nothing/", "/api/v1/roles/a/b", "/api/v2/roles"):
        response = client.get(address)
        assert response.status_code == 404 and response.json()["error"]


@pytest.mark.django_db
def test_documentation_is_served_from_the_schema_without_a_cdn(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.text
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/api/v1/openapi.json" in html
    assert "cdn" not in html.lower() and "<script>" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.skipif(shutil.which("schemathesis", path=os.path.dirname(sys.executable)) is None,
                    reason="schemathesis is not installed")  # fmt: skip
def test_api_has_no_failure_schemathesis_can_find(live_server, transactional_db):
    """Property-based: schemathesis generates requests from the schema and checks every
    answer against it (status codes, content types, bodies, no server errors)."""
    load_reference_content()
    result = subprocess.run(
        [os.path.join(os.path.dirname(sys.executable), "schemathesis"), "run",
         f"{live_server.url}/api/v1/openapi.json", "--checks", "all",
         "--max-examples", "25", "--generation-deterministic", "--no-color"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]
    assert "No issues found" in result.stdout


def test_deploys_collect_swagger_ui_but_not_what_no_page_uses():
    from config.staticfiles import AppStaticFiles

    collected = {path for path, _storage in AppStaticFiles().list([])}
    assert {"ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js"} <= collected
    assert not {"ninja/redoc.standalone.js", "ninja/swagger-ui-bundle.js.map"} & collected
