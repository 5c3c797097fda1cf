"""A role page: the role's sections in order, each with what it lists, ready to render.

load_article() reads everything the page shows in a fixed number of statements
(roles/article_rows.py explains why they are plain SQL); nothing after it queries.
"""

from dataclasses import dataclass, field
from itertools import groupby

from metrics.models import RoleMetric
from roles.article_rows import attach, rows_of
from roles.formatting import reading_minutes
from roles.models import (
    BestPractice,
    CareerStep,
    Responsibility,
    Role,
    RoleAlias,
    Section,
    Skill,
    Takeaway,
    Tool,
)
from salaries.layout import range_charts
from salaries.models import SalaryBand

# Every role page has these sections, so that links to them never break; a role that has not
# got one yet shows it with a notice instead of leaving it out.
REQUIRED_SECTIONS = [
    Section.Key.OVERVIEW,
    Section.Key.RESPONSIBILITIES,
    Section.Key.METRICS,
    Section.Key.EXPERIENCE,
    Section.Key.SALARY,
    Section.Key.KEY_TAKEAWAYS,
]

LISTING_SECTIONS = {
    Section.Key.RESPONSIBILITIES,
    Section.Key.METRICS,
    Section.Key.SKILLS,
    Section.Key.TOOLS,
    Section.Key.CAREER_PATH,
    Section.Key.BEST_PRACTICES,
    Section.Key.SALARY,
    Section.Key.KEY_TAKEAWAYS,
}


@dataclass
class ArticleSection:
    key: str
    section: Section | None = None
    items: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    outdated: bool = False

    def objects(self):
        """Everything whose text this section shows."""
        if self.section:
            yield self.section
        for item in (*self.items, *self.extra):
            if isinstance(item, tuple):  # a responsibility group and its responsibilities
                group, members = item
                yield from ([group] if group else [])
                yield from members
            else:
                yield item
                if isinstance(item, RoleMetric):
                    yield item.metric

    def is_outdated(self, language):
        return any(language in (obj.outdated or {}) for obj in self.objects())

    @property
    def label(self):
        return Section.Key(self.key).label

    @property
    def template(self):
        """The partial that renders what the section lists; prose-only sections have none."""
        if self.key in LISTING_SECTIONS:
            return f"roles/sections/{self.key}.html"
        return None


@dataclass
class Article:
    role: Role
    aliases: list
    sections: list
    responsibilities: list
    skills: list
    tools: list
    best_practices: list
    takeaways: list
    career_steps: list
    role_metrics: list
    salary_bands: list
    related_roles: list
    reading_minutes: int = 0
    salary_charts: list = field(default_factory=list)


def load_article(slug, language):
    """The article of the role at `slug`, or None when no role has that slug."""
    role = Role.objects.select_related("family").filter(slug=slug).first()
    if role is None:
        return None
    lists = {
        model: rows_of(model, "role_id", role.pk)
        for model in (RoleAlias, Section, Responsibility, Skill, Tool, BestPractice, Takeaway,
                      CareerStep, RoleMetric, SalaryBand)
    }  # fmt: skip
    steps, mentions = lists[CareerStep], rows_of(CareerStep, "target_role_id", role.pk)
    attach(lists[Responsibility], "group")
    attach(steps + mentions, "target_role")
    attach(mentions, "role")
    attach(lists[RoleMetric], "metric")
    attach(lists[SalaryBand], "location")
    bands = sorted(lists[SalaryBand], key=lambda b: (b.location.order, b.location.pk, b.track))
    article = Article(
        role=role,
        aliases=lists[RoleAlias],
        sections=[],
        responsibilities=lists[Responsibility],
        skills=lists[Skill],
        tools=lists[Tool],
        best_practices=lists[BestPractice],
        takeaways=lists[Takeaway],
        career_steps=steps,
        role_metrics=lists[RoleMetric],
        salary_bands=bands,
        related_roles=_related_roles(role, steps, mentions),
    )
    article.sections = _sections(article, lists[Section], language)
    article.reading_minutes = reading_minutes([t for t in _texts(article) if t], language)
    article.salary_charts = range_charts(bands, language)
    return article


def _section_items(article, key):
    if key == Section.Key.RESPONSIBILITIES:
        return [
            (group, list(items))
            for group, items in groupby(article.responsibilities, key=lambda r: r.group)
        ], []
    if key == Section.Key.CAREER_PATH:
        return (
            [s for s in article.career_steps if s.kind == CareerStep.Kind.LADDER],
            [s for s in article.career_steps if s.kind == CareerStep.Kind.LATERAL],
        )
    lists = {
        Section.Key.METRICS: article.role_metrics,
        Section.Key.SKILLS: article.skills,
        Section.Key.TOOLS: article.tools,
        Section.Key.BEST_PRACTICES: article.best_practices,
        Section.Key.KEY_TAKEAWAYS: article.takeaways,
        Section.Key.SALARY: article.salary_bands,
    }
    return lists.get(key, []), []


def _sections(article, stored_sections, language):
    stored = {s.key: s for s in stored_sections}
    keys = list(stored)
    for key in REQUIRED_SECTIONS:
        if key not in keys:
            # Before the takeaways when they exist, otherwise at the end.
            position = keys.index("key-takeaways") if "key-takeaways" in keys else len(keys)
            keys.insert(position, key)
    sections = []
    for key in keys:
        items, extra = _section_items(article, key)
        section = ArticleSection(key, stored.get(key), items, extra)
        section.outdated = language != "en" and section.is_outdated(language)
        sections.append(section)
    return sections


def _related_roles(role, steps, mentions):
    """Roles on this role's career path, then roles whose career path leads here."""
    related = [s.target_role for s in steps if s.target_role_id]
    related += [s.role for s in mentions]
    unique = {r.pk: r for r in related if r.pk != role.pk}
    return list(unique.values())


def _texts(article):
    """Everything a reader reads on the page, for the reading time."""
    role = article.role
    yield from (role.title, role.summary)
    yield from (alias.name for alias in article.aliases)
    for part in article.sections:
        if part.section:
            yield from (part.section.heading, part.section.body)
    for item in (*article.responsibilities, *article.best_practices):
        yield from (item.title, item.description)
    for item in (*article.skills, *article.tools):
        yield from (item.name, item.description)
    for step in article.career_steps:
        yield from (step.title, step.description)
    for takeaway in article.takeaways:
        yield from (takeaway.question, takeaway.answer)
    for role_metric in article.role_metrics:
        yield from (role_metric.metric.name, role_metric.metric.definition, role_metric.note)
