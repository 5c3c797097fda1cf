"""Outdated marks: a changed English text flags its translations until they are redone or
confirmed."""

import pytest

from content.outdated import (
    COMPLETE,
    MISSING,
    OUTDATED,
    changed_translated_fields,
    object_state,
    outdated_after,
)
from roles.models import Skill


def skill(**texts):
    return Skill(**{"name_en": "Empathy", "description_en": "Why.", **texts})


def test_a_changed_english_text_marks_every_existing_translation_of_it():
    obj = skill(name_hi="सहानुभूति", name_ko="공감")
    obj.outdated = outdated_after(obj, {"name_en"})
    assert obj.outdated == {"hi": ["name"], "ko": ["name"]}


def test_a_translation_changed_in_the_same_save_is_not_outdated():
    obj = skill(name_hi="सहानुभूति", name_ko="공감")
    obj.outdated = outdated_after(obj, {"name_en", "name_ko"})
    assert obj.outdated == {"hi": ["name"]}


def test_a_missing_translation_is_missing_not_outdated():
    obj = skill(name_hi="")
    obj.outdated = outdated_after(obj, {"name_en"})
    assert obj.outdated == {}
    assert object_state(obj, "hi") == MISSING


def test_translating_or_confirming_clears_the_mark():
    obj = skill(name_hi="सहानुभूति", name_uk="Емпатія", outdated={"hi": ["name"], "uk": ["name"]})
    obj.outdated = outdated_after(obj, {"name_hi"}, confirmed_languages=["uk"])
    assert obj.outdated == {}


def test_a_mark_on_another_field_survives_an_unrelated_save():
    obj = skill(name_hi="सहानुभूति", description_hi="क्यों।", outdated={"hi": ["description"]})
    obj.outdated = outdated_after(obj, {"name_en"})
    assert obj.outdated == {"hi": ["description", "name"]}


@pytest.mark.parametrize(
    ("outdated", "state"), [({}, COMPLETE), ({"nb": ["name"]}, OUTDATED)], ids=["ok", "outdated"]
)
def test_an_objects_state_is_its_worst_field(outdated, state):
    obj = skill(name_nb="Empati", description_nb="Hvorfor.", outdated=outdated)
    assert object_state(obj, "nb") == state
    assert object_state(obj, "en") == COMPLETE


def test_changed_fields_compare_every_language_and_treat_null_as_empty():
    stored = skill(name_ko=None)
    edited = skill(name_ko="", name_uk="Емпатія")
    assert changed_translated_fields(edited, stored) == {"name_uk"}
