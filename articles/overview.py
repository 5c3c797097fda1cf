"""What the translation overview lists: content of every kind, filtered in the database and
read a page at a time, so that neither its size nor its queries grow with the content.

A role's state in a language counts everything its article lists (Article.state); here the
same rule is a query, so that "missing in Hindi" filters before a page is cut.
"""

import functools
import operator

from django.db.models import Count, Exists, OuterRef, Q

from articles.parts import PARTS, SHARED
from content.outdated import COMPLETE, MISSING, OUTDATED, missing_q, outdated_q, translated_fields
from content.published import label
from roles.models import Role

STATES = (MISSING, OUTDATED, COMPLETE)


def _part_exists(part, condition):
    owner = Role._meta.get_field(part.name).field.name
    return Exists(part.model.objects.filter(**{owner: OuterRef("pk")}).filter(condition))


def _parts(model):
    return [p for p in PARTS if translated_fields(p.model)] if model is Role else []


def has_missing(model, language):
    """A condition on `model`'s rows: something (for a role: of its article) is missing."""
    found = [missing_q(model, language), *(_part_exists(p, missing_q(p.model, language))
                                            for p in _parts(model))]  # fmt: skip
    return functools.reduce(operator.or_, (Q(c) for c in found))


def has_outdated(model, language):
    found = [outdated_q(language), *(_part_exists(p, outdated_q(language)) for p in _parts(model))]
    return functools.reduce(operator.or_, (Q(c) for c in found))


def in_state(model, language, state):
    """A condition on `model`'s rows: in `state` in `language`, as object_state and
    Article.state decide it (missing before outdated)."""
    if state == MISSING:
        return has_missing(model, language)
    if state == OUTDATED:
        return ~has_missing(model, language) & has_outdated(model, language)
    return ~has_missing(model, language) & ~has_outdated(model, language)


@functools.cache
def kinds():
    """{label: model} of what the overview lists, roles first."""
    return {label(m): m for m in [Role, *(shared.model for shared in SHARED)]}


def _name_field(model):
    return f"{'title' if model is Role else translated_fields(model)[0]}_en"


def content(models, *, search="", family=None, language=None, state=None):
    """{model: queryset} of the content matching the filters, each in a fixed order."""
    found = {}
    for model in models:
        queryset = model.objects.all()
        if search:
            matches = Q(**{f"{_name_field(model)}__icontains": search})
            if model is Role:
                matches |= Q(slug__icontains=search)
            queryset = queryset.filter(matches)
        if family is not None:
            if model is not Role:
                continue
            queryset = queryset.filter(family=family)
        if state:
            queryset = queryset.filter(in_state(model, language, state))
        found[model] = queryset.order_by(_name_field(model), "pk")
    return found


def totals(querysets, languages):
    """{language: {state: number}} over every queryset: one query per kind of content."""
    counts = {code: dict.fromkeys(STATES, 0) for code in languages}
    for model, queryset in querysets.items():
        aggregates = {"all": Count("pk")}
        for code in languages:
            aggregates[f"{code}:{MISSING}"] = Count("pk", filter=has_missing(model, code))
            aggregates[f"{code}:{OUTDATED}"] = Count(
                "pk", filter=~has_missing(model, code) & has_outdated(model, code)
            )
        numbers = queryset.order_by().aggregate(**aggregates)
        for code in languages:
            missing, outdated = numbers[f"{code}:{MISSING}"], numbers[f"{code}:{OUTDATED}"]
            counts[code][MISSING] += missing
            counts[code][OUTDATED] += outdated
            counts[code][COMPLETE] += numbers["all"] - missing - outdated
    return counts


class Chain:
    """Several querysets read as one list by a Paginator: counted once each, and a page
    cut from each only where the page covers it."""

    def __init__(self, querysets):
        self.querysets = list(querysets)
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = [q.count() for q in self.querysets]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, page):
        if not isinstance(page, slice):
            raise TypeError("A Chain is read a page at a time.")
        start, stop = page.start or 0, page.stop
        found, offset = [], 0
        for queryset, number in zip(self.querysets, self.counts(), strict=True):
            low, high = max(start - offset, 0), min(stop - offset, number)
            if low < high:
                found.append((queryset.model, queryset[low:high]))
            offset += number
        return found
