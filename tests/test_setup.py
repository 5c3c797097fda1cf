import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_superuser_can_be_created_without_a_prompt(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "editor")
    monkeypatch.setenv("DJANGO_SUPERUSER_EMAIL", "editor@example.com")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-passphrase")
    call_command("createsuperuser", interactive=False, verbosity=0)
    user = get_user_model().objects.get(username="editor")
    assert user.is_superuser
    assert user.check_password("a-long-passphrase")
