"""What readers see: published content, read back as model instances.

Each published object keeps the rows it was published with in content.Published (every
language's text as published in that language). Reading them builds model instances like
the ORM's own, so templates and API schemas read them as any other instance; an object they
refer to is set on its foreign key as select_related would, and the lists a page shows are
plain lists beside them (an article's parts, a family's first roles), so nothing a reader
sees comes from the drafts and no related manager is asked for them.

While a page is rendered for storing, every read is noted (`reads`), so that a later
publication knows which stored pages it changes.
"""

import contextlib
import contextvars
import functools

from django.apps import apps
from django.db import connection, models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Subquery, Window
from django.db.models.base import ModelState
from django.db.models.fields.json import KeyTransform
from django.db.models.functions import RowNumber

from content.dependencies import Dependency
from content.formatting import initial, sort_text
from content.languages import CODES, SOURCE
from content.models import Published, PublishedLink, PublishedTitle
from content.outdated import translated_fields
from content.snapshots import SCHEMA, UnreadableRow, upgraded_row

_reads = contextvars.ContextVar("published_reads", default=None)
# What the pages rendered together have read (`reading_once`): {query: Published rows}.
_read_before = contextvars.ContextVar("published_read_before", default=None)


def label(model):
    return model._meta.label_lower


# Rows --------------------------------------------------------------------------------------


@functools.cache
def stored_fields(model):
    """The columns a row keeps: every concrete field but the untranslated copy that
    modeltranslation keeps of each translated one (title beside title_en, title_hi, …)."""
    copies = set(translated_fields(model))
    return [field for field in model._meta.concrete_fields if field.name not in copies]


@functools.cache
def _reading(model):
    """How a row becomes an instance: the attribute names, and which values JSON keeps as
    text that the field holds otherwise (dates)."""
    fields = stored_fields(model)
    converted = {
        field.attname: field.to_python
        for field in fields
        if isinstance(field, models.DateField | models.DecimalField | models.UUIDField)
    }
    return [field.attname for field in fields], converted


def to_row(obj):
    """An object's columns as published, by attribute name."""
    return {field.attname: field.value_from_object(obj) for field in stored_fields(type(obj))}


def from_row(model, row, schema=SCHEMA):
    """The instance a published row describes, as if the ORM had read it. A row read from
    the stored JSON on its own (a `listed` part) names the `schema` it was kept in; rows of
    a Published or Publication's head and parts are upgraded when it is loaded."""
    names, converted = _reading(model)
    row = upgraded_row(label(model), row, schema)
    missing = [name for name in names if name not in row]
    if missing:
        raise UnreadableRow(
            f"A published {label(model)} row (schema {schema}) has no {', '.join(missing)}: "
            "a field changed without an upgrade in content/snapshots.py."
        )
    # What Model.from_db makes of a row with the untranslated copies deferred, made
    # directly: its values in the instance's __dict__ (where Model.__init__ puts them;
    # none of these fields has a descriptor that changes a value set) and its state. The
    # ORM's way, through Model.__init__, modeltranslation's wrapper of it and the
    # pre_init/post_init signals, took 0.28 ms for a role's 31 rows, this 0.05 ms.
    # tests/content/test_published_rows.py compares the two.
    obj = model.__new__(model)
    obj._state = ModelState()
    obj._state.adding, obj._state.db = False, "default"
    values = obj.__dict__
    for name in names:
        value = row[name]
        if value is not None and name in converted:
            value = converted[name](value)
        values[name] = value
    return obj


def instance(published):
    """The object a Published row is, from its own row."""
    return from_row(apps.get_model(published.kind), published.head)


def part_rows(published):
    """{model: [instances]} of the lists published with the object."""
    return {
        apps.get_model(kind): [from_row(apps.get_model(kind), row) for row in rows]
        for kind, rows in published.parts.items()
    }


# Dependencies of stored pages ---------------------------------------------------------------


# What a page shows of a published object, each a dependency publishing compares
# (publishing.services): the whole of it (its own page); its row without its lists (a
# list's entry: title, summary, family); only its address and title (a link to it); one of
# its lists, besides its title (a metric's page shows each role's note on it).
WHOLE, HEAD, TITLE, PART = Dependency.WHOLE, Dependency.HEAD, Dependency.TITLE, Dependency.PART


@contextlib.contextmanager
def noting_reads():
    """Collect the Dependency of everything read inside the block (content.dependencies)."""
    token = _reads.set(set())
    try:
        yield _reads.get()
    finally:
        _reads.reset(token)


@contextlib.contextmanager
def reading_once():
    """Inside the block, each query of this module is made once, however many pages make
    it: a publication renders a role's page, its API answer, its embed and its card, and
    the index, the lists and the feed, in five languages, each reading the same rows. Each
    page still notes what it read. Only for pages rendered together, in one transaction:
    the rows are those of the moment the first page read them."""
    token = _read_before.set({})
    try:
        yield
    finally:
        _read_before.reset(token)


def _once(key, read):
    """read(), or what it gave the first time inside reading_once()."""
    before = _read_before.get()
    if before is None:
        return read()
    if key not in before:
        before[key] = read()
    return before[key]


# Inside reading_once, most of this module's reads are answered from what an earlier page
# read: each builds its QuerySet only when it makes the query, in the function it hands
# _once, since building one costs about as much as the rest of the read.


def once(key, read):
    """read(), made once for the pages rendered together (reading_once), for what other
    modules read that does not change while they render (a role's kept publication, an
    article's rows followed). `key` names it, apart from this module's own queries. What
    read() noted the first time (noting_reads), each page that gets it notes again: a
    page's reads are the same whether it was rendered first or not."""
    before = _read_before.get()
    if before is None:
        return read()
    key = ("once", *key)
    if key not in before:
        with noting_reads() as reads:
            value = read()
        before[key] = (value, frozenset(reads))
    value, reads = before[key]
    for dependency in reads:
        _note(dependency)
    return value


def _note(dependency):
    noted = _reads.get()
    if noted is not None:
        noted.add(dependency)


# Queries -----------------------------------------------------------------------------------

# The queries every role page makes (find, related) are written in SQL: building and
# compiling them through the ORM took three times as long as making them and reading their
# rows (1.1 of 1.7 ms, an eighth of the page). The rows are read as the ORM reads them
# (Manager.raw: the fields' converters, Published.from_db; a column not selected is deferred).
# Their text depends only on the models and the database's quoting, the same for the
# process: it is made once (building it each time was 0.07 ms a role page).


@functools.cache
def _column(name, model=Published):
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"


def _link_column(name):
    return _column(name, PublishedLink)


@functools.cache
def _select(parts=True):
    """SELECT every column of Published (`parts`, its lists, only when asked) FROM it."""
    columns = [field.name for field in Published._meta.concrete_fields]
    columns = ", ".join(_column(name) for name in columns if parts or name != "parts")
    return f"SELECT {columns} FROM {connection.ops.quote_name(Published._meta.db_table)}"


@functools.cache
def _joined_links():
    """The join of each Published row to the links from it (Published.links)."""
    table = connection.ops.quote_name(PublishedLink._meta.db_table)
    return f"INNER JOIN {table} ON {_column('id')} = {_link_column('source')}"


def find(model, key):
    """The published object of `model` at `key` (its slug or code), or None."""
    kind = label(model)

    def read():
        sql = f"{_select()} WHERE {_column('kind')} = %s AND {_column('key')} = %s"
        return next(iter(Published.objects.raw(sql, [kind, key])), None)

    published = _once(("find", kind, key), read)
    _note(Dependency.whole(kind, published.object_id if published else key))
    return published


def find_by_id(model, object_id):
    kind = label(model)
    _note(Dependency.whole(kind, object_id))
    return Published.objects.filter(kind=kind, object_id=object_id).first()


def every(model, *, with_parts=False):
    """Every published object of `model`."""
    kind = label(model)
    _note(Dependency.of_kind(kind))
    if with_parts:
        return _shown(
            _once(("every", kind, WHOLE), lambda: list(Published.objects.filter(kind=kind))),
            WHOLE,
        )
    return _shown(
        _once(("every", kind), lambda: list(Published.objects.filter(kind=kind).defer("parts")))
    )


def _shown(rows, shows=HEAD, part=None):
    """The rows, each noted as read (what the page `shows` of it, and the list `part` of
    its parts): a publication that changes that renders the page again even when no object
    came or went. A row read without its parts shows at most its head."""
    rows = list(rows)
    for published in rows:
        _note(Dependency.shown(shows, published.kind, published.object_id))
        if part is not None:
            _note(Dependency.part(published.kind, published.object_id, part))
    return rows


def related(references, linking_to=(), titles_only=()):
    """In one query: the published objects named by `references` (pairs of model and ids),
    and those of the models in `linking_to` (pairs of model and an object) that refer to
    that object. {(kind, object_id): Published}. Of the models in `titles_only` the page
    shows no more than links (address and title)."""
    titled = {label(model) for model in titles_only}

    def shows(kind):
        return TITLE if kind in titled else HEAD

    asked = []
    for model, ids in references:
        ids = {i for i in ids if i is not None}
        for object_id in ids:
            _note(Dependency.shown(shows(label(model)), label(model), object_id))
        if ids:
            asked.append((label(model), tuple(sorted(ids))))
    for model, target in linking_to:
        _note(Dependency.links(label(target), target.pk))
        asked.append((label(model), "linking to", label(target), target.pk))

    def read():
        # A union, each part through its index: one condition joining the links for some
        # of its alternatives reads both tables whole, as long as the site is large.
        heads, of_kind = _select(parts=False), f"{_column('kind')} = %s"
        selects, params = [], []
        for kind, *condition in asked:
            if condition[0] == "linking to":
                _linking, target_kind, target_id = condition
                where = f"{_link_column('kind')} = %s AND {_link_column('target_id')} = %s"
                selects.append(f"{heads} {_joined_links()} WHERE {of_kind} AND {where}")
                params += [kind, target_kind, target_id]
            else:
                ids = condition[0]
                where = f"{_column('object_id')} IN ({', '.join(['%s'] * len(ids))})"
                selects.append(f"{heads} WHERE {of_kind} AND {where}")
                params += [kind, *ids]
        return list(Published.objects.raw(" UNION ".join(selects), params)) if selects else []

    found = _once(("related", *asked), read)
    for published in found:
        _note(Dependency.shown(shows(published.kind), published.kind, published.object_id))
    return {(p.kind, p.object_id): p for p in found}


def sort(objects):
    """In the editorial order the models' Meta gives (order, then pk)."""
    return sorted(objects, key=lambda obj: (getattr(obj, "order", 0), obj.pk))


# What lists read -----------------------------------------------------------------------------


def titles_of(head):
    """(language, initial, sort) of a published object's title in every language, as an A to
    Z lists it (its English title where it has none); none for content without a title."""
    if f"title_{SOURCE}" not in head:
        return []
    rows = []
    for code in CODES:
        title = head.get(f"title_{code}") or head.get(f"title_{SOURCE}") or ""
        rows.append((code, initial(title, code), sort_text(title, code)))
    return rows


def title_rows(published):
    """The rows (unsaved) an A to Z reads of `published`: its title in every language."""
    return [
        PublishedTitle(source=published, kind=published.kind, language=code, initial=first,
                       sort=sort)
        for code, first, sort in titles_of(published.head)
    ]  # fmt: skip


def link_rows(published, references):
    """The rows (unsaved) that list `published` among what refers to each of `references`
    ((kind, id) pairs), in its place in editorial order."""
    return [
        PublishedLink(source=published, kind=kind, target_id=target_id,
                      source_kind=published.kind, source_order=published.order,
                      source_object_id=published.object_id)
        for kind, target_id in sorted(references)
    ]  # fmt: skip


def index_for_lists(published, references):
    """Write what lists read of `published`: its titles, and what it refers to
    (`references`, (kind, id) pairs) with its order."""
    PublishedTitle.objects.filter(source=published).delete()
    PublishedTitle.objects.bulk_create(title_rows(published))
    PublishedLink.objects.filter(source=published).delete()
    PublishedLink.objects.bulk_create(link_rows(published, references))


def copy_from_sources():
    """Give the links and titles that lack them their published source's kind and order: a
    backup made before they were copied onto them holds them empty (one made since, none)."""
    source = Published.objects.filter(pk=OuterRef("source_id"))
    PublishedLink.objects.filter(source_kind="").update(
        source_kind=Subquery(source.values("kind")[:1]),
        source_order=Subquery(source.values("order")[:1]),
        source_object_id=Subquery(source.values("object_id")[:1]),
    )
    PublishedTitle.objects.filter(kind="").update(kind=Subquery(source.values("kind")[:1]))


def _with_part(rows, part, prefix=""):
    """Read one list of each object's parts (`part`, a model's label) as `listed`, without
    decoding the rest."""
    if part is None:
        return rows
    return rows.annotate(listed=KeyTransform(part, f"{prefix}parts"))


def _rows(ids, part):
    """The Published rows with `ids`, in that order, without their texts' other parts: the
    rows of a page are chosen first, so that only they are read whole."""

    def read():
        rows = _with_part(Published.objects.filter(pk__in=ids), part).defer("parts")
        return {published.pk: published for published in rows}

    found = _once(("rows", tuple(ids), part), read)
    return [found[pk] for pk in ids if pk in found]


def in_order(model, *, page=1, size=50, linking_to=None, linking=None, part=None, shows=HEAD):
    """One page of the published objects of `model` in editorial order, and how many there
    are in all: a page of a list. Only those that refer to the object `linking_to`, or
    those that refer (`linking` True) or do not refer (False) to any object of the model
    `linking_to`. With `part`, each has that list of its parts as `listed`. The page
    `shows` their head, or only their TITLE."""
    kind = label(model)
    start = (page - 1) * size
    if linking_to is None:
        _note(Dependency.of_kind(kind))
    elif linking is None:
        target = label(type(linking_to))
        _note(Dependency.links(target, linking_to.pk))

        def links():
            return PublishedLink.objects.filter(
                kind=target, target_id=linking_to.pk, source_kind=kind
            )

        def read_linking():
            ordered = links().order_by("source_order", "source_object_id")
            return list(ordered.values_list("source_id", flat=True)[start : start + size])

        # Counted once for the pages rendered together, as the lists below.
        how_many = ("linking to, how many", kind, target, linking_to.pk)
        total = _once(how_many, lambda: links().count())
        ids = _once(("linking to", kind, target, linking_to.pk, start, size), read_linking)
        return _shown(_rows(ids, part) if ids else [], shows, part), total
    else:
        _note(Dependency.of_kind(kind))
        _note(Dependency.links(label(linking_to)))

    def matching():
        rows = Published.objects.filter(kind=kind)
        if linking_to is not None:
            referring = PublishedLink.objects.filter(kind=label(linking_to)).values("source_id")
            rows = rows.filter(pk__in=referring) if linking else rows.exclude(pk__in=referring)
        return rows

    def read():
        rows = matching().order_by("order", "object_id")
        return list(rows.values_list("pk", flat=True)[start : start + size])

    linked = None if linking_to is None else (label(linking_to), linking)
    # How many there are is the same on every page of the list: counted once for the pages
    # rendered together (a count of every role with figures, on each of 400 pages of the
    # salaries at 10,000 roles).
    total = _once(("in order, how many", kind, linked), lambda: matching().count())
    ids = _once(("in order", kind, linked, start, size), read)
    return _shown(_rows(ids, part) if ids else [], shows, part), total


def _links_to_each(model, group_model, among):
    """The links from published objects of `model` to the published `group_model` objects
    (those with ids `among`, when given)."""
    links = PublishedLink.objects.filter(kind=label(group_model), source_kind=label(model))
    return links if among is None else links.filter(target_id__in=among)


def _note_links_to_each(group_model):
    """What a list of the links to each `group_model` object reads."""
    _note(Dependency.of_kind(label(group_model)))
    _note(Dependency.links(label(group_model)))


def counts_of_each(model, group_model, *, among=None):
    """{group id: how many published objects of `model` refer to it} for the published
    `group_model` objects that any refers to (of those with ids `among`, when given): one
    query, along the links' index."""
    _note_links_to_each(group_model)
    return _once(
        ("counts", label(model), label(group_model), None if among is None else tuple(among)),
        lambda: dict(
            _links_to_each(model, group_model, among)
            .values("target_id")
            .annotate(n=Count("id"))
            .values_list("target_id", "n")
        ),
    )


def referred_to(group_model, model):
    """The ids of the published `group_model` objects that some published object of `model`
    refers to: one query, a probe of the links' index for each of them (not a count of
    every link)."""
    kind, group = label(model), label(group_model)
    _note(Dependency.of_kind(group))
    _note(Dependency.links(group))

    def read():
        links = PublishedLink.objects.filter(
            kind=group, target_id=OuterRef("object_id"), source_kind=kind
        )
        groups = Published.objects.filter(kind=group).filter(Exists(links))
        return set(groups.values_list("object_id", flat=True))

    return _once(("referred to", kind, group), read)


def first_of_each(model, group_model, size, *, among=None, part=None, shows=HEAD):
    """The first `size` published objects of `model` (in editorial order) that refer to each
    published `group_model` object, and how many refer to each: {group id: ([rows], n)};
    with `among` (group ids), for those groups only. With `part`, each row has that list
    of its parts as `listed`. The page `shows` their head, or only their TITLE. Three
    queries; the first two read only the links' index, in its order."""
    group = label(group_model)
    counts = counts_of_each(model, group_model, among=among)
    ranked = _once(
        ("first of each", label(model), group, None if among is None else tuple(among), size),
        lambda: _ranked(
            _links_to_each(model, group_model, among),
            "target_id",
            ["source_order", "source_object_id"],
            size,
        ),
    )
    found = _shown(_rows([s for _t, s in ranked], part), shows, part)
    rows = {published.pk: published for published in found}
    groups = {target: ([], n) for target, n in counts.items()}
    for target_id, source_id in ranked:
        _note(Dependency.links(group, target_id))
        groups[target_id][0].append(rows[source_id])
    return groups


def first_under_each_letter(model, language, size):
    """[(letter, its first `size` published objects of `model` in `language`'s alphabetical
    order, how many start with it)] in that order, for an A to Z's page: three queries
    however many letters and objects; the first two read only the titles' index."""
    kind = label(model)
    _note(Dependency.az(language))
    rows = PublishedTitle.objects.filter(kind=kind, language=language)
    counted = rows.values("initial").annotate(n=Count("id"), first=Min("sort"))
    ranked = _ranked(rows, "initial", ["sort", "source_id"], size)
    found = {published.pk: published for published in _shown(_rows([s for _i, s in ranked], None))}
    firsts = {}
    for letter, source_id in ranked:
        firsts.setdefault(letter, []).append(found[source_id])
    letters = sorted(counted, key=lambda row: row["first"])
    return [(row["initial"], firsts.get(row["initial"], []), row["n"]) for row in letters]


def letters_of(model, languages):
    """[(language, letter)]: every letter some published object of `model` is listed under
    in each of `languages`' A to Z, in that language's order. One query."""
    kind = label(model)
    for language in languages:
        _note(Dependency.az(language))
    rows = (
        PublishedTitle.objects.filter(kind=kind, language__in=list(languages))
        .values("language", "initial")
        .annotate(first=Min("sort"))
    )
    order = {code: n for n, code in enumerate(languages)}
    rows = sorted(rows, key=lambda row: (order[row["language"]], row["first"]))
    return [(row["language"], row["initial"]) for row in rows]


def _ranked(rows, group, order, size):
    """[(group, source id)] of the first `size` of `rows` in `order` in each `group`. The
    rows are numbered in one pass along an index that holds the group, then the order:
    the index alone is read, and nothing is sorted (8-14 ms at 10,000 roles; ranking
    through a join to the published rows took 18-78 ms)."""
    return list(
        rows.annotate(
            rank=Window(RowNumber(), partition_by=F(group),
                        order_by=[F(name).asc() for name in order])
        )
        .filter(rank__lte=size)
        .order_by(group, "rank")
        .values_list(group, "source_id")
    )  # fmt: skip


def under_letter(model, language, letter, *, page=1, size=50):
    """One page of the published objects of `model` whose title in `language` starts with
    `letter`, in that language's alphabetical order, and how many there are."""
    kind = label(model)
    _note(Dependency.az(language, letter))
    rows = PublishedTitle.objects.filter(kind=kind, language=language, initial=letter)
    total = rows.count()
    start = (page - 1) * size
    titles = rows.order_by("sort", "source_id").values_list("source_id", flat=True)
    return _shown(_rows(list(titles[start : start + size]), None)), total


def listing(model):
    """The published objects of `model` in editorial order without their texts (key,
    object_id, published_at): what a sitemap lists. Noted as the kind: the list changes as
    objects come and go."""
    kind = label(model)
    _note(Dependency.of_kind(kind))
    return (
        Published.objects.filter(kind=kind)
        .order_by("order", "object_id")
        .only("kind", "key", "object_id", "published_at")
    )


def last_published(model):
    """When an object of `model` was last published, or None: a sitemap index's date of its
    sitemap. Noted as Dependency.latest(kind): every publication of one changes it."""
    kind = label(model)
    _note(Dependency.latest(kind))
    # A sitemap asks for each of its entries: the query is built only when it is made.
    return _once(
        ("latest", kind),
        lambda: Published.objects.filter(kind=kind).aggregate(latest=Max("published_at"))["latest"],
    )


def shown(published):
    """Note that a page shows something of `published` (a sitemap page, its date)."""
    _note(Dependency.whole(published.kind, published.object_id))
    return published
