"""Mail settings come from the environment: the console under make run, SMTP in production,
the in-memory backend in tests."""

from tests.test_settings import _setting

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "roles.example.org",
    "SITE_URL": "https://roles.example.org",
}


def test_mail_is_printed_under_make_run_and_kept_in_memory_in_tests():
    assert _setting("EMAIL_BACKEND", DEBUG="true", EMAIL_BACKEND="") == (
        "django.core.mail.backends.console.EmailBackend"
    )
    assert _setting("EMAIL_BACKEND", module="config.settings_test") == (
        "django.core.mail.backends.locmem.EmailBackend"
    )


def test_production_sends_through_the_smtp_server_the_environment_names():
    env = {**PRODUCTION, "EMAIL_BACKEND": "", "EMAIL_HOST": "smtp.example.org",
           "EMAIL_PORT": "587", "EMAIL_USE_TLS": "true", "DEFAULT_FROM_EMAIL": ""}  # fmt: skip
    assert _setting("EMAIL_BACKEND", **env) == "django.core.mail.backends.smtp.EmailBackend"
    assert _setting("EMAIL_HOST", **env) == "smtp.example.org"
    assert _setting("EMAIL_PORT", **env) == "587"
    assert _setting("EMAIL_USE_TLS", **env) == "True"
    assert _setting("DEFAULT_FROM_EMAIL", **env) == "Role reference <noreply@roles.example.org>"
