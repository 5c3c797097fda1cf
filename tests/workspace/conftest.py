import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from content import languages
from content.access import EDITORS
from content.services import content_save
from publishing.services import content_publish
from tests import factories


def staff(username, group):
    user = User.objects.create_user(username, password="x", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def groups(db):
    call_command("setup_groups", verbosity=0)


@pytest.fixture
def hindi_translator(groups):
    return staff("asha", languages.get("hi").translator_group)


@pytest.fixture
def hindi_reviewer(groups):
    return staff("ravi", languages.get("hi").reviewer_group)


@pytest.fixture
def editor(groups):
    return staff("erin", EDITORS)


@pytest.fixture
def role(db):
    """A published role, translated into Hindi, with two responsibilities."""
    role = factories.make_role(
        slug="support-lead", title_en="Support lead", title_hi="सहायता प्रमुख",
        summary_en="Leads the support team.", summary_hi="सहायता टीम का नेतृत्व करता है।",
    )  # fmt: skip
    factories.make_responsibility(
        role, title_en="Answer within 24 hours", title_hi="24 घंटे के भीतर जवाब",
        description_en="Every ticket gets a first answer.",
        description_hi="हर टिकट को पहला जवाब मिलता है।",
    )  # fmt: skip
    factories.make_responsibility(role, title_en="Coach the team", description_en="Weekly.")
    factories.publish(role)
    return role


def change_english(obj, user=None, **texts):
    """An editor changes English texts and publishes them."""
    for name, text in texts.items():
        setattr(obj, f"{name}_en", text)
    content_save(obj=obj, user=user)
    owner = getattr(obj, "role", obj)
    content_publish(obj=owner, languages=["en"], user=None)
    obj.refresh_from_db()
    return obj
