"""The publishing page's state per language: "as published", or exactly what readers would
see change if it were published now, computed by the code a publication runs."""

import pytest
from django.contrib.auth.models import User

from content.models import Published
from publishing.changes import pending_changes
from publishing.services import as_stored, content_publish
from roles.models import Role
from salaries.models import SalaryBand
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("ed", "ed@example.org", "x")


@pytest.fixture
def role(db):
    role = factories.make_role(
        title_en="Support lead", title_hi="सहायता प्रमुख", summary_en="Leads the team.",
        summary_hi="टीम का नेतृत्व करता है।",
    )  # fmt: skip
    factories.make_salary_band(role, minimum=30_000, maximum=70_000)
    factories.publish(role)
    return Role.objects.get(pk=role.pk)


def pending(obj):
    return pending_changes(obj, stored=as_stored)[1]


def rows_changed(obj, language):
    """What publishing `language` changed, read from the published rows themselves."""
    before = Published.objects.get(kind="roles.role", object_id=obj.pk)
    content_publish(obj=obj, languages=[language], user=None)
    after = Published.objects.get(kind="roles.role", object_id=obj.pk)
    changed = {k for k in after.head if after.head.get(k) != before.head.get(k)}
    for kind, rows in after.parts.items():
        old = {r["id"]: r for r in before.parts.get(kind, [])}
        changed |= {
            (kind, r["id"], k) for r in rows for k in r if r.get(k) != old.get(r["id"], {}).get(k)
        }
    return changed


def test_the_shipped_roles_read_as_published_in_every_language(reference_content, client, editor):
    client.force_login(editor)
    for role in Role.objects.all():
        assert pending(role) == {code: [] for code in ("en", "hi", "uk", "ko", "nb")}
        page = client.get(f"/admin/publishing/roles.role/{role.pk}/").text
        assert page.count("as published") == 5
        assert "readers do not see yet" not in page


def test_right_after_publishing_english_its_row_reads_as_published(role, client, editor):
    role.summary_en = "Leads the whole team."
    role.save()
    client.force_login(editor)
    client.post(f"/admin/publishing/roles.role/{role.pk}/publish/", {"language": ["en"]})
    assert pending(role)["en"] == []
    assert (
        "1 change readers do not see yet"
        not in client.get(f"/admin/publishing/roles.role/{role.pk}/").text
    )


def test_each_language_shows_what_publishing_it_will_change_old_beside_new(role, client, editor):
    role.summary_en = "Leads the whole team."
    role.summary_hi = "पूरी टीम का नेतृत्व करता है।"
    role.save()
    SalaryBand.objects.filter(role=role).update(maximum=75_000)

    changes = pending(role)

    english = {(c.where, c.old, c.new) for c in changes["en"]}
    assert ("Support lead › summary", "Leads the team.", "Leads the whole team.") in english
    assert any(c.old == "70000" and c.new == "75000" for c in changes["en"])
    assert [(c.old, c.new) for c in changes["hi"]] == [
        ("टीम का नेतृत्व करता है।", "पूरी टीम का नेतृत्व करता है।")
    ]
    assert changes["uk"] == changes["ko"] == changes["nb"] == []
    client.force_login(editor)
    page = client.get(f"/admin/publishing/roles.role/{role.pk}/").text
    assert "Leads the whole team." in page and "<del>Leads the team.</del>" in page


@pytest.mark.parametrize("language", ["hi", "en"])
def test_what_the_page_says_will_change_is_what_publishing_changes(role, language):
    role.summary_en = "Leads the whole team."
    role.summary_hi = "पूरी टीम का नेतृत्व करता है।"
    role.save()
    SalaryBand.objects.filter(role=role).update(maximum=75_000)
    foreseen = pending(role)[language]

    changed = rows_changed(role, language)

    assert len(foreseen) == len(changed)
    assert pending(role)[language] == []
