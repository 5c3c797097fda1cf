"""Reading a role's article: the role, everything its parts list, ready to render.

The one way a role is read, for its page, its embed, the API and the admin: a fixed number
of queries (one for the role and its family, one per part, one for the roles whose career
path leads here), however long the article.
"""

import functools
from dataclasses import dataclass, field

from django.db.models import Prefetch

from articles.parts import BY_SECTION, PARTS
from content.formatting import reading_minutes
from content.languages import SOURCE, text_in
from content.outdated import objects_state, translated_fields
from content.published import find, instance, once, part_rows, related
from roles.models import CareerStep, Role, RoleFamily, Section
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


def with_articles(roles):
    """`roles` with everything their articles show, prefetched."""
    return roles.select_related("family").prefetch_related(
        *(Prefetch(part.name, part.model.objects.select_related(*part.follow)) for part in PARTS),
        # The roles whose career path leads to this one: related roles.
        Prefetch("career_mentions", CareerStep.objects.select_related("role")),
    )


def shown(item, part):
    """An item and the objects whose texts appear beside it (a group, a metric, a place),
    each with the names of the texts a reader reads there."""
    yield item, translated_fields(type(item))
    for name in part.follow:
        related = getattr(item, name)
        if related is not None and not isinstance(related, Role):
            # Read beside the item: only what the part says (a metric's name and definition).
            yield related, part.shows.get(name, ())


@dataclass
class ArticleSection:
    key: str
    section: Section | None = None
    items: list = field(default_factory=list)
    extra: list = field(default_factory=list)
    outdated: bool = False
    # Everything whose text the section shows, with the names of the texts shown.
    shown: list = field(default_factory=list)

    @property
    def objects(self):
        return [obj for obj, _texts in self.shown]

    @property
    def label(self):
        return Section.Key(self.key).label

    @property
    def template(self):
        """The partial that renders what the section lists; prose-only sections have none."""
        return f"roles/sections/{self.key}.html" if self.key in BY_SECTION else None


@dataclass
class Article:
    """A role and the lists of its article; `article.skills` is the list of the part
    named "skills", and the role's own fields read through (`article.title`)."""

    role: Role
    parts: dict
    sections: list = field(default_factory=list)
    related_roles: list = field(default_factory=list)
    reading_minutes: int = 0
    salary_charts: list = field(default_factory=list)
    # The publication readers see (its number: the version a citation names) and when.
    number: int | None = None
    published_at: object = None

    def __getattr__(self, name):
        parts = self.__dict__.get("parts", {})
        if name in parts:
            return parts[name]
        return getattr(self.__dict__["role"], name)

    def objects(self):
        """The role and everything its article lists that belongs to it."""
        yield self.role
        for items in self.parts.values():
            yield from items

    def state(self, language):
        """Complete, missing or outdated in `language`, counting everything it lists."""
        return objects_state(self.objects(), language)


def parts_of(role):
    """The lists of a role read by with_articles(), by part name."""
    return {part.name: list(getattr(role, part.name).all()) for part in PARTS}


def article_of(role, language, mentions, parts=None):
    """The article of a role, laid out for `language`: its lists are `parts` ({part name:
    [items]}), else read by with_articles(); `mentions` are the roles whose career path
    leads to it."""
    parts = parts_of(role) if parts is None else parts
    article = Article(role=role, parts=parts)
    article.sections = _sections(article, language)
    article.related_roles = _related_roles(role, parts["career_steps"], mentions)
    article.reading_minutes = reading_minutes([t for t in _texts(article, language) if t], language)
    article.salary_charts = range_charts(parts["salary_bands"], language)
    return article


def draft_article(role_id, language):
    """The article as drafted now, for a preview; None when there is no such role."""
    role = with_articles(Role.objects.filter(pk=role_id)).first()
    if role is None:
        return None
    return article_of(role, language, [step.role for step in role.career_mentions.all()])


def load_article(slug, language):
    """The article readers see at `slug`: as published. None when nothing is published there.

    Two queries: the role, then everything it refers to (its family, metrics, locations,
    the roles on its career path) and the roles whose career path leads to it.
    """
    published = find(Role, slug)
    if published is None:
        return None
    return article_from(
        published, language, shared=("article", published.object_id, published.number)
    )


def article_from(published, language, *, referred=None, shared=None):
    """The article of a role's published rows (`published`: a Published row, or a kept
    publication's). What it refers to is read as published now, or, with `referred`,
    from referred({model: [ids]}) -> {(kind, id): instance} (an old version reads them as
    they were then, and leaves out the roles whose career path leads to it).

    Pages rendered together (content.published.reading_once) that give the same `shared`
    name (one for each publication of a role, and for what `referred` reads) get the same
    instances, followed once, and the same article in the same language: a publication
    renders a role's page, API answer, embed and card in five languages. Nothing changes
    the instances, the article or its sections once they are made."""
    if shared is None:
        return _laid_out(published, language, _followed_rows(published, referred))
    return once(
        (*shared, language),
        lambda: _laid_out(
            published, language, once(shared, lambda: _followed_rows(published, referred))
        ),
    )


def _laid_out(published, language, followed):
    role, lists, mentions = followed
    article = article_of(role, language, mentions, parts=dict(lists))
    article.number, article.published_at = published.number, published.published_at
    return article


def _followed_rows(published, referred):
    """The role of `published`, its lists ({part name: [items]}) with what their items
    refer to set on them, and the roles whose career path leads to it."""
    role = instance(published)
    items = part_rows(published)
    lists = {part.name: items.get(part.model, []) for part in PARTS}
    # What each part's items refer to (Part.follow): the article's own lists (a
    # responsibility's group) are read from it; other content (a metric, a place, another
    # role), as published.
    own = {part.model: {obj.pk: obj for obj in lists[part.name]} for part in PARTS}
    wanted = {RoleFamily: [role.family_id]}
    for part, foreign_key in _followed():
        if foreign_key.related_model not in own:
            ids = wanted.setdefault(foreign_key.related_model, [])
            ids += [getattr(obj, foreign_key.attname) for obj in lists[part.name]]
    if referred is None:
        # Other roles are links: their titles.
        found = related(wanted.items(), linking_to=[(Role, role)], titles_only=[Role])
        shown = {key: instance(p) for key, p in found.items()}
    else:
        shown = referred(wanted)

    def followed(foreign_key, pk):
        if foreign_key.related_model in own:
            return own[foreign_key.related_model].get(pk)
        return shown.get((foreign_key.related_model._meta.label_lower, pk))

    role.family = shown.get((RoleFamily._meta.label_lower, role.family_id))
    for part, foreign_key in _followed():
        kept = []
        for item in lists[part.name]:
            target = followed(foreign_key, getattr(item, foreign_key.attname))
            # An item that must refer to content readers can no longer see is left out; one
            # that may refer to nothing (a career step's role) is shown without the link.
            if target is not None or foreign_key.null:
                setattr(item, foreign_key.name, target)
                kept.append(item)
        lists[part.name] = kept
    for part in PARTS:
        lists[part.name] = in_model_order(lists[part.name], part.model)
    targets = set(wanted.get(Role, []))
    mentions = [r for (kind, pk), r in shown.items() if kind == "roles.role" and pk not in targets]
    mentions = sorted(mentions, key=lambda r: (r.order, r.pk))
    return role, lists, mentions


@functools.cache
def _followed():
    """(part, foreign key) of every object a part's items refer to."""
    return [(part, part.model._meta.get_field(name)) for part in PARTS for name in part.follow]


def in_model_order(objects, model):
    """`objects` as the model's Meta.ordering sorts its rows, read from the objects they
    refer to: a place moved after a role was published moves the role's salary bands."""
    paths = _ordering(model)
    return sorted(objects, key=lambda obj: tuple(_value(obj, path) for path in paths))


@functools.cache
def _ordering(model):
    """Meta.ordering as attribute paths: ("location", "order") for location__order, the
    foreign key's column for a foreign key ("location_id")."""
    paths = []
    for name in model._meta.ordering:
        *through, last = name.split("__")
        related = model
        for step in through:
            related = related._meta.get_field(step).related_model
        attname = "pk" if last == "pk" else related._meta.get_field(last).attname
        paths.append((*through, attname))
    return paths


def _value(obj, path):
    for name in path:
        obj = getattr(obj, name)
    return obj


def sections_of(role, language=SOURCE):
    """The sections of a role read by with_articles(), in the order readers see them, each
    with the items it lists: the outline the role's form shows."""
    return _sections(Article(role, parts_of(role)), language)


def _sections(article, language):
    stored = {s.key: s for s in article.parts["sections"]}
    keys = list(stored)
    for key in REQUIRED_SECTIONS:
        if key not in keys:
            # Before the takeaways when they exist, otherwise at the end.
            position = keys.index("key-takeaways") if "key-takeaways" in keys else len(keys)
            keys.insert(position, key)
    sections = []
    for key in keys:
        section = ArticleSection(key, stored.get(key))
        part = BY_SECTION.get(key)
        listed = article.parts[part.name] if part else []
        section.items, section.extra = part.arrange(listed) if part else ([], [])
        section.shown = [
            *([(section.section, ("heading", "body"))] if section.section else []),
            *(pair for item in listed for pair in shown(item, part)),
        ]
        section.outdated = language != SOURCE and any(
            language in (obj.outdated or {}) for obj in section.objects
        )
        sections.append(section)
    return sections


def _related_roles(role, steps, mentions):
    """Roles on this role's career path, then roles whose career path leads here."""
    related = [s.target_role for s in steps if s.target_role is not None]
    unique = {r.pk: r for r in [*related, *mentions] if r.pk != role.pk}
    return list(unique.values())


def _texts(article, language):
    """Everything a reader reads on the page in `language`, for the reading time."""
    role = article.role
    texts = {(Role, role.pk): (role, ("title", "summary"))}
    for section in article.sections:
        texts.update(((type(obj), obj.pk), (obj, names)) for obj, names in section.shown)
    texts.update(((type(a), a.pk), (a, ("name",))) for a in article.parts["aliases"])
    # A text shown once for several items (the bands' one citation) is read once.
    # text_in, not the fields' modeltranslation descriptors: the same text (the language's,
    # else English), without asking for the active language for each of about 100 texts.
    yield from dict.fromkeys(
        text_in(obj, name, language)[0] for obj, names in texts.values() for name in names
    )
