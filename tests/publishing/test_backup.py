"""A backup loads into an empty database and every page reads exactly as before."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.core.management.base import CommandError

from content import languages
from content.models import OutdatedSource, Published
from publishing.models import Publication
from roles.models import Role
from tests.factories import make_role, publish
from tests.reference import load_reference_content

LANGUAGES = languages.CODES
PATHS = [
    "", "roles/", "roles/customer-support-manager/", "roles/senior-customer-success-manager/",
    "metrics/", "metrics/nps/", "metrics/employee-engagement/", "salaries/", "linking/",
    "embed/roles/customer-support-manager/", "embed/metrics/csat/",
]  # fmt: skip


def every_page(client):
    pages = {}
    for language in LANGUAGES:
        for path in PATHS:
            response = client.get(f"/{language}/{path}")
            assert response.status_code == 200
            pages[f"/{language}/{path}"] = response.content
        pages[f"api-{language}"] = client.get(
            "/api/v1/roles/customer-support-manager", {"lang": language}
        ).content
    return pages


@pytest.mark.django_db(transaction=True)
# JSON Lines is read an object at a time (a large site's backup); JSON is read whole.
@pytest.mark.parametrize("name", ["backup.jsonl", "backup.json"])
def test_every_page_in_every_language_survives_backup_and_restore(client, tmp_path, name):
    load_reference_content()
    call_command("setup_groups", verbosity=0)
    editor = User.objects.create_user("editor", password="a-long-passphrase", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    role = Role.objects.get(slug="customer-support-manager")
    role.title_ko = "고객 지원 매니저"
    role._history_user = editor
    role.save()  # a draft: readers do not see it, and the restore keeps it so
    before = every_page(client)
    history = role.history.count()
    publications = Publication.objects.count()

    backup = tmp_path / name
    call_command("backup_content", str(backup), verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    assert not Role.objects.exists()
    call_command("restore_content", str(backup), verbosity=0)

    assert every_page(client) == before
    assert Publication.objects.count() == publications
    restored = Role.objects.get(slug="customer-support-manager")
    assert restored.title_ko == "고객 지원 매니저"
    assert restored.history.count() == history
    assert restored.history.first().history_user.username == "editor"


@pytest.mark.django_db
def test_restore_refuses_a_database_that_has_content(reference_content, tmp_path):
    backup = tmp_path / "backup.json"
    call_command("backup_content", str(backup), verbosity=0)
    with pytest.raises(CommandError, match="already holds content; nothing was restored"):
        call_command("restore_content", str(backup), verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_editors_add_and_publish_new_roles(tmp_path):
    load_reference_content()
    backup = tmp_path / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    call_command("flush", "--noinput", verbosity=0)
    call_command("restore_content", "--no-render", str(backup), verbosity=0)

    # New rows take ids after the restored ones (PostgreSQL's sequences follow them).
    role = make_role(slug="new-role")
    publish(role)
    assert Published.objects.filter(key="new-role").exists()
    assert Role.objects.count() == 3


def when_marked():
    # A backup keeps times to the millisecond (Django's JSON).
    return {
        pk: at.replace(microsecond=at.microsecond // 1000 * 1000)
        for pk, at in OutdatedSource.objects.values_list("pk", "marked_at")
    }


@pytest.mark.django_db(transaction=True)
def test_a_restore_keeps_when_each_translation_was_marked_outdated(tmp_path):
    load_reference_content()
    role = Role.objects.get(slug="customer-support-manager")
    role.summary_en = "A new English summary."
    role.save()
    publish(role)
    marked = when_marked()
    assert marked
    backup = tmp_path / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    call_command("flush", "--noinput", verbosity=0)

    call_command("restore_content", "--no-render", str(backup), verbosity=0)

    assert when_marked() == marked


@pytest.mark.django_db(transaction=True)
def test_a_backup_that_clashes_with_rows_already_there_restores_nothing(tmp_path):
    load_reference_content()
    backup = tmp_path / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    publications = list(Publication.objects.values_list("pk", flat=True))
    call_command("flush", "--noinput", verbosity=0)
    # Not content, so not what the first check looks at: a publication left behind.
    Publication.objects.create(
        pk=publications[0], kind="roles.role", object_id=1, key="left-behind", number=1,
        action="publish", languages=["en"], changes={}, head={}, parts={},
        published_at="2026-01-01T00:00:00Z",
    )  # fmt: skip

    with pytest.raises(CommandError, match="does not fit this database; nothing was restored"):
        call_command("restore_content", "--no-render", str(backup), verbosity=0)

    assert not Role.objects.exists()
    assert Publication.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_backup_from_before_lists_kept_their_order_restores_the_same_pages(client, tmp_path):
    load_reference_content()
    before = every_page(client)
    backup = tmp_path / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    # What links and titles held before content 0005 copied their source's kind and order.
    older = []
    for line in backup.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for name in ["source_kind", "source_order", "source_object_id"]:
            row["fields"].pop(name, None)
        if row["model"] == "content.publishedtitle":
            row["fields"].pop("kind")
        older.append(json.dumps(row))
    backup.write_text("\n".join(older) + "\n", encoding="utf-8")
    call_command("flush", "--noinput", verbosity=0)

    call_command("restore_content", str(backup), verbosity=0)

    assert every_page(client) == before


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_stops_with_a_message_and_restores_nothing(tmp_path):
    load_reference_content()
    backup = tmp_path / "backup.jsonl"
    call_command("backup_content", str(backup), verbosity=0)
    lines = backup.read_text(encoding="utf-8").splitlines()
    # Cut off in the middle of the last line, as a full disk leaves it.
    backup.write_text("\n".join([*lines[:-1], lines[-1][:40]]), encoding="utf-8")
    call_command("flush", "--noinput", verbosity=0)

    with pytest.raises(CommandError, match="could not be read; nothing was restored"):
        call_command("restore_content", "--no-render", str(backup), verbosity=0)
    with pytest.raises(CommandError, match=r"Nothing was restored: .*no-such-file"):
        call_command("restore_content", str(tmp_path / "no-such-file.jsonl"), verbosity=0)

    assert not Role.objects.exists()
    assert not Publication.objects.exists()
