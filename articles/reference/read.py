"""Reading the reference files into the rows they become, finding every problem first.

A directory is one document: `facts.yaml` holds what is the same in every language (slugs,
order, figures, links) and `<language>.yaml` holds the texts, keyed like the facts. Which
lists a role document has, and what each item holds, comes from the models of the article's
parts (articles/parts.py): a fact is checked as the model field it fills, a text by the text
rules. Reading returns each document's content in the shape the database stores it, or raises
InvalidReference listing every problem with its file, item and cause.
"""

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.db import models
from modeltranslation.fields import TranslationField

from articles.parts import PARTS, SHARED
from content.languages import CODES, SOURCE
from content.models import SLUG_PATTERN
from content.outdated import translated_fields
from content.text_rules import script_problems, text_problems
from roles.models import Role, RoleFamily

# Fields no reference file sets: they are the database's own, or follow from the document.
NOT_FACTS = {"id", "outdated", "version", "role"}


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


def fact_fields(model):
    """The language-neutral fields of `model` that the facts of a document set."""
    translated = set(translated_fields(model))
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in NOT_FACTS
        and field.name not in translated
        and not isinstance(field, TranslationField)
    ]


# Checks for facts: each returns a message when the value is wrong. A fact is checked by its
# model field's own validation (type, choices, length, validators: what the admin's form
# checks), after a check that YAML gave it the type it needs, so that a quoted "12" or a
# "yes" is not quietly read as a number or a truth.


def _slug(value):
    return None if isinstance(value, str) and re.fullmatch(SLUG_PATTERN, value) else "not a slug"


def _yaml_type(field):
    if isinstance(field, models.BooleanField):
        return bool, "not true or false"
    if isinstance(field, models.IntegerField):
        return int, "not a whole number"
    if isinstance(field, models.DateField):
        return datetime.date, "not a date (YYYY-MM-DD)"
    return str, "not text"


def check_for(field):
    """The check of a fact filling `field`. A reference to another document (a foreign key)
    is a slug, resolved later, and a slug field holds one (the pattern of the models' slug
    constraints); anything else must pass the field's own clean()."""
    if isinstance(field, models.ForeignKey | models.SlugField):
        return _slug
    kind, wrong_kind = _yaml_type(field)

    def check(value):
        # bool is an int in Python, and YAML's true must not fill a number.
        if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
            return wrong_kind
        try:
            field.clean(value, None)
        except ValidationError as error:
            return "; ".join(error.messages)
        return None

    return check


def constraint_problems(model, row):
    """What the model's check constraints (those across fields, such as a minimum not above
    its maximum) say of a row of facts, in the words the admin shows: checked before
    anything is written, so that a broken file changes nothing."""
    values = {
        field.name: row[field.name]
        for field in fact_fields(model)
        if field.name in row and not isinstance(field, models.ForeignKey)
    }
    instance = model(**values)
    exclude = {field.name for field in model._meta.concrete_fields if field.name not in values}
    problems = []
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.CheckConstraint):
            try:
                constraint.validate(model, instance, exclude=exclude)
            except ValidationError as error:
                problems.extend(error.messages)
    return problems


# libyaml, which PyYAML's wheels include (its own parser where it was built without).
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parsed(text):
    """The YAML `text` read by libyaml (the reference's 31 files in 15 ms, where PyYAML's
    own parser took 125 ms, every time the reference is loaded). A file it refuses is read
    again by PyYAML's, whose message quotes the line and points at the column."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        return yaml.safe_load(text)


class _Source:
    """One document's files, and the problems found while reading them."""

    def __init__(self, root, directory, problems):
        self.directory = directory
        self.name = directory.relative_to(root).as_posix()
        self.label = directory.relative_to(root.parent).as_posix()
        self.problems = problems
        self.facts = self._load("facts.yaml") or {}
        self.texts = {code: self._load(f"{code}.yaml") for code in CODES}
        self.used = {code: set() for code in CODES}

    def problem(self, filename, item, message):
        self.problems.append(Problem(f"{self.label}/{filename}", item, message))

    def _load(self, filename):
        try:
            data = _parsed((self.directory / filename).read_text(encoding="utf-8"))
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

    def facts_of(self, model, entry, item, *, skip=()):
        """The language-neutral fields of `model` from a facts entry, each checked, then the
        row by the model's check constraints."""
        found = len(self.problems)
        row = {}
        for field in fact_fields(model):
            if field.name in skip:
                continue
            required = not (field.blank or field.has_default())
            row[field.name] = self.fact(
                entry,
                field.name,
                item,
                check_for(field),
                default=field.get_default(),
                required=required,
            )
        if len(self.problems) == found:  # a wrong field would make the constraints' words wrong
            for message in constraint_problems(model, row):
                self.problem("facts.yaml", item, message)
        return row

    # Texts --------------------------------------------------------------------------------

    def texts_for(self, path, model, field, *, required=None):
        """{field_<lang>: text} for the text at `path` in every language file."""
        model_field = model._meta.get_field(field)
        required = not model_field.blank if required is None else required
        values = {}
        for code in CODES:
            item = ".".join(path)
            self.used[code].add(path)
            node = self.texts[code]
            for part in path:
                node = node.get(part) if isinstance(node, dict) else None
            if self.texts[code] is None:
                values[f"{field}_{code}"] = ""
                continue
            if node is None:
                if required:
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
        english = values[f"{field}_{SOURCE}"]
        for code in CODES:
            text = values[f"{field}_{code}"]
            if required and not text and self.texts[code] is not None:
                self.problem(f"{code}.yaml", ".".join(path), "must not be empty")
            elif not required and bool(text) != bool(english) and self.texts[code]:
                self.problem(f"{code}.yaml", ".".join(path), "empty in one language only")
        return values

    def report_unused_texts(self):
        for code in CODES:
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


def _text_paths(model, prefix, *, short_items=False):
    """Where each text of an item is in the language files: under the item's key; in a
    role's lists the key itself holds the text when it is the item's one, required text (an
    other title, a group's title)."""
    fields = translated_fields(model)
    flat = short_items and len(fields) == 1 and not model._meta.get_field(fields[0]).blank
    return {field: prefix if flat else (*prefix, field) for field in fields}


# Documents ----------------------------------------------------------------------------------


def _read_shared(source, shared):
    """Rows for a list of shared content (families, locations, metrics), keyed by its key."""
    rows = []
    for index, entry in enumerate(source.fact_list(shared.name)):
        item = f"{shared.name}[{index}]"
        key = source.fact(entry, shared.key, item, _slug)
        row = {shared.key: key, **source.facts_of(shared.model, entry, item, skip={shared.key})}
        for field, path in _text_paths(shared.model, (shared.name, str(key))).items():
            row.update(source.texts_for(path, shared.model, field))
        rows.append(row)
    return {shared.name: rows}


def _part_rows(source, part, keys):
    """Rows for one list of a role article, in the order facts.yaml gives them."""
    rows = []
    name = part.public_name
    for index, entry in enumerate(source.fact_list(name)):
        item = f"{name}[{index}]"
        if not isinstance(entry, dict):
            entry = {part.identity: entry}
        key = entry.get(part.identity)
        if not isinstance(key, str) or not re.fullmatch(SLUG_PATTERN, key):
            source.problem("facts.yaml", item, f"not a valid key: {key!r}")
        row = {"order": index + 1} if part.ordered else {}
        within = {f.name for f in fact_fields(part.model) if f.related_model in keys}
        row.update(source.facts_of(part.model, entry, item, skip={"order", *within}))
        for field_name in within:
            # Another list of the same article (a responsibility's group), by its key.
            target = entry.get(field_name)
            known = keys[part.model._meta.get_field(field_name).related_model]
            if target is not None and target not in known:
                source.problem("facts.yaml", f"{item}.{field_name}", f"no such key: {target!r}")
            row[field_name] = known.index(target) + 1 if target in known else None
        for field, path in _text_paths(part.model, (name, str(key)), short_items=True).items():
            row.update(source.texts_for(path, part.model, field))
        rows.append(row)
    return rows


def _item_keys(source, part):
    entries = source.fact_list(part.public_name)
    return [e.get(part.identity) if isinstance(e, dict) else e for e in entries]


def _read_salary_bands(source, part):
    """Bands share one citation and date, so the files give them once: facts.yaml under
    salary (as_of, source_url, bands) and each language's citation as salary_source. Each
    language names whom a band is for under salary_job_titles.<location>.<track>."""
    salary = source.facts.get("salary") or {}
    bands = salary.get("bands") or []
    # The citation is needed exactly when there are figures to cite.
    cited = source.texts_for(("salary_source",), part.model, "source", required=bool(bands))
    shared = {name: salary[name] for name in ("as_of", "source_url") if name in salary}
    rows = []
    for index, band in enumerate(bands):
        item = f"salary.bands[{index}]"
        entry = {**shared, **band} if isinstance(band, dict) else shared
        row = {**source.facts_of(part.model, entry, item), **cited}
        # Whom the source gives the figures for, per place and track: salary_job_titles.
        path = ("salary_job_titles", str(row["location"]), str(row["track"]))
        row.update(source.texts_for(path, part.model, "job_title", required=False))
        rows.append(row)
    return sorted(rows, key=lambda r: (r["location"], r["track"], r["period"]))


# The lists whose files have a shape of their own.
_READ_PART = {"salary_bands": _read_salary_bands}


def _read_role(source):
    role = {"slug": source.fact(source.facts, "slug", "", _slug)}
    role.update(source.facts_of(Role, source.facts, "", skip={"slug"}))
    for field, path in _text_paths(Role, ()).items():
        role.update(source.texts_for(path, Role, field))
    content = {"role": role}
    keys = {part.model: _item_keys(source, part) for part in PARTS}
    for part in PARTS:
        reader = _READ_PART.get(part.name)
        content[part.name] = reader(source, part) if reader else _part_rows(source, part, keys)
    if len({s["key"] for s in content["sections"]}) != len(content["sections"]):
        source.problem("facts.yaml", "sections", "a section is listed twice")
    return content


def read_reference(root):
    """Every document under `root`, checked; raises InvalidReference with all problems."""
    root = Path(root)
    problems = []
    documents = []
    for shared in SHARED:
        source = _Source(root, root / shared.name, problems)
        documents.append(Document(shared.name, shared.name, _read_shared(source, shared)))
        documents[-1].label = source.label
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


def _known_keys(documents):
    """The key of every role and shared object, in the files or already in the database."""
    known = {
        Role: {d.content["role"]["slug"] for d in documents if d.kind == "role"}
        | set(Role.objects.values_list("slug", flat=True))
    }
    for shared in SHARED:
        files = next(d.content[shared.name] for d in documents if d.kind == shared.name)
        known[shared.model] = {row[shared.key] for row in files} | set(
            shared.model.objects.values_list(shared.key, flat=True)
        )
    return known


def _check_references(documents, problems):
    """Every slug or code a document names exists."""
    known = _known_keys(documents)
    for document in (d for d in documents if d.kind == "role"):
        content = document.content
        named = [("family", RoleFamily, content["role"]["family"])]
        for part in PARTS:
            for field in fact_fields(part.model):
                if field.related_model in known:
                    named += [
                        (_listed_as(part), field.related_model, row[field.name])
                        for row in content[part.name]
                        if row[field.name]
                    ]
        for item, model, value in named:
            if value not in known[model]:
                what = _name_of(model)
                problems.append(
                    Problem(f"{document.label}/facts.yaml", item, f"no {what} {value!r}")
                )


def _listed_as(part):
    return "salary.bands" if part.name in _READ_PART else part.public_name


def _name_of(model):
    return "family" if model is RoleFamily else str(model._meta.verbose_name)
