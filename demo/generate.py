"""Synthetic content for measuring: roles in every language, realistic in size and shape,
never mixed with real content.

Everything is drawn from one random generator seeded with the seed and the number of roles,
so a given N and seed always give the same content. Rows are written in bulk, a batch of
roles at a time (memory stays bounded), and published as they are written: each role's
rows become its publication exactly as publishing would store them (content.Published),
and its search documents.
Pages are not rendered here: `manage.py render_pages` stores them afterwards.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from articles.parts import CONTENT_MODELS, PART_MODELS
from content import languages
from content.bulk_insert import insert
from content.languages import CODES, TARGETS
from content.models import Published, PublishedLink, PublishedTitle
from content.outdated import translated_fields
from content.published import label, link_rows, title_rows, to_row
from metrics.models import Metric, RoleMetric
from publishing.models import Publication
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
from search.index import index_new

BATCH = 250
# Distinct words per language.
VOCABULARY = 3000
METRICS = 40
PLACES = [  # (country, currency, typical yearly pay)
    ("US", "USD", 80_000), ("GB", "GBP", 50_000), ("DE", "EUR", 55_000), ("IN", "INR", 900_000),
    ("NO", "NOK", 600_000), ("UA", "UAH", 400_000), ("KR", "KRW", 50_000_000),
]  # fmt: skip
# Syllables that spell plausible words in each language's own script.
SYLLABLES = {
    "en": "ac al an ar be ca ce co de di en er es in is le li lo ma me mi na ne no on or pa "
    "pe ra re ri ro sa se si so ta te ti to tu un ve vi",
    "hi": "क का कि की के को ग गा जा ता ति ते दा दि ना नी प पा मा मे र रा री ल ला वा स सा सी ह हा",
    "uk": "ба ва ві да де ді ка ки ко ла ли ло ма ми на не ні но па пе ро ра ри са се ст та ти то "
    "ці ча",
    "ko": "가 고 관 교 기 나 내 다 대 도 리 마 무 문 사 서 성 수 시 업 영 원 자 장 전 제 지 "
    "책 통 한",
    "nb": "an be de el en er fo ge he ig in ja ke le lø ma me ne no or på ra re sa se sk st ta "
    "te ær",
}


def syllables_of(language):
    """The syllables a language's words are made of: its own where listed above, else pairs
    of the letters of its alphabet (a language added to the registry), else English's."""
    if language in SYLLABLES:
        return SYLLABLES[language].split(" ")
    alphabet = languages.get(language).alphabet or "abcdefghijklmnopqrstuvwxyz"
    vowels = [c for c in alphabet if c in "aeiouyæøåäöüаеєиіїоуюяьáéíóú"] or list(alphabet[:5])
    return [c + v for c in alphabet if c not in vowels for v in vowels]


SECTIONS_OPTIONAL = ["skills", "tools", "career-path", "best-practices", "conclusion"]


class RealContentPresent(Exception):
    pass


@dataclass
class Writer:
    """Rows waiting for a bulk insert, per model."""

    rng: random.Random

    def __post_init__(self):
        self.rows = {}

    def add(self, obj):
        self.rows.setdefault(type(obj), []).append(obj)
        return obj

    def flush(self, models_in_order):
        for model in models_in_order:
            objects = self.rows.pop(model, [])
            if objects:
                insert(model, objects)


class Texts:
    """Words of each language, drawn from a vocabulary made once: a real text repeats its
    words, and drawing whole words keeps generating 10,000 roles to minutes."""

    def __init__(self, rng):
        self.rng = rng
        self.vocabulary = {}
        for language in languages.CODES:
            syllables = syllables_of(language)
            self.vocabulary[language] = [
                "".join(rng.choices(syllables, k=rng.randint(1, 3))) for _ in range(VOCABULARY)
            ]

    def words(self, language, count):
        return self.rng.choices(self.vocabulary[language], k=count)

    def phrase(self, language, low, high):
        words = self.words(language, self.rng.randint(low, high))
        text = " ".join(words)
        return text[:1].upper() + text[1:]

    def sentence(self, language, low=8, high=24):
        return self.phrase(language, low, high) + ("।" if language == "hi" else ".")

    def fill(self, values, field, kind, missing, outdated):
        """Every language's text of `field` into `values`, some translations left out or
        marked outdated (in values["outdated"])."""
        for code in CODES:
            if kind == "word":
                text = self.words(code, 1)[0][:12]
            elif kind == "short":
                text = self.phrase(code, 2, 6)
            else:
                text = self.sentence(code)
            if code in missing:
                text = None
            values[f"{field}_{code}"] = text
        for code in outdated:
            if values[f"{field}_{code}"]:
                values["outdated"].setdefault(code, []).append(field)


def _translation_gaps(rng):
    """Which languages an object's texts are missing in, and which are outdated."""
    missing = {code for code in TARGETS if rng.random() < 0.04}
    outdated = {code for code in TARGETS if code not in missing and rng.random() < 0.04}
    return missing, outdated


def _with_texts(texts, rng, model, short=(), long=(), word=(), **facts):
    """A new `model` with `facts` and texts in every language. The texts are given to the
    constructor: a translated field left out costs a language switch for its default."""
    missing, outdated = _translation_gaps(rng)
    values = {"outdated": {}}
    for field in word:
        texts.fill(values, field, "word", missing, outdated)
    for field in short:
        texts.fill(values, field, "short", missing, outdated)
    for field in long:
        texts.fill(values, field, "long", missing, outdated)
    return model(**facts, **values)


def demo_generate(*, roles, seed=1, progress=None):
    if any(model.objects.exists() for model in CONTENT_MODELS):
        raise RealContentPresent(
            "The database already holds content; demo content goes only into an empty one "
            "(it must never mix with real content). Nothing was generated."
        )
    rng = random.Random(f"{seed}-{roles}")
    texts = Texts(rng)
    with transaction.atomic():
        families = _shared_families(texts, rng, max(3, roles // 250))
        metrics = _shared_metrics(texts, rng)
        locations = _shared_locations(texts, rng)
        for objects in (families, metrics, locations):
            _publish([(obj, {}) for obj in objects])
        all_roles = _roles(texts, rng, roles, families)
    done = 0
    for start in range(0, roles, BATCH):
        with transaction.atomic():
            batch = all_roles[start : start + BATCH]
            parts = _parts(texts, rng, batch, all_roles, metrics, locations)
            _publish([(role, parts[role.pk]) for role in batch])
        done += len(batch)
        if progress:
            progress(done, roles)
    return {
        "roles": roles,
        "families": len(families),
        "metrics": len(metrics),
        "locations": len(locations),
    }


def _shared_families(texts, rng, count):
    families = [
        _with_texts(texts, rng, RoleFamily, short=["name"], slug=f"family-{n}", order=n)
        for n in range(1, count + 1)
    ]
    return insert(RoleFamily, families)


def _shared_metrics(texts, rng):
    metrics = []
    for n in range(1, METRICS + 1):
        facts = {"unit": rng.choice(Metric.Unit.values), "higher_is_better": rng.random() < 0.7}
        metrics.append(_with_texts(
            texts, rng, Metric, short=["name"], word=["abbreviation"],
            long=["definition", "calculation"], code=f"metric-{n}", order=n, **facts,
        ))  # fmt: skip
    return insert(Metric, metrics)


def _shared_locations(texts, rng):
    locations = []
    for n in range(1, 4 * len(PLACES) + 1):
        country, currency, _pay = PLACES[n % len(PLACES)]
        locations.append(_with_texts(
            texts, rng, Location, short=["name"], slug=f"place-{n}", country=country,
            currency=currency, order=n,
        ))  # fmt: skip
    return insert(Location, locations)


def _roles(texts, rng, count, families):
    made = []
    for n in range(1, count + 1):
        family = families[rng.randrange(len(families))]
        updated_on = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(300))
        made.append(_with_texts(
            texts, rng, Role, short=["title"], word=["abbreviation"], long=["summary"],
            slug=f"role-{n:05d}", family=family, order=n, updated_on=updated_on,
        ))  # fmt: skip
    return insert(Role, made)


def _list(texts, rng, model, role, count, short, long, **facts):
    return [
        _with_texts(texts, rng, model, short=short, long=long, role=role, order=order, **facts)
        for order in range(1, count + 1)
    ]


def _texts_of(model):
    """A list with no recipe above (a kind of list added since): its translated texts, short
    for a line, long for a text field. A list that needs more than texts needs a recipe."""
    names = translated_fields(model)
    long = [name for name in names if isinstance(model._meta.get_field(name), models.TextField)]
    return [name for name in names if name not in long], long


def _parts(texts, rng, batch, all_roles, metrics, locations):
    """The lists of each role's article, written in bulk: {role id: {kind: [objects]}}."""
    made = {role.pk: {} for role in batch}
    writer = Writer(rng)
    for role in batch:
        lists = made[role.pk]
        optional = [key for key in SECTIONS_OPTIONAL if rng.random() < 0.6]
        keys = ["overview", "responsibilities", "metrics", *optional[:2], "experience", "salary"]
        keys += [*optional[2:], "key-takeaways"]
        lists[Section] = [
            _with_texts(texts, rng, Section, short=["heading"], long=["body"], role=role,
                        order=n, key=key)
            for n, key in enumerate(keys, start=1)
        ]  # fmt: skip
        lists[RoleAlias] = _list(texts, rng, RoleAlias, role, rng.randint(0, 3), ["name"], [])
        lists[ResponsibilityGroup] = _list(
            texts, rng, ResponsibilityGroup, role, rng.randint(1, 3), ["title"], []
        )
        for model, key in [(Skill, "skills"), (Tool, "tools"), (BestPractice, "best-practices")]:
            count = rng.randint(5, 30) if key in keys else 0
            short = ["name"] if model in (Skill, Tool) else ["title"]
            lists[model] = _list(texts, rng, model, role, count, short, ["description"])
        lists[Takeaway] = _list(texts, rng, Takeaway, role, rng.randint(5, 12), ["question"],
                                ["answer"])  # fmt: skip
        steps = rng.randint(3, 6) if "career-path" in keys else 0
        lists[CareerStep] = [
            _with_texts(
                texts, rng, CareerStep, short=["title"], long=["description"], role=role,
                order=n, kind=rng.choice(CareerStep.Kind.values),
                target_role=rng.choice(all_roles) if rng.random() < 0.5 else None,
            )
            for n in range(1, steps + 1)
        ]  # fmt: skip
        lists[RoleMetric] = [
            _with_texts(texts, rng, RoleMetric, short=["note"] if rng.random() < 0.2 else [],
                        role=role, metric=metric, order=n)
            for n, metric in enumerate(rng.sample(metrics, rng.randint(5, 12)), start=1)
        ]  # fmt: skip
        lists[SalaryBand] = _bands(texts, rng, role, locations)
        for model in PART_MODELS:
            if model not in lists and model is not Responsibility:
                lists[model] = _list(texts, rng, model, role, rng.randint(0, 6), *_texts_of(model))
        for objects in lists.values():
            for obj in objects:
                writer.add(obj)
    # Groups before the responsibilities that belong to them.
    writer.flush([m for m in PART_MODELS if m is not Responsibility])
    for role in batch:
        groups = made[role.pk][ResponsibilityGroup]
        duties = _list(texts, rng, Responsibility, role, rng.randint(5, 30), ["title"],
                       ["description"])  # fmt: skip
        made[role.pk][Responsibility] = [writer.add(item) for item in duties]
        for item in made[role.pk][Responsibility]:
            item.group = groups[rng.randrange(len(groups))]
    writer.flush([Responsibility])
    return {pk: {label(m): items for m, items in lists.items()} for pk, lists in made.items()}


def _bands(texts, rng, role, locations):
    if rng.random() < 0.2:
        return []
    bands = []
    source_missing, _ = _translation_gaps(rng)
    for location in rng.sample(locations, rng.randint(1, 3)):
        typical = next(pay for country, currency, pay in PLACES if currency == location.currency)
        for track in rng.sample(SalaryBand.Track.values, rng.randint(1, 2)):
            low = int(typical * rng.uniform(0.4, 0.9))
            values = {"outdated": {}}
            texts.fill(values, "source", "short", source_missing, ())
            bands.append(SalaryBand(
                role=role, location=location, track=track, minimum=low,
                maximum=int(low * rng.uniform(1.3, 2.5)), currency=location.currency,
                period=SalaryBand.Period.YEAR, as_of=datetime.date(2025, 6, 1), **values,
            ))  # fmt: skip
    return bands


def _publish(entries):
    """Make each (object, {kind: [objects]}) what readers see, as publishing stores it."""
    now = timezone.now()
    published, links, records = [], [], []
    for obj, parts in entries:
        head = to_row(obj)
        rows = {kind: [to_row(item) for item in items] for kind, items in parts.items()}
        key = getattr(obj, "slug", None) or obj.code
        published.append(Published(kind=label(type(obj)), object_id=obj.pk, key=key, head=head,
                                   parts=rows, number=1, published_at=now,
                                   order=head.get("order") or 0))  # fmt: skip
        records.append(Publication(kind=label(type(obj)), object_id=obj.pk, key=key, number=1,
                                   action=Publication.Action.PUBLISH, languages=CODES,
                                   head=head, parts=rows, published_at=now,
                                   note="demo content"))  # fmt: skip
    published = insert(Published, published)
    titles = []
    for row, (obj, parts) in zip(published, entries, strict=True):
        links += link_rows(row, _references(obj, parts))
        titles += title_rows(row)
    insert(PublishedTitle, titles)
    insert(PublishedLink, links)
    insert(Publication, records)
    index_new(published)  # found by search as soon as published, as publishing does


def _references(obj, parts):
    found = set()
    rows = [(obj, False)] + [(item, True) for items in parts.values() for item in items]
    for item, is_item in rows:
        for fk in item._meta.concrete_fields:
            if not isinstance(fk, models.ForeignKey) or fk.related_model in PART_MODELS:
                continue
            if is_item and fk.name == "role":
                continue
            value = getattr(item, fk.attname)
            if value is not None:
                found.add((label(fk.related_model), value))
    return found
