"""What readers can find: the published content, made into search documents.

Publishing calls index_published() and remove() inside its own transaction (publishing/
services.py), so the index changes exactly when what readers see changes, and a refused
publication changes neither. rebuild() makes the whole index again from content.Published
(`manage.py rebuild_search_index`). Drafts are never read here.

A role is found by its title, abbreviation, other titles and summary; each section of its
article by its heading and everything the section shows (its text and the items listed in
it); a metric by its name, abbreviation, definition and calculation; a location by its name
and country. Each in every language, with that language's own texts only: a text not
translated yet is found in English, on the English page.
"""

import babel
from babel.lists import format_list
from django.db import transaction
from django.utils import translation

from articles.parts import PARTS
from content import languages, process_memory
from content.bulk_insert import insert
from content.formatting import babel_locale
from content.models import Published
from content.outdated import translated_fields
from content.published import instance, label, part_rows
from metrics.models import Metric
from roles.models import Role, RoleAlias, Section
from salaries.models import Location
from search import engines
from search.models import Document
from search.text import normalised

# The rules documents are made by: a change to them (search/text.py, what is indexed) goes
# with a new number, and `rebuild_search_index --if-outdated` then rebuilds.
VERSION = 2
INDEXED = [label(Role), label(Metric), label(Location)]
# The lists of a role's article each section shows, with the article's own lists their
# items refer to (Part.follow): responsibility groups head the responsibilities.
PART_MODELS = {part.model for part in PARTS}
SECTION_PARTS = {part.model: part.section for part in PARTS if part.section}
SECTION_PARTS |= {
    part.model._meta.get_field(name).related_model: part.section
    for part in PARTS
    if part.section
    for name in part.follow
    if part.model._meta.get_field(name).related_model in PART_MODELS
}


def _own(obj, field, code):
    return getattr(obj, f"{field}_{code}", None) or ""


def _names(*texts):
    """The names search compares, title first (empty when the language has none)."""
    parts = [normalised(text).strip() for text in texts]
    return " " + " | ".join([parts[0], *(p for p in parts[1:] if p)]) + " "


def _document(published, code, **fields):
    title, title_language = languages.text_in(fields.pop("shown"), fields.pop("field"), code)
    return Document(
        source=published.kind,
        object_id=published.object_id,
        number=published.number,
        version=VERSION,
        language=code,
        key=published.key,
        title=title[:300],
        title_language=title_language or code,
        config=languages.get(code).text_search_config,
        **fields,
    )


def _or_list(names, language):
    """Other names as the language lists alternatives (CLDR through Babel: "A, B, or C")."""
    names = [name for name in names if name]
    return format_list(names, style="or", locale=babel_locale(language)) if names else ""


def _role_documents(published):
    role = instance(published)
    rows = part_rows(published)
    aliases = rows.get(RoleAlias, [])
    sections = {section.key: section for section in rows.get(Section, [])}
    listed = {}
    for model, key in SECTION_PARTS.items():
        for item in rows.get(model, []):
            listed.setdefault(key, []).append(item)
    keys = list(sections) + [key for key in listed if key not in sections]
    for code in languages.CODES:
        other_names = [_own(role, "abbreviation", code), *(_own(a, "name", code) for a in aliases)]
        yield _document(
            published, code, kind=Document.Kind.ROLE, shown=role, field="title",
            position=role.order * 100, also=_or_list(other_names, code),
            body=_own(role, "summary", code),
            names=_names(_own(role, "title", code), *other_names),
            text=normalised(_own(role, "summary", code)),
        )  # fmt: skip
        context, _language = languages.text_in(role, "title", code)
        for n, key in enumerate(keys, start=1):
            section = sections.get(key)
            texts = [_own(section, "body", code)] if section else []
            for item in listed.get(key, []):
                texts += [_own(item, name, code) for name in translated_fields(type(item))]
            # A text several items share (the salary bands' one citation) is read once.
            body = "\n".join(dict.fromkeys(filter(None, texts)))
            heading = _own(section, "heading", code) if section else _label(key, code)
            if not (heading or body):
                continue
            yield _document(
                published, code, kind=Document.Kind.SECTION,
                shown=section or _Label(key, code), field="heading", anchor=key,
                position=role.order * 100 + n, context=context[:300], body=body,
                names=_names(heading), text=normalised(body),
            )  # fmt: skip


def _label(key, code):
    with translation.override(code):
        return str(Section.Key(key).label)


class _Label:
    """A section the article shows without a text of its own: its heading is its label."""

    def __init__(self, key, code):
        self.heading_en = _label(key, languages.SOURCE)
        setattr(self, f"heading_{code}", _label(key, code))


def _metric_documents(published):
    metric = instance(published)
    for code in languages.CODES:
        texts = [_own(metric, "definition", code), _own(metric, "calculation", code)]
        body = "\n".join(filter(None, texts))
        abbreviation = _own(metric, "abbreviation", code)
        yield _document(
            published, code, kind=Document.Kind.METRIC, shown=metric, field="name",
            position=metric.order, also=abbreviation, body=body,
            names=_names(_own(metric, "name", code), abbreviation), text=normalised(body),
        )  # fmt: skip


def _location_documents(published):
    location = instance(published)
    for code in languages.CODES:
        locale = babel.Locale.parse(languages.get(code).babel_locale)
        country = locale.territories.get(location.country, location.country)
        yield _document(
            published, code, kind=Document.Kind.LOCATION, shown=location, field="name",
            position=location.order, body=country,
            names=_names(_own(location, "name", code)), text=normalised(country),
        )  # fmt: skip


_MAKERS = {
    label(Role): _role_documents,
    label(Metric): _metric_documents,
    label(Location): _location_documents,
}


def documents_of(published):
    """The search documents of one published object (none for what is not searched)."""
    maker = _MAKERS.get(published.kind)
    if maker is None:
        return []
    return [d for d in maker(published) if d.names.strip(" |") or d.text.strip()]


def _changed():
    # Servers forget the answers they kept (search/middleware.py).
    process_memory.touch()


def index_published(published):
    """Make the documents of `published` what search finds of it (inside the caller's
    transaction: publishing's)."""
    Document.objects.filter(source=published.kind, object_id=published.object_id).delete()
    insert(Document, documents_of(published))
    _changed()


def index_new(published):
    """Add the documents of objects published for the first time, in bulk (inside the
    caller's transaction: generated demo content is indexed as it is published)."""
    insert(Document, [document for row in published for document in documents_of(row)])
    _changed()


def remove(kind, object_id):
    """Nothing of this object is found any more (it was unpublished)."""
    Document.objects.filter(source=kind, object_id=object_id).delete()
    _changed()


@transaction.atomic
def rebuild():
    """The whole index again, from what is published. Returns how many documents."""
    engines.install()
    Document.objects.all().delete()
    made, documents = 0, []
    for published in Published.objects.filter(kind__in=INDEXED).order_by("pk").iterator(200):
        documents += documents_of(published)
        if len(documents) >= 1000:
            made += len(insert(Document, documents))
            documents = []
    made += len(insert(Document, documents))
    _changed()
    return made


def outdated():
    """Whether the index was made by other rules, or from other publications, than now."""
    if Document.objects.exclude(version=VERSION).exists():
        return True
    published = set(
        Published.objects.filter(kind__in=INDEXED).values_list("kind", "object_id", "number")
    )
    indexed = set(Document.objects.values_list("source", "object_id", "number").distinct())
    return published != indexed
