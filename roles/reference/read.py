"""Reading the reference files into the rows they become, finding every problem first.

A directory is one document: `facts.yaml` holds what is the same in every language (slugs,
order, figures, links) and `<language>.yaml` holds the texts, keyed like the facts. Reading
returns each document's content in the shape the database stores it, or raises
InvalidReference listing every problem with its file, item and cause.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings

from metrics.models import Metric, RoleMetric
from roles.models import (
    SLUG_PATTERN,
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
from roles.text_rules import script_problems, text_problems
from salaries.models import COUNTRY_PATTERN, CURRENCY_PATTERN, Location, SalaryBand

LANGUAGES = [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Problem:
    file: str
    item: str
    message: str

    def __str__(self):
        return f"{self.file}: {self.item}: {self.message}"


class InvalidReference(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class Document:
    name: str
    kind: str
    content: dict
    label: str = ""


class _Source:
    """One document's files, and the problems found while reading them."""

    def __init__(self, root, directory, problems):
        self.directory = directory
        self.name = directory.relative_to(root).as_posix()
        self.label = directory.relative_to(root.parent).as_posix()
        self.problems = problems
        self.facts = self._load("facts.yaml") or {}
        self.texts = {code: self._load(f"{code}.yaml") for code in LANGUAGES}
        self.used = {code: set() for code in LANGUAGES}

    def problem(self, filename, item, message):
        self.problems.append(Problem(f"{self.label}/{filename}", item, message))

    def _load(self, filename):
        try:
            data = yaml.safe_load((self.directory / filename).read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.problem(filename, "(file)", "the file is missing")
        except UnicodeDecodeError:
            self.problem(filename, "(file)", "the file is not UTF-8")
        except yaml.YAMLError as error:
            self.problem(filename, "(file)", f"not valid YAML: {error}".replace("\n", " "))
        else:
            if isinstance(data, dict):
                return data
            self.problem(filename, "(file)", "must hold a mapping of keys to values")
        return None

    # Facts --------------------------------------------------------------------------------

    def fact(self, data, key, item, check, *, default=None, required=True):
        if not isinstance(data, dict) or key not in data:
            if required:
                self.problem("facts.yaml", f"{item}.{key}" if item else key, "missing")
            return default
        value = data[key]
        message = check(value)
        if message:
            self.problem("facts.yaml", f"{item}.{key}" if item else key, f"{message}: {value!r}")
            return default
        return value

    def fact_list(self, key):
        value = self.facts.get(key, [])
        if not isinstance(value, list):
            self.problem("facts.yaml", key, "must be a list")
            return []
        return value

    def item_key(self, entry, section, index, key_field="key"):
        key = entry.get(key_field) if isinstance(entry, dict) else entry
        if not isinstance(key, str) or not re.fullmatch(SLUG_PATTERN, key):
            self.problem("facts.yaml", f"{section}[{index}]", f"not a valid key: {key!r}")
            return None
        return key

    # Texts --------------------------------------------------------------------------------

    def texts_for(self, path, model, field, *, required=None):
        """{field_<lang>: text} for the text at `path` in every language file."""
        model_field = model._meta.get_field(field)
        required = not model_field.blank if required is None else required
        values = {}
        for code in LANGUAGES:
            item = ".".join(path)
            self.used[code].add(path)
            node = self.texts[code]
            for part in path:
                node = node.get(part) if isinstance(node, dict) else None
            if self.texts[code] is None:
                values[f"{field}_{code}"] = ""
                continue
            if node is None:
                self.problem(f"{code}.yaml", item, "missing")
                node = ""
            elif not isinstance(node, str):
                self.problem(f"{code}.yaml", item, "must be text")
                node = ""
            for message in text_problems(node) + (script_problems(node, code) if node else []):
                self.problem(f"{code}.yaml", item, f"contains {message}")
            if "\n" in node and model_field.get_internal_type() == "CharField":
                self.problem(f"{code}.yaml", item, "must be a single line")
            if model_field.max_length and len(node) > model_field.max_length:
                self.problem(f"{code}.yaml", item, f"longer than {model_field.max_length}")
            values[f"{field}_{code}"] = node
        english = values[f"{field}_en"]
        for code in LANGUAGES:
            text = values[f"{field}_{code}"]
            if required and not text and self.texts[code] is not None:
                self.problem(f"{code}.yaml", ".".join(path), "must not be empty")
            elif not required and bool(text) != bool(english) and self.texts[code]:
                self.problem(f"{code}.yaml", ".".join(path), "empty in one language only")
        return values

    def report_unused_texts(self):
        for code in LANGUAGES:
            for path in _leaf_paths(self.texts[code] or {}):
                if path not in self.used[code] and not any(
                    path[: len(u)] == u for u in self.used[code]
                ):
                    self.problem(f"{code}.yaml", ".".join(path), "has no entry in facts.yaml")


def _leaf_paths(node, prefix=()):
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaf_paths(value, (*prefix, str(key)))
    elif prefix:
        yield prefix


# Checks for facts: each returns a message when the value is wrong.


def _slug(value):
    return None if isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) else "not a slug"


def _count(value):
    ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return None if ok else "not a whole number of zero or more"


def _date(value):
    return None if isinstance(value, datetime.date) else "not a date (YYYY-MM-DD)"


def _bool(value):
    return None if isinstance(value, bool) else "not true or false"


def _one_of(choices):
    return lambda value: None if value in choices else f"not one of {', '.join(choices)}"


def _pattern(pattern, what):
    return lambda value: None if isinstance(value, str) and re.fullmatch(pattern, value) else what


def _url(value):
    ok = value == "" or (isinstance(value, str) and re.fullmatch(r"https://\S+", value))
    return None if ok else "not an https address"


# Documents ----------------------------------------------------------------------------------


def _rows(source, section, key_field, facts, model, texts):
    """Rows for a list of shared items (families, locations, metrics), keyed by slug or code."""
    rows = []
    for index, entry in enumerate(source.fact_list(section)):
        item = f"{section}[{index}]"
        key = source.fact(entry, key_field, item, _slug)
        row = {key_field: key}
        row.update({name: source.fact(entry, name, item, check) for name, check in facts.items()})
        for field in texts:
            row.update(source.texts_for((section, str(key), field), model, field))
        rows.append(row)
    return {section: rows}


def _read_families(source):
    return _rows(source, "families", "slug", {"order": _count}, RoleFamily, ("name",))


def _read_locations(source):
    facts = {
        "country": _pattern(COUNTRY_PATTERN, "not an ISO country code"),
        "currency": _pattern(CURRENCY_PATTERN, "not an ISO currency code"),
        "order": _count,
    }
    return _rows(source, "locations", "slug", facts, Location, ("name",))


def _read_metrics(source):
    facts = {"unit": _one_of(Metric.Unit.values), "higher_is_better": _bool, "order": _count}
    texts = ("name", "abbreviation", "definition", "calculation")
    return _rows(source, "metrics", "code", facts, Metric, texts)


def _items(source, section, model, fields, *, flat=False, extra=None, key_field="key"):
    """Rows for a role's list of keyed items, in the order facts.yaml gives them.

    With `flat`, the item's only text sits directly under its key in the language files.
    `extra(entry, item)` returns the item's language-neutral columns.
    """
    rows = []
    for index, entry in enumerate(source.fact_list(section)):
        key = source.item_key(entry, section, index, key_field)
        row = {"order": index + 1}
        if extra:
            row.update(extra(entry, f"{section}[{index}]"))
        for field in fields:
            path = (section, str(key)) if flat else (section, str(key), field)
            row.update(source.texts_for(path, model, field))
        rows.append(row)
    return rows


def _read_role(source):
    facts = source.facts
    role = {
        "slug": source.fact(facts, "slug", "", _slug),
        "family": source.fact(facts, "family", "", _slug),
        "order": source.fact(facts, "order", "", _count, default=0),
        "updated_on": source.fact(facts, "updated_on", "", _date),
    }
    for field in ("title", "abbreviation", "summary"):
        role.update(source.texts_for((field,), Role, field))

    def section_key(entry, item):
        return {"key": source.fact({"key": entry}, "key", item, _one_of(Section.Key.values))}

    group_keys = [
        source.item_key(entry, "responsibility_groups", index)
        for index, entry in enumerate(source.fact_list("responsibility_groups"))
    ]

    def responsibility_group(entry, item):
        group = entry.get("group") if isinstance(entry, dict) else None
        if group is not None and group not in group_keys:
            source.problem("facts.yaml", f"{item}.group", f"no such group: {group!r}")
            group = None
        return {"group": None if group is None else group_keys.index(group) + 1}

    def tool_examples(entry, item):
        examples = str(entry.get("examples", "")) if isinstance(entry, dict) else ""
        for message in text_problems(examples):
            source.problem("facts.yaml", f"{item}.examples", f"contains {message}")
        return {"examples": examples}

    def career_link(entry, item):
        return {
            "kind": source.fact(entry, "kind", item, _one_of(CareerStep.Kind.values)),
            "target_role": source.fact(entry, "role", item, _slug, required=False),
        }

    def metric_note(entry, item):
        code = source.fact(entry, "metric", item, _slug)
        if source.fact(entry, "note", item, _bool, default=False, required=False):
            note = source.texts_for(("metric_notes", str(code)), RoleMetric, "note")
        else:
            note = {f"note_{language}": "" for language in LANGUAGES}
        return {"metric": code, **note}

    sections = _items(source, "sections", Section, ("heading", "body"), extra=section_key)
    if len({s["key"] for s in sections}) != len(sections):
        source.problem("facts.yaml", "sections", "a section is listed twice")

    return {
        "role": role,
        "aliases": _items(source, "aliases", RoleAlias, ("name",), flat=True),
        "sections": sections,
        "responsibility_groups": _items(
            source, "responsibility_groups", ResponsibilityGroup, ("title",), flat=True
        ),
        "responsibilities": _items(
            source,
            "responsibilities",
            Responsibility,
            ("title", "description"),
            extra=responsibility_group,
        ),
        "skills": _items(source, "skills", Skill, ("name", "description")),
        "tools": _items(source, "tools", Tool, ("name", "description"), extra=tool_examples),
        "best_practices": _items(source, "best_practices", BestPractice, ("title", "description")),
        "takeaways": _items(source, "takeaways", Takeaway, ("question", "answer")),
        "career_steps": _items(
            source, "career_path", CareerStep, ("title", "description"), extra=career_link
        ),
        "role_metrics": _items(
            source, "metrics", RoleMetric, (), extra=metric_note, key_field="metric"
        ),
        "salary_bands": _read_salary_bands(source),
    }


def _read_salary_bands(source):
    salary = source.facts.get("salary") or {}
    bands = salary.get("bands") or []
    # The citation is needed exactly when there are figures to cite.
    cited = source.texts_for(("salary_source",), SalaryBand, "source", required=bool(bands))
    if not bands:
        return []
    shared = {
        "as_of": source.fact(salary, "as_of", "salary", _date),
        "source_url": source.fact(salary, "source_url", "salary", _url, default=""),
        **cited,
    }
    rows = []
    for index, band in enumerate(bands):
        item = f"salary.bands[{index}]"
        row = {
            "location": source.fact(band, "location", item, _slug),
            "track": source.fact(band, "track", item, _one_of(SalaryBand.Track.values)),
            "minimum": source.fact(band, "minimum", item, _count, default=0),
            "maximum": source.fact(band, "maximum", item, _count, default=0),
            "currency": source.fact(band, "currency", item, _pattern(CURRENCY_PATTERN, "?")),
            "period": source.fact(band, "period", item, _one_of(SalaryBand.Period.values)),
            **shared,
        }
        if row["minimum"] > row["maximum"]:
            source.problem("facts.yaml", item, "the minimum is above the maximum")
        rows.append(row)
    return sorted(rows, key=lambda r: (r["location"], r["track"], r["period"]))


_READERS = {
    "families": _read_families,
    "locations": _read_locations,
    "metrics": _read_metrics,
}


def read_reference(root):
    """Every document under `root`, checked; raises InvalidReference with all problems."""
    root = Path(root)
    problems = []
    documents = []
    for name, reader in _READERS.items():
        source = _Source(root, root / name, problems)
        documents.append(Document(name, name, reader(source), source.label))
        source.report_unused_texts()
    for directory in sorted(p for p in (root / "roles").iterdir() if p.is_dir()):
        source = _Source(root, directory, problems)
        documents.append(Document(source.name, "role", _read_role(source), source.label))
        source.report_unused_texts()
        if source.facts.get("slug") != directory.name:
            source.problem("facts.yaml", "slug", "must be the name of its directory")
    _check_references(documents, problems)
    if problems:
        raise InvalidReference(problems)
    return documents


def _check_references(documents, problems):
    """Every slug or code a document names exists, in the files or already in the database."""
    content = {d.kind: d.content for d in documents if d.kind != "role"}
    roles = [d for d in documents if d.kind == "role"]
    known = {
        "family": {r["slug"] for r in content["families"]["families"]}
        | set(RoleFamily.objects.values_list("slug", flat=True)),
        "location": {r["slug"] for r in content["locations"]["locations"]}
        | set(Location.objects.values_list("slug", flat=True)),
        "metric": {r["code"] for r in content["metrics"]["metrics"]}
        | set(Metric.objects.values_list("code", flat=True)),
        "role": {d.content["role"]["slug"] for d in roles}
        | set(Role.objects.values_list("slug", flat=True)),
    }
    for document in roles:
        data = document.content
        wanted = [("family", "family", data["role"]["family"])]
        wanted += [("metrics", "metric", m["metric"]) for m in data["role_metrics"]]
        wanted += [("salary.bands", "location", b["location"]) for b in data["salary_bands"]]
        wanted += [
            ("career_path", "role", s["target_role"])
            for s in data["career_steps"]
            if s["target_role"]
        ]
        for item, kind, value in wanted:
            if value not in known[kind]:
                problems.append(
                    Problem(f"{document.label}/facts.yaml", item, f"no {kind} {value!r}")
                )
