"""Objects for tests, with every required field filled in English only unless told otherwise."""

import datetime
import itertools

from metrics.models import Metric, RoleMetric
from roles.models import (
    BestPractice,
    CareerStep,
    Responsibility,
    ResponsibilityGroup,
    Role,
    RoleAlias,
    RoleFamily,
    Section,
    Skill,
    Takeaway,
    Tool,
)
from salaries.models import Location, SalaryBand

_numbers = itertools.count(1)


def make_family(**fields):
    n = next(_numbers)
    return RoleFamily.objects.create(**{"slug": f"family-{n}", "name_en": f"Family {n}", **fields})


def make_role(**fields):
    n = next(_numbers)
    defaults = {
        "slug": f"role-{n}",
        "title_en": f"Role {n}",
        "summary_en": f"What role {n} does.",
        "updated_on": datetime.date(2025, 5, 6),
    }
    if "family" not in fields:
        defaults["family"] = make_family()
    return Role.objects.create(**{**defaults, **fields})


def make_alias(role, **fields):
    return RoleAlias.objects.create(**{"role": role, "name_en": "Also known as", **fields})


def make_section(role, **fields):
    return Section.objects.create(
        **{"role": role, "key": "overview", "heading_en": "Overview", "body_en": "Text.", **fields}
    )


def make_responsibility_group(role, **fields):
    return ResponsibilityGroup.objects.create(**{"role": role, "title_en": "A group", **fields})


def make_responsibility(role, **fields):
    return Responsibility.objects.create(
        **{"role": role, "title_en": "A duty", "description_en": "What it means.", **fields}
    )


def make_skill(role, **fields):
    return Skill.objects.create(
        **{"role": role, "name_en": "A skill", "description_en": "Why it matters.", **fields}
    )


def make_tool(role, **fields):
    return Tool.objects.create(
        **{"role": role, "name_en": "A tool", "description_en": "What it is for.", **fields}
    )


def make_best_practice(role, **fields):
    return BestPractice.objects.create(
        **{"role": role, "title_en": "A practice", "description_en": "How to do it.", **fields}
    )


def make_takeaway(role, **fields):
    return Takeaway.objects.create(
        **{"role": role, "question_en": "A question?", "answer_en": "An answer.", **fields}
    )


def make_career_step(role, **fields):
    return CareerStep.objects.create(
        **{"role": role, "title_en": "A step", "description_en": "What it involves.", **fields}
    )


def make_metric(**fields):
    n = next(_numbers)
    defaults = {
        "code": f"metric-{n}",
        "name_en": f"Metric {n}",
        "definition_en": "What it measures.",
        "calculation_en": "How it is worked out.",
        "unit": Metric.Unit.PERCENT,
        "higher_is_better": True,
    }
    return Metric.objects.create(**{**defaults, **fields})


def make_role_metric(role, metric=None, **fields):
    return RoleMetric.objects.create(role=role, metric=metric or make_metric(), **fields)


def make_location(**fields):
    n = next(_numbers)
    defaults = {"slug": f"city-{n}", "name_en": f"City {n}", "country": "US", "currency": "USD"}
    return Location.objects.create(**{**defaults, **fields})


def make_salary_band(role, location=None, **fields):
    defaults = {
        "track": SalaryBand.Track.INDIVIDUAL_CONTRIBUTOR,
        "minimum": 30_000,
        "maximum": 70_000,
        "currency": "USD",
        "source_en": "A salary survey",
        "as_of": datetime.date(2024, 3, 5),
    }
    return SalaryBand.objects.create(
        role=role, location=location or make_location(), **{**defaults, **fields}
    )


def publish(*objects, languages=None):
    """Publish `objects` as an editor would, each role with the family, metrics and
    locations it refers to, in every language unless told otherwise."""
    from content.languages import CODES
    from publishing.services import content_publish_together

    wanted = []
    for obj in objects:
        if isinstance(obj, Role):
            wanted.append(obj.family)
            wanted += [rm.metric for rm in obj.role_metrics.all()]
            wanted += [band.location for band in obj.salary_bands.all()]
        wanted.append(obj)
    unique = list({(type(o), o.pk): o for o in wanted}.values())
    return content_publish_together(objects=unique, languages=languages or CODES)


def make_staff(username, group=None, *, superuser=False):
    """A staff user in `group` (an editors', translators' or reviewers' group, made by
    setup_groups: the `groups` fixture), read afresh so that its permissions are current."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        username, f"{username}@example.com", "a-long-passphrase", is_staff=True,
        is_superuser=superuser,
    )  # fmt: skip
    if group:
        user.groups.add(Group.objects.get(name=group))
    return User.objects.get(pk=user.pk)
