"""Reading a role's article: what each section lists, in what order, in a fixed number of
queries. Readers get the published article (load_article); previews read the drafts
(draft_article), laid out the same way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.loader import REQUIRED_SECTIONS, draft_article, load_article
from articles.parts import PARTS
from tests import factories


@pytest.mark.django_db
def test_a_responsibility_group_heads_its_items_once_when_groups_interleave():
    role = factories.make_role()
    first = factories.make_responsibility_group(role, title_en="With customers", order=1)
    second = factories.make_responsibility_group(role, title_en="With the team", order=2)
    for order, group in enumerate([first, second, first, second]):
        factories.make_responsibility(role, group=group, order=order, title_en=f"Duty {order}")
    article = draft_article(role.pk, "en")
    (section,) = [s for s in article.sections if s.key == "responsibilities"]
    assert [(group.title, [r.title for r in items]) for group, items in section.items] == [
        ("With customers", ["Duty 0", "Duty 2"]),
        ("With the team", ["Duty 1", "Duty 3"]),
    ]


@pytest.mark.django_db
def test_responsibilities_without_a_group_stay_in_editorial_order():
    role = factories.make_role()
    for order in range(3):
        factories.make_responsibility(role, order=order, title_en=f"Duty {order}")
    (section,) = [s for s in draft_article(role.pk, "en").sections if s.key == "responsibilities"]
    assert [(group, [r.title for r in items]) for group, items in section.items] == [
        (None, ["Duty 0", "Duty 1", "Duty 2"])
    ]


@pytest.mark.django_db
def test_every_required_section_is_there_even_when_not_written():
    role = factories.make_role()
    factories.make_section(role, key="tools")
    keys = [s.key for s in draft_article(role.pk, "en").sections]
    assert set(REQUIRED_SECTIONS) <= set(keys)
    assert keys.index("tools") < keys.index("key-takeaways")


@pytest.mark.django_db
def test_the_career_path_is_the_ladder_then_the_other_directions():
    role = factories.make_role()
    factories.make_section(role, key="career-path")
    factories.make_career_step(role, kind="lateral", order=1, title_en="Sideways")
    factories.make_career_step(role, kind="ladder", order=2, title_en="Up")
    (section,) = [s for s in draft_article(role.pk, "en").sections if s.key == "career-path"]
    assert [s.title for s in section.items] == ["Up"]
    assert [s.title for s in section.extra] == ["Sideways"]


@pytest.mark.django_db
def test_a_section_is_outdated_when_anything_it_shows_is():
    role = factories.make_role()
    metric = factories.make_metric(outdated={"hi": ["definition"]})
    factories.make_role_metric(role, metric)
    sections = {s.key: s for s in draft_article(role.pk, "hi").sections}
    assert sections["metrics"].outdated
    assert not sections["overview"].outdated
    # English is the source: nothing is outdated in it.
    assert not {s.key: s for s in draft_article(role.pk, "en").sections}["metrics"].outdated


@pytest.mark.django_db
def test_readers_get_no_article_of_a_role_never_published():
    role = factories.make_role()
    assert load_article(role.slug, "en") is None
    assert load_article("no-such-role", "en") is None


@pytest.mark.django_db
def test_readers_get_the_published_article_not_the_later_draft():
    role = factories.make_role(title_en="As published")
    factories.make_skill(role, name_en="Listening")
    factories.publish(role)
    role.title_en = "Drafted since"
    role.save()
    factories.make_skill(role, name_en="Drafted skill", order=2)
    article = load_article(role.slug, "en")
    assert article.role.title == "As published"
    assert [s.name for s in article.skills] == ["Listening"]
    assert draft_article(role.pk, "en").role.title == "Drafted since"


def _role_with_items(count):
    role = factories.make_role()
    other = factories.make_role()
    location = factories.make_location()
    group = factories.make_responsibility_group(role)
    for n in range(count):
        factories.make_alias(role, order=n)
        factories.make_responsibility(role, order=n, group=group if n % 2 else None)
        factories.make_skill(role, order=n)
        factories.make_career_step(role, order=n, target_role=other)
        factories.make_career_step(other, order=n, target_role=role)
        factories.make_role_metric(role, order=n, note_en="A note")
        factories.make_salary_band(role, location=location if n == 0 else None)
    return role


@pytest.mark.django_db
def test_reading_a_draft_takes_the_same_queries_for_3_items_as_for_30():
    counts = []
    for size in (3, 30):
        role = _role_with_items(size)
        with CaptureQueriesContext(connection) as queries:
            draft_article(role.pk, "ko")
        counts.append(len(queries))
    # The role with its family, one per part, and the roles whose career path leads here.
    assert counts == [len(PARTS) + 2] * 2


@pytest.mark.django_db
def test_reading_a_published_article_takes_two_queries_however_long_it_is(settings):
    settings.STORED_PAGES = False  # the article is read, not its stored page
    counts = []
    for size in (3, 30):
        role = _role_with_items(size)
        factories.publish(role, *(step.target_role for step in role.career_steps.all()))
        with CaptureQueriesContext(connection) as queries:
            article = load_article(role.slug, "ko")
        assert len(article.role_metrics) == size
        counts.append(len(queries))
    # The role as published, then everything it refers to and what refers to it.
    assert counts == [2, 2]
