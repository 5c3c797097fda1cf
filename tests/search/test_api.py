"""Search in the read API: the results page's results, as JSON, documented in the schema."""

import pytest

from search.query import search

CSM = "customer-support-manager"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "query"),
    [("en", "csm"), ("hi", "नेट प्रमोटर"), ("uk", "менеджером"), ("ko", "관리자를"), ("nb", "lonn")],
)
def test_the_api_gives_the_results_of_the_page(client, reference_content, language, query):
    response = client.get("/api/v1/search", {"q": query, "lang": language})
    assert response.status_code == 200
    assert response["Content-Language"] == language
    data = response.json()
    expected = search(query, language)
    assert data["status"] == "results" and data["total"] == expected.total
    assert [r["url"] for r in data["results"]] == [
        f"http://testserver{r.path}" for r in expected.results
    ]
    first = data["results"][0]
    assert first["language"] == language and first["other_language"] is False
    marked = [first["snippet"], first["also"] or "", str(expected.results[0].title_html)]
    assert any("<mark>" in text for text in marked)


@pytest.mark.django_db
def test_sections_and_other_languages_in_the_api(client, reference_content):
    data = client.get("/api/v1/search", {"q": "경력 경로를", "lang": "en"}).json()
    first = data["results"][0]
    assert first["kind"] == "section" and first["anchor"] == "career-path"
    assert first["url"] == (
        "http://testserver/ko/roles/senior-customer-success-manager/#career-path"
    )
    assert first["other_language"] is True and first["language"] == "ko"
    assert first["context"] == "시니어 고객 성공 관리자"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, "empty"),
        ({"q": "a"}, "too_short"),
        ({"q": "y" * 500}, "too_long"),
        ({"q": "%%%"}, "garbage"),
        ({"q": "\x00"}, "empty"),
        ({"q": "kondestattelider", "lang": "nb"}, "no_results"),
    ],
)
def test_nothing_to_search_for_is_a_status_and_a_message(client, reference_content, params, status):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == status and data["message"] and data["results"] == []
    if status == "no_results":
        assert data["suggestions"][0]["url"] == f"http://testserver/nb/roles/{CSM}/"


@pytest.mark.django_db
def test_a_language_the_site_does_not_publish_is_refused(client):
    response = client.get("/api/v1/search", {"q": "csm", "lang": "fr"})
    assert response.status_code == 400
    assert response.json()["error"]


@pytest.mark.django_db
def test_the_schema_documents_search(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {p["name"] for p in operation["parameters"]} == {"q", "page", "lang"}
    assert "200" in operation["responses"] and "400" in operation["responses"]
