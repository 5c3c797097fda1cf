"""Headers that make the site hard to misuse, the production checks, and login lockout."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponseNotFound
from django.test import Client, RequestFactory

CSM = "customer-support-manager"
PAGES = [
    "/en/",
    f"/hi/roles/{CSM}/",
    "/uk/metrics/nps/",
    "/ko/salaries/",
    "/nb/linking/",
    "/en/roles/no-such-role/",
    "/api/v1/roles/",
    "/oembed?url=x",
    "/sitemap.xml",
    "/admin/login/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_response_carries_the_security_headers(client, reference_content, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"


@pytest.mark.django_db
def test_static_files_carry_the_policies_and_only_the_preview_image_is_shared(client):
    stylesheet = client.get("/static/css/site.css")
    assert stylesheet.status_code == 200
    assert "camera=()" in stylesheet["Permissions-Policy"]
    assert stylesheet["Cross-Origin-Resource-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in stylesheet["Content-Security-Policy"]
    # oEmbed names it as the thumbnail a knowledge base shows.
    preview = client.get("/static/img/preview.png")
    assert preview["Cross-Origin-Resource-Policy"] == "cross-origin"


@pytest.mark.django_db
def test_embeddable_cards_may_be_loaded_by_other_sites(client, reference_content):
    response = client.get(f"/en/embed/roles/{CSM}/")
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    assert "X-Frame-Options" not in response


@pytest.mark.django_db
def test_a_failure_outside_the_page_layers_still_answers_with_the_policy(
    client, reference_content, monkeypatch
):
    """An outer middleware's failure never passes through django-csp or the clickjacking
    middleware; its 500 must not go out without their headers."""

    def broken(request):
        raise RuntimeError("a bug in an outer layer")

    monkeypatch.setattr("content.negotiation._switched_from", broken)
    client.raise_request_exception = False
    response = client.get("/en/", headers={"referer": "http://testserver/uk/"})
    assert response.status_code == 500
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def _production_env(**extra):
    # Not the test process's own switches (the browser tests allow async-unsafe calls).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "roles.example.org",
        "SITE_URL": "https://roles.example.org",
        "HTTPS": "true",
        **extra,
    }


def test_deploy_checks_report_nothing_in_production():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        env=_production_env(),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


@pytest.mark.django_db
def test_repeated_failed_logins_lock_out_that_user_from_that_address(caplog):
    User.objects.create_superuser("editor", "editor@example.com", "the-right-passphrase")
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    caplog.set_level(logging.WARNING, logger="axes")
    statuses = [
        attacker.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code
        for _ in range(settings.AXES_FAILURE_LIMIT)
    ]
    # The form with its error each time, and the lockout at the last allowed failure.
    assert statuses == [200] * (settings.AXES_FAILURE_LIMIT - 1) + [429]
    locked = attacker.post(
        "/admin/login/", {"username": "editor", "password": "the-right-passphrase"}
    )
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.text
    assert any("login failure" in r.getMessage().lower() for r in caplog.records)

    # The same person, from their usual address, can still sign in.
    editor = Client(REMOTE_ADDR="198.51.100.7")
    ok = editor.post("/admin/login/", {"username": "editor", "password": "the-right-passphrase"})
    assert ok.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/admin/", ""])
def test_signing_in_with_a_refused_next_lands_in_the_admin(client, next_url):
    User.objects.create_superuser("editor", "editor@example.com", "the-right-passphrase")
    response = client.post(
        f"/admin/login/?next={next_url}",
        {"username": "editor", "password": "the-right-passphrase", "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.django_db
def test_the_site_has_an_icon_and_favicon_ico_leads_to_it(client, reference_content):
    """/favicon.ico was a 404 (and a log line) on every page view."""
    from tests.html import Page

    icons = [
        link["attrs"]["href"] for link in Page(client.get("/en/").text).find_all("link", rel="icon")
    ]
    assert icons == ["/static/favicon.svg", "/static/favicon.ico"]
    for icon in icons:
        assert client.get(icon).status_code == 200
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/favicon.ico"
    assert "max-age=86400" in response["Cache-Control"]
    icon = client.get("/favicon.ico", follow=True)
    assert b"".join(icon.streaming_content).startswith(b"\0\0\1\0")


@pytest.mark.django_db
def test_debug_error_pages_keep_their_inline_script(client, settings):
    """Django's technical 404 and 500 pages use inline script and style; in DEBUG neither
    django-csp nor the fallback polices them."""
    settings.DEBUG = True
    from content.headers import SecurityHeadersMiddleware

    response = SecurityHeadersMiddleware(lambda request: HttpResponseNotFound("debug"))(
        RequestFactory().get("/en/nowhere/")
    )
    assert "Content-Security-Policy" not in response
    assert "camera=()" in response["Permissions-Policy"]
