"""The shipped reference content: complete, identical in structure in every language, true to
the source's figures, and free of the scrape's damage."""

import re
from collections import Counter

import pytest
from django.conf import settings
from modeltranslation.translator import translator

from content.text_rules import script_problems, text_problems
from roles.models import Role

LANGUAGES = [code for code, _name in settings.LANGUAGES]

LISTS = {
    "sections": "heading",
    "aliases": "name",
    "responsibilities": "title",
    "role_metrics": None,
    "takeaways": "question",
    "skills": "name",
    "tools": "name",
    "career_steps": "title",
    "best_practices": "title",
}

EXPECTED = {
    "customer-support-manager": {
        "sections": ["overview", "responsibilities", "metrics", "experience", "salary",
                     "key-takeaways"],
        "metrics": ["nps", "csat", "first-response-time", "handle-time",
                    "ticket-resolution-rate", "employee-engagement"],
        "counts": {"aliases": 3, "responsibilities": 4, "takeaways": 3, "skills": 0, "tools": 0,
                   "career_steps": 0, "best_practices": 0},
    },
    "senior-customer-success-manager": {
        "sections": ["overview", "responsibilities", "metrics", "skills", "tools", "experience",
                     "career-path", "best-practices", "salary", "conclusion", "key-takeaways"],
        "metrics": ["csat", "nps", "churn-rate"],
        "counts": {"aliases": 1, "responsibilities": 8, "takeaways": 3, "skills": 7, "tools": 7,
                   "career_steps": 8, "best_practices": 7},
    },
}  # fmt: skip

# The source's figures: US dollars a year, (minimum, maximum).
SOURCE_SALARIES = {
    ("san-francisco", "individual-contributor"): (30_000, 70_000),
    ("san-francisco", "people-manager"): (60_000, 160_000),
    ("new-york", "individual-contributor"): (20_000, 90_000),
    ("new-york", "people-manager"): (50_000, 140_000),
    ("austin", "individual-contributor"): (20_000, 75_000),
    ("austin", "people-manager"): (45_000, 130_000),
}


@pytest.fixture
def reference(reference_content):
    return reference_content


def outline(role, language):
    """What a reader of `language` gets, counting only text written in that language."""

    def own(obj, field):
        return bool(getattr(obj, f"{field}_{language}"))

    result = {"title": own(role, "title"), "summary": own(role, "summary")}
    for name, field in LISTS.items():
        items = list(getattr(role, name).all())
        if field:
            result[name] = [own(item, field) for item in items]
        result[f"{name}_count"] = len(items)
    result["sections"] = [
        (s.key, own(s, "heading"), own(s, "body") or s.key == "key-takeaways")
        for s in role.sections.all()
    ]
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("slug", EXPECTED)
def test_article_has_the_expected_structure(reference, slug):
    role = Role.objects.get(slug=slug)
    expected = EXPECTED[slug]
    assert [s.key for s in role.sections.all()] == expected["sections"]
    assert [m.metric.code for m in role.role_metrics.select_related("metric")] == expected[
        "metrics"
    ]
    for name, count in expected["counts"].items():
        assert getattr(role, name).count() == count, name


@pytest.mark.django_db
@pytest.mark.parametrize("slug", EXPECTED)
@pytest.mark.parametrize("language", LANGUAGES[1:])
def test_every_language_has_the_same_structure_all_in_its_own_words(reference, slug, language):
    role = Role.objects.get(slug=slug)
    english = outline(role, "en")
    assert all(v for k, v in english.items() if isinstance(v, bool))
    assert outline(role, language) == english


@pytest.mark.django_db
def test_people_managers_only_note_is_on_engagement_in_every_language(reference):
    role = Role.objects.get(slug="customer-support-manager")
    notes = {rm.metric.code: rm for rm in role.role_metrics.select_related("metric")}
    for language in LANGUAGES:
        assert getattr(notes["employee-engagement"], f"note_{language}")
        assert not getattr(notes["nps"], f"note_{language}")


@pytest.mark.django_db
def test_salary_figures_are_exactly_the_sources(reference):
    role = Role.objects.get(slug="customer-support-manager")
    bands = role.salary_bands.select_related("location")
    assert {(b.location.slug, b.track): (b.minimum, b.maximum) for b in bands} == SOURCE_SALARIES
    assert {(b.currency, b.period) for b in bands} == {("USD", "year")}
    for band in bands:
        for language in LANGUAGES:
            assert getattr(band, f"source_{language}")


@pytest.mark.django_db
def test_career_path_runs_from_entry_level_to_vice_president(reference):
    role = Role.objects.get(slug="senior-customer-success-manager")
    ladder = role.career_steps.filter(kind="ladder").select_related("target_role")
    assert [s.target_role.slug if s.target_role else None for s in ladder] == [
        None, None, "senior-customer-success-manager", None, None,
    ]  # fmt: skip


def _translated_texts():
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        for obj in model.objects.all():
            for field in fields:
                for language in LANGUAGES:
                    value = getattr(obj, f"{field}_{language}") or ""
                    yield model, obj, field, language, value


@pytest.mark.django_db
def test_no_stored_text_has_any_defect_of_the_scrape(reference):
    problems = []
    for model, obj, field, language, value in _translated_texts():
        found = text_problems(value) + (script_problems(value, language) if value else [])
        if re.search(r"min read|मिनट पढ़ें|Guru के साथ|get answers anywhere|Watch a demo", value):
            found.append("page chrome of the source site")
        if found:
            problems.append(f"{model.__name__} {obj.pk} {field}_{language}: {found}")
    assert problems == []


@pytest.mark.django_db
def test_prose_is_never_cut_short(reference):
    """Descriptions end as sentences do; the scrape cut some list items mid-word."""
    cut = []
    for model, obj, field, language, value in _translated_texts():
        if model._meta.get_field(field).get_internal_type() != "TextField" or not value:
            continue
        last = value.split("\n\n")[-1]
        if last.startswith("- "):
            continue
        if not re.search(r"[.!?।:]$", last):
            cut.append(f"{model.__name__} {obj.pk} {field}_{language}: …{value[-40:]!r}")
    assert cut == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_paragraph_appears_twice(reference, language):
    paragraphs = Counter(
        paragraph
        for _model, _obj, _field, lang, value in _translated_texts()
        if lang == language
        for paragraph in value.split("\n\n")
        if len(paragraph) > 60
    )
    assert [p for p, n in paragraphs.items() if n > 1] == []
