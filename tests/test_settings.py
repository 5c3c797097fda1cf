"""Production settings refuse to start half-configured, and say what is missing."""

import os
import subprocess
import sys

import pytest


def _load_settings(**env):
    unset = {"SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; settings.DEBUG"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"DEBUG": "false"}, "SECRET_KEY"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}, "SITE_URL"),
    ],
)
def test_production_refuses_to_start_without_a_required_setting(env, missing):
    result = _load_settings(**env)
    assert result.returncode != 0
    assert f"{missing} must be set when DEBUG is off" in result.stderr


def test_production_starts_when_required_settings_are_given():
    result = _load_settings(
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        SITE_URL="https://example.org",
    )
    assert result.returncode == 0, result.stderr


def test_a_mistyped_boolean_is_refused_not_guessed():
    result = _load_settings(DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def _setting(name, module="config.settings", **env):
    inherited = {k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "CACHE_RELEASE"}}
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        env={**inherited, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_processes_of_one_release_agree_on_the_release():
    # Each worker used to key its pages by its own start time, so workers sharing Redis
    # each rendered and kept their own copy of every page.
    assert _setting("CACHE_RELEASE") == _setting("CACHE_RELEASE")
    assert _setting("CACHE_RELEASE", CACHE_RELEASE="v42") == "v42"


def test_the_suite_ignores_a_cache_named_in_the_shell():
    caches = _setting("CACHES", module="config.settings_test", CACHE_URL="redis://127.0.0.1:9/0")
    assert "LocMemCache" in caches and "redis" not in caches


def test_https_in_production_turns_on_hsts_for_a_year_with_subdomains():
    env = {
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "example.org",
        "SITE_URL": "https://example.org",
    }
    assert _setting("SECURE_HSTS_SECONDS", **env, HTTPS="true") == str(365 * 24 * 60 * 60)
    assert _setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", **env, HTTPS="true") == "True"
    assert _setting("SECURE_SSL_REDIRECT", **env, HTTPS="true") == "True"
    assert _setting("SECURE_HSTS_SECONDS", **env, HTTPS="false") == "0"


def test_a_site_url_that_is_not_an_address_is_refused():
    result = _load_settings(SITE_URL="example.org/roles")
    assert "SITE_URL must be an address" in result.stderr


def test_make_serve_allows_the_same_local_hosts_as_debug():
    """The settings table (docs/production.md) names one default; scripts/serve had another
    (no [::1])."""
    from django.conf import settings

    from config.settings import LOCAL_HOSTS

    serve = (settings.BASE_DIR / "scripts" / "serve").read_text()
    assert f'ALLOWED_HOSTS="${{ALLOWED_HOSTS:-{",".join(LOCAL_HOSTS)}}}"' in serve
    readme = (settings.BASE_DIR / "docs" / "production.md").read_text()
    assert f"`{','.join(LOCAL_HOSTS)}`" in readme


def test_a_management_command_prints_no_axes_banner():
    """make run runs five commands; django-axes printed its banner at each."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert "AXES" not in result.stdout + result.stderr
