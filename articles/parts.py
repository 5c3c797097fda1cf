"""What a role's article is made of, declared once.

Each Part is one kind of list a role article has. The loader, the article's sections, the
admin's inlines and list pages, history, the reference files, backups and the read API are
all derived from PARTS; SHARED lists the content roles refer to (families, metrics,
locations). Adding a kind of list item means: a model, a Part here, a section partial
(jinja2/roles/sections/<section>.html) and its texts in the reference files.
"""

from dataclasses import dataclass, field

from ninja import Schema
from pydantic import create_model

from content.outdated import translated_fields
from metrics.models import Metric, RoleMetric
from metrics.schemas import RoleMetricOut
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
from roles.schemas import (
    CareerStepOut,
    NamedText,
    ResponsibilityOut,
    TakeawayOut,
    TitledText,
    ToolOut,
)
from salaries.models import Location, SalaryBand
from salaries.schemas import SalaryBandOut


def as_listed(items):
    """A section's items as the part lists them, in editorial order."""
    return items, []


def by_group(responsibilities):
    """Responsibilities under their groups, each group once, in the order groups first
    appear (responsibilities of two groups may interleave in editorial order)."""
    groups = {}
    for responsibility in responsibilities:
        groups.setdefault(responsibility.group_id, (responsibility.group, []))[1].append(
            responsibility
        )
    return list(groups.values()), []


def ladder_then_lateral(steps):
    """The career ladder, then the other directions a career may take from this role."""
    return (
        [s for s in steps if s.kind == CareerStep.Kind.LADDER],
        [s for s in steps if s.kind == CareerStep.Kind.LATERAL],
    )


def judged_then_reported(role_metrics):
    """The metrics the role is judged by, then those it only analyses and reports on."""
    return (
        [m for m in role_metrics if m.kind != RoleMetric.Kind.REPORTS_ON],
        [m for m in role_metrics if m.kind == RoleMetric.Kind.REPORTS_ON],
    )


@dataclass(frozen=True)
class Part:
    model: type
    # The role's related name for the list, and the key of its rows in a reference document.
    name: str
    # The article section that shows it (None: shown elsewhere on the page).
    section: str | None = None
    # Foreign keys read with each item; their objects' texts appear beside it.
    follow: tuple = ()
    # The texts of a followed object that are read beside each item (for reading times).
    shows: dict = field(default_factory=dict)
    # The list's name in the reference files and the API, where it differs from `name`.
    key: str | None = None
    # What names an item in the reference files: its key, or the object it refers to.
    identity: str = "key"
    # How the section lays out the items: (items, extra).
    arrange: object = as_listed
    # The API's shape of an item; None keeps the list out of the API, else a shape of the
    # item's texts is made from the model.
    schema: type | None = None
    in_api: bool = True

    @property
    def public_name(self):
        return self.key or self.name

    @property
    def ordered(self):
        return any(field.name == "order" for field in self.model._meta.fields)

    def api_schema(self):
        if not self.in_api:
            return None
        if self.schema is not None:
            return self.schema
        texts = dict.fromkeys(translated_fields(self.model), (str, ...))
        return create_model(f"{self.model.__name__}Out", __base__=Schema, **texts)


PARTS = [
    Part(RoleAlias, "aliases", in_api=False),
    Part(Section, "sections", in_api=False),
    Part(ResponsibilityGroup, "responsibility_groups", in_api=False),
    Part(
        Responsibility,
        "responsibilities",
        section=Section.Key.RESPONSIBILITIES,
        follow=("group",),
        arrange=by_group,
        schema=ResponsibilityOut,
    ),
    Part(Skill, "skills", section=Section.Key.SKILLS, schema=NamedText),
    Part(Tool, "tools", section=Section.Key.TOOLS, schema=ToolOut),
    Part(BestPractice, "best_practices", section=Section.Key.BEST_PRACTICES, schema=TitledText),
    Part(Takeaway, "takeaways", section=Section.Key.KEY_TAKEAWAYS, schema=TakeawayOut),
    Part(
        CareerStep,
        "career_steps",
        section=Section.Key.CAREER_PATH,
        follow=("target_role",),
        key="career_path",
        arrange=ladder_then_lateral,
        schema=CareerStepOut,
    ),
    Part(
        RoleMetric,
        "role_metrics",
        section=Section.Key.METRICS,
        follow=("metric",),
        shows={"metric": ("name", "definition")},
        key="metrics",
        identity="metric",
        arrange=judged_then_reported,
        schema=RoleMetricOut,
    ),
    Part(
        SalaryBand,
        "salary_bands",
        section=Section.Key.SALARY,
        follow=("location",),
        schema=SalaryBandOut,
    ),
]

PART_MODELS = [part.model for part in PARTS]
BY_SECTION = {part.section: part for part in PARTS if part.section}


@dataclass(frozen=True)
class Shared:
    """Content that roles refer to by a key that never changes."""

    model: type
    # The name of its reference document (reference/<name>/).
    name: str
    # The field that names it in addresses and in the reference files.
    key: str


SHARED = [
    Shared(RoleFamily, "families", "slug"),
    Shared(Location, "locations", "slug"),
    Shared(Metric, "metrics", "code"),
]

# Everything a role's article or the site's shared content is stored in, parents first.
CONTENT_MODELS = [*(shared.model for shared in SHARED), Role, *PART_MODELS]
# What readers see on its own, published as one: a role with its article, and what roles
# refer to (the family, metrics, locations).
PUBLISHABLE = [Role, *(shared.model for shared in SHARED)]


def natural_key(model):
    """The field other content names `model` by, in the reference files and backups."""
    if model is Role:
        return "slug"
    return next(shared.key for shared in SHARED if shared.model is model)
