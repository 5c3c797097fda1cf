"""Who may change which field: per language for translators, everything for editors."""

from django.contrib.auth.models import Group, User

from content import languages
from content.access import EDITORS, editable_fields, field_language
from roles.models import Role
from tests.factories import make_staff

FIELDS = ["slug", "family", "title_en", "title_ko", "summary_ko", "title_hi", "confirm_ko"]


def user_in(group):
    return make_staff(f"user-{group}", group)


def test_a_field_belongs_to_the_language_of_its_column():
    assert field_language(Role, "title_ko") == "ko"
    assert field_language(Role, "confirm_hi") == "hi"
    assert field_language(Role, "slug") is None
    assert field_language(Role, "updated_on") is None


def test_a_translator_may_change_only_their_languages_texts(groups):
    korean = user_in(languages.get("ko").translator_group)
    assert editable_fields(korean, Role, FIELDS) == {"title_ko", "summary_ko", "confirm_ko"}


def test_an_editor_may_change_every_field(groups):
    assert editable_fields(user_in(EDITORS), Role, FIELDS) == set(FIELDS)


def test_staff_without_a_group_may_change_nothing(db):
    assert editable_fields(User.objects.create_user("staff", is_staff=True), Role, FIELDS) == set()


def test_every_language_but_english_has_a_translators_and_a_reviewers_group(groups):
    names = set(Group.objects.values_list("name", flat=True))
    assert names == {
        EDITORS,
        *(languages.get(code).translator_group for code in languages.TARGETS),
        *(languages.get(code).reviewer_group for code in languages.TARGETS),
    }
