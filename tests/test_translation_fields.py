"""Every translated field exists in all five languages and falls back to English."""

import pytest
from django.utils import translation
from modeltranslation.translator import translator

from content.languages import CODES as LANGUAGE_CODES
from content.outdated import translated_fields
from tests import factories


def _build(model):
    role = factories.make_role()
    builders = {
        "RoleFamily": lambda: role.family,
        "Role": lambda: role,
        "RoleAlias": lambda: factories.make_alias(role),
        "Section": lambda: factories.make_section(role),
        "ResponsibilityGroup": lambda: factories.make_responsibility_group(role),
        "Responsibility": lambda: factories.make_responsibility(role),
        "Skill": lambda: factories.make_skill(role),
        "Tool": lambda: factories.make_tool(role),
        "BestPractice": lambda: factories.make_best_practice(role),
        "Takeaway": lambda: factories.make_takeaway(role),
        "CareerStep": lambda: factories.make_career_step(role),
        "Metric": factories.make_metric,
        "RoleMetric": lambda: factories.make_role_metric(role),
        "Location": factories.make_location,
        "SalaryBand": lambda: factories.make_salary_band(role),
    }
    return builders[model.__name__]()


TRANSLATED = [
    (model, field)
    for model in translator.get_registered_models()
    for field in translated_fields(model)
]


@pytest.mark.parametrize(("model", "field"), TRANSLATED, ids=lambda v: getattr(v, "__name__", v))
def test_translated_field_has_a_column_for_every_language(model, field):
    columns = {f.name for f in model._meta.get_fields()}
    assert {f"{field}_{code}" for code in LANGUAGE_CODES} <= columns


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "field"), TRANSLATED, ids=lambda v: getattr(v, "__name__", v))
def test_untranslated_text_falls_back_to_english(model, field):
    obj = _build(model)
    setattr(obj, f"{field}_en", "English text")
    for code in LANGUAGE_CODES[1:]:
        setattr(obj, f"{field}_{code}", "")
    obj.save()
    obj = model.objects.get(pk=obj.pk)

    setattr(obj, f"{field}_ko", "한국어 텍스트")
    for code in LANGUAGE_CODES[1:]:
        with translation.override(code):
            expected = "한국어 텍스트" if code == "ko" else "English text"
            assert getattr(obj, field) == expected
