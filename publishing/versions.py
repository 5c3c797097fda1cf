"""Citable versions: every publication of a role at an address of its own, showing the role
as that publication kept it, in the languages it was published in by then.

A version is read from the kept Publication, never from what is published now, and what it
refers to (its family, metrics, places) as they were published at that moment: a later
publication, a rollback, an unpublish or a slug change leaves it as it was.
"""

import functools

from django.db.models import Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from articles.loader import article_from
from articles.structured_data import classification_links, role_graph
from articles.views import citation
from content.languages import CODES
from content.models import Published
from content.negotiation import language_links
from content.published import from_row, label, once
from content.site_url import absolute
from publishing.models import Publication
from roles.models import Role, RoleSlug

ROLE = label(Role)
SHOWN = (Publication.Action.PUBLISH, Publication.Action.ROLLBACK)
# Publication.number is a PositiveIntegerField: 32 bits on PostgreSQL.
LARGEST_NUMBER = 2**31 - 1


def version_languages(publication):
    """The languages a role was published in by `publication`: those its kept title has."""
    head = publication.head or {}
    return [code for code in CODES if head.get(f"title_{code}")]


def version_path(publication, language):
    with translation.override(language):
        return reverse(
            "published:role-version",
            kwargs={"slug": publication.key, "number": publication.number},
        )


def version_addresses(publication):
    """The addresses of a role's publication, one per language it was published in."""
    if publication.kind != ROLE or publication.head is None or publication.action not in SHOWN:
        return []
    return [version_path(publication, code) for code in version_languages(publication)]


def kept_publication(slug, number):
    """The publication `number` of the role published at `slug` then, or None."""
    # The same for each language of it that a publication renders (reading_once).
    return once(
        ("kept publication", slug, number),
        Publication.objects.filter(kind=ROLE, key=slug, number=number, action__in=SHOWN)
        .order_by("published_at", "pk")
        .first,
    )


def as_they_were(moment):
    """What a version refers to, as published at `moment`: each object's last publication
    up to then ({model: [ids]} -> {(kind, id): instance}). One query per kind."""

    def heads(kind, ids):
        """{object_id: head} of the last publications up to `moment` of those that showed
        something (an unpublish: readers saw nothing then)."""
        last = (
            Publication.objects.filter(kind=kind, object_id__in=ids, published_at__lte=moment)
            .values("object_id")
            .annotate(number=Max("number"))
        )
        numbers = {row["object_id"]: row["number"] for row in last}
        # Only those publications, and only their heads: a role's kept parts are long.
        kept = Publication.objects.filter(
            kind=kind, object_id__in=list(numbers), number__in=set(numbers.values())
        ).only("kind", "object_id", "number", "head", "schema")
        found = {}
        for publication in kept:
            if numbers.get(publication.object_id) == publication.number:
                found[publication.object_id] = publication.head
        return {object_id: head for object_id, head in found.items() if head is not None}

    def referred(wanted):
        shown = {}
        for model, ids in wanted.items():
            kind = label(model)
            ids = tuple(sorted({i for i in ids if i is not None}))
            if not ids:
                continue
            # What a version referred to is the same in each of its languages: read once
            # for them all (reading_once); each page gets instances of its own.
            found = once(("as they were", kind, ids, moment), functools.partial(heads, kind, ids))
            for object_id, head in found.items():
                shown[(kind, object_id)] = from_row(model, head)
        return shown

    return referred


def as_published(publication):
    """The kept publication as the rows a page reads."""
    return Published(
        kind=publication.kind,
        object_id=publication.object_id,
        key=publication.key,
        head=publication.head,
        parts=publication.parts,
        number=publication.number,
        published_at=publication.published_at,
    )


@require_safe
def role_version(request, slug, number):
    language = get_language()
    if number > LARGEST_NUMBER:
        raise Http404  # no publication has it; the database would refuse to compare it
    publication = kept_publication(slug, number)
    if publication is None:
        # An address of the role under another of its slugs leads to the one it had then.
        address = RoleSlug.objects.filter(slug=slug).exclude(role=None).first()
        moved = (
            address
            and Publication.objects.filter(
                kind=ROLE, object_id=address.role_id, number=number, action__in=SHOWN
            ).first()
        )
        if moved and moved.key != slug:
            return redirect(version_path(moved, language), permanent=True)
        raise Http404
    if language not in version_languages(publication):
        raise Http404
    article = article_from(
        as_published(publication),
        language,
        referred=as_they_were(publication.published_at),
        shared=("version", publication.pk),
    )
    role = article.role
    current_path = reverse("articles:role-detail", kwargs={"slug": publication.key})
    languages = version_languages(publication)
    links = language_links(request)["language_links"]
    for link in links["alternates"]:
        if link["code"] not in languages:
            # No such version in that language: the switcher leads to its current page.
            with translation.override(link["code"]):
                link["path"] = reverse("articles:role-detail", kwargs={"slug": publication.key})
            link["url"] = absolute(link["path"])
    version_url = absolute(version_path(publication, language))
    return render(
        request,
        "roles/role_detail.html",
        {
            "article": article,
            "role": role,
            "title": role.title,
            "description": role.summary,
            "noindex": True,
            "language_links": links,
            "version": {
                "number": publication.number,
                "published_at": publication.published_at,
                "current_path": current_path,
            },
            "citation": citation(article, slug=publication.key),
            "classification": classification_links(role),
            "structured_data": role_graph(
                article,
                page_url=absolute(current_path),
                published_at=publication.published_at,
                version_url=version_url,
            ),
        },
    )
