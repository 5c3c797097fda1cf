"""Public addresses answer GET and HEAD alike, and anything else with 405 and Allow."""

import pytest

CSM = "customer-support-manager"
PUBLIC = [
    "/en/", f"/hi/roles/{CSM}/", "/uk/metrics/", "/ko/metrics/nps/", "/nb/salaries/",
    "/en/linking/", f"/en/embed/roles/{CSM}/", "/en/roles/no-such-role/", f"/roles/{CSM}/",
    "/", "/sitemap.xml", "/robots.txt", f"/oembed?url=http://testserver/en/roles/{CSM}/",
    "/oembed?url=http://[", "/no-such-page",
]  # fmt: skip
# Not the page views: their HEAD is answered as the GET, headers and all.
WHOLE = ("/sitemap.xml", "/robots.txt", "/oembed")


@pytest.mark.django_db
@pytest.mark.parametrize("address", PUBLIC)
def test_head_agrees_with_get(client, reference_content, address):
    get, head = client.get(address), client.head(address)
    assert (head.status_code, head.get("Content-Type")) == (get.status_code, get["Content-Type"])
    assert head.get("Location") == get.get("Location")
    assert head.content == b""
    if address.startswith(WHOLE):
        for header in ("Content-Length", "ETag", "Access-Control-Allow-Origin"):
            assert head.get(header) == get.get(header), header


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("address", PUBLIC)
def test_other_methods_get_405_with_allow(client, reference_content, address, method):
    """/sitemap.xml answered OPTIONS and TRACE with the sitemap."""
    response = client.generic(method, address)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert CSM.encode() not in response.content
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_the_admin_still_takes_its_forms(client):
    assert client.post("/admin/login/", {"username": "x", "password": "y"}).status_code == 200
