"""A role page: the role's sections in order, each with what it lists, ready to render.

Built from a role fetched with `Role.objects.with_page_data()`, so that nothing here queries.
"""

from dataclasses import dataclass, field
from itertools import groupby

from roles.formatting import reading_minutes
from roles.models import CareerStep, Section
from salaries.layout import range_charts

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
                if hasattr(item, "metric"):
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
    role: object
    sections: list
    related_roles: list
    reading_minutes: int
    salary_charts: list


def _section_items(role, key, language):
    if key == Section.Key.RESPONSIBILITIES:
        responsibilities = list(role.responsibilities.all())
        return [
            (group, list(items))
            for group, items in groupby(responsibilities, key=lambda r: r.group)
        ], []
    if key == Section.Key.CAREER_PATH:
        steps = list(role.career_steps.all())
        return (
            [s for s in steps if s.kind == CareerStep.Kind.LADDER],
            [s for s in steps if s.kind == CareerStep.Kind.LATERAL],
        )
    lists = {
        Section.Key.METRICS: role.role_metrics.all,
        Section.Key.SKILLS: role.skills.all,
        Section.Key.TOOLS: role.tools.all,
        Section.Key.BEST_PRACTICES: role.best_practices.all,
        Section.Key.KEY_TAKEAWAYS: role.takeaways.all,
        Section.Key.SALARY: role.salary_bands.all,
    }
    return (list(lists[key]()) if key in lists else []), []


def _related_roles(role):
    """Roles on this role's career path, then roles whose career path leads here."""
    related = [s.target_role for s in role.career_steps.all() if s.target_role]
    related += [s.role for s in role.career_mentions.all()]
    unique = {r.pk: r for r in related if r.pk != role.pk}
    return list(unique.values())


def _texts(role, sections):
    """Everything a reader reads on the page, for the reading time."""
    yield from (role.title, role.summary)
    yield from (alias.name for alias in role.aliases.all())
    for article_section in sections:
        if article_section.section:
            yield article_section.section.heading
            yield article_section.section.body
    for item in (*role.responsibilities.all(), *role.best_practices.all()):
        yield from (item.title, item.description)
    for item in (*role.skills.all(), *role.tools.all()):
        yield from (item.name, item.description)
    for step in role.career_steps.all():
        yield from (step.title, step.description)
    for takeaway in role.takeaways.all():
        yield from (takeaway.question, takeaway.answer)
    for role_metric in role.role_metrics.all():
        yield from (role_metric.metric.name, role_metric.metric.definition, role_metric.note)


def build_article(role, language):
    stored = {s.key: s for s in role.sections.all()}
    keys = list(stored)
    for key in REQUIRED_SECTIONS:
        if key not in keys:
            # Before the takeaways when they exist, otherwise at the end.
            position = keys.index("key-takeaways") if "key-takeaways" in keys else len(keys)
            keys.insert(position, key)
    sections = []
    for key in keys:
        items, extra = _section_items(role, key, language)
        section = ArticleSection(key, stored.get(key), items, extra)
        section.outdated = language != "en" and section.is_outdated(language)
        sections.append(section)
    return Article(
        role=role,
        sections=sections,
        related_roles=_related_roles(role),
        reading_minutes=reading_minutes([t for t in _texts(role, sections) if t], language),
        salary_charts=range_charts(list(role.salary_bands.all()), language),
    )
