"""Publishing: drafts become what readers see, per language, with every page they change
rendered and stored in the same transaction. A publication that cannot render is refused
and changes nothing."""

import json
import logging
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.parts import SHARED
from content import languages as registry
from content.access import can_publish, can_translate
from content.dependencies import Dependency
from content.languages import CODES, SOURCE
from content.models import Published
from content.outdated import translated_fields
from content.published import index_for_lists, label, titles_of
from content.snapshots import SCHEMA
from publishing import addresses, downloads, front_cache, notifications, rendering, versions
from publishing.models import NotificationPreference, Publication, ReviewEvent, ReviewRequest
from publishing.snapshot import (
    MODELS,
    Snapshot,
    draft_objects,
    links,
    mark_drafts_outdated,
    merged,
)
from roles.models import Role
from roles.services import role_slug_record
from search import index as search_index

log = logging.getLogger(__name__)


class PublishRefused(Exception):
    """Nothing was published; the message says why, for the editor."""


def key_of(obj):
    return getattr(obj, "slug", None) or obj.code


def _ordered(languages):
    return [code for code in CODES if code in set(languages)]


def _serialise_publishers():
    """One publication at a time, whichever process runs it: each renders the pages it
    changes from what the one before committed (SQLite serialises writers by itself)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [7401])


def _unpublished_references(snapshot_links):
    """The family, metrics and locations a snapshot refers to that readers cannot see."""
    shared = {label(s.model): s.model for s in SHARED}
    wanted = sorted((kind, object_id) for kind, object_id in snapshot_links if kind in shared)
    if not wanted:
        return []
    # One query for them all (a role refers to a family, metrics and places).
    published = set(
        Published.objects.filter(
            kind__in={kind for kind, _id in wanted},
            object_id__in={object_id for _kind, object_id in wanted},
        ).values_list("kind", "object_id")
    )
    missing = []
    for kind, object_id in wanted:
        if (kind, object_id) not in published:
            obj = shared[kind]._default_manager.filter(pk=object_id).first()
            missing.append(f"{shared[kind]._meta.verbose_name} “{obj}”")
    return missing


def content_publish(*, obj, languages, user=None, note=""):
    """Publish `obj` (a role with its article, a metric, location or family) in `languages`.
    Returns the Publication (None when nothing changed); raises PermissionDenied or
    PublishRefused."""
    publications = content_publish_together(
        objects=[obj], languages=languages, user=user, note=note
    )
    return publications[0] if publications else None


def publish_check(*, user, languages):
    """Raises PublishRefused without a language, PermissionDenied for one the user may not
    publish: what a publication checks first, and what the editor is told at once when it
    is enqueued (publishing/tasks.py)."""
    if not languages:
        raise PublishRefused(_("Choose at least one language to publish."))
    refused = [code for code in languages if not can_publish(user, code)]
    if refused:
        raise PermissionDenied(
            _("You may not publish these languages: %(languages)s.")
            % {"languages": ", ".join(registry.get(code).name for code in refused)}
        )


def content_publish_together(*, objects, languages, user=None, note=""):
    """Publish several objects in one transaction, rendering each changed page once: what
    the reference import does. Objects whose publication would change nothing are left
    alone. Returns the Publications made."""
    languages = _ordered(languages)
    publish_check(user=user, languages=languages)
    try:
        with transaction.atomic():
            _serialise_publishers()
            made = [_publish_one(obj, languages, user, note) for obj in objects]
            made = [m for m in made if m is not None]
            _render_changed(made, languages)
            # One mail per translator for the whole publication, after it commits.
            notifications.outdated_notify(
                documents=[d for change in made for d in change.outdated], publisher=user
            )
    except rendering.RenderFailed as failure:
        log.error("Publishing refused: %s", failure)
        raise PublishRefused(
            _("Nothing was published: the page %(path)s could not be rendered (%(reason)s).")
            % {"path": failure.path, "reason": failure.reason}
        ) from failure
    for change in made:
        log.info("Published %s in %s", change.publication, ", ".join(languages))
    return [change.publication for change in made]


def _publish_one(obj, languages, user, note):
    model = type(obj)
    current = Published.objects.filter(kind=label(model), object_id=obj.pk).first()
    if current is None and SOURCE not in languages:
        raise PublishRefused(
            _("“%(name)s” has never been published: an editor publishes it in English first.")
            % {"name": obj}
        )
    head, parts = draft_objects(obj)
    outdated = {}
    if SOURCE in languages:
        outdated = mark_drafts_outdated(
            [head, *(item for items in parts.values() for item in items)], Snapshot.of(current)
        )
    snapshot, changes = merged(model, head, parts, Snapshot.of(current), languages)
    if current is not None and (current.head, current.parts) == as_stored(snapshot):
        return None
    references = links(model, snapshot)
    missing = _unpublished_references(references)
    if missing:
        raise PublishRefused(_("Publish these first: %(list)s.") % {"list": ", ".join(missing)})
    change = _make_current(
        model, obj.pk, key_of(head), snapshot, current, references,
        action=Publication.Action.PUBLISH, languages=languages, changes=changes, user=user,
        note=note,
    )  # fmt: skip
    # What waited for review in these languages is published: the translators are told.
    _reviews_close(
        requests=ReviewRequest.objects.filter(
            kind=label(model), object_id=obj.pk, language__in=languages,
            state__in=ReviewRequest.OPEN,
        ),
        user=user,
    )  # fmt: skip
    change.outdated = [
        {"kind": label(model), "object_id": obj.pk, "name": str(obj), "language": language,
         "count": count}
        for language, count in outdated.items()
    ]  # fmt: skip
    return change


@dataclass
class Change:
    """A publication made current, and what it changes for readers."""

    publication: Publication
    published: Published | None
    # What pages read of it that changed (content.published.noting_reads): its whole, its
    # head, its title, its lists; and the lists it was or is in, which change only when it
    # came, went, moved or changed what it refers to.
    read: set
    # The object's own addresses that no longer exist.
    gone: set
    # The texts it made outdated, per language, for the translators' notice.
    outdated: list = field(default_factory=list)


def _list_changes(kind, before, after):
    """The list dependencies a change from `before` to `after` touches, each a dict of
    order, key, references {(kind, id)} and titles {language: (initial, sort)} (None
    when the object was not, or is no longer, published)."""
    if (
        before is None
        or after is None
        or (before["order"], before["key"]) != (after["order"], after["key"])
    ):
        # It came, went or moved: every list it is in changes.
        moved = (before or {}).get("references", set()) | (after or {}).get("references", set())
        touched = {Dependency.of_kind(kind), *(Dependency.links(k, i) for k, i in moved)}
    else:
        moved = before["references"] ^ after["references"]
        touched = {Dependency.links(k, i) for k, i in moved}
    touched |= {Dependency.links(k) for k, _i in moved}
    titles_before = (before or {}).get("titles", {})
    titles_after = (after or {}).get("titles", {})
    for language in titles_before.keys() | titles_after.keys():
        old, new = titles_before.get(language), titles_after.get(language)
        if old != new:
            touched |= {Dependency.az(language, t[0]) for t in (old, new) if t}
            if not old or not new or old[0] != new[0]:
                touched.add(Dependency.az(language))
    return touched


def _shown_changes(kind, object_id, before, after):
    """What pages show of an object that changes from `before` to `after` (each a pair of
    head and parts as stored, None when not published): the dependencies of
    content.published that a page showing it noted."""
    # Publishing, or taking away, changes when one of its kind was last published.
    changed = {Dependency.whole(kind, object_id), Dependency.latest(kind)}
    if before is None or after is None:
        return changed | {Dependency.head(kind, object_id), Dependency.title(kind, object_id)}
    (head_before, parts_before), (head_after, parts_after) = before, after
    if head_before != head_after:
        changed.add(Dependency.head(kind, object_id))
    if _title(head_before) != _title(head_after):
        changed.add(Dependency.title(kind, object_id))
    for part in parts_before.keys() | parts_after.keys():
        if parts_before.get(part) != parts_after.get(part):
            changed.add(Dependency.part(kind, object_id, part))
    return changed


def _title(head):
    """What a link to it shows: its address and its title in every language."""
    return {name: value for name, value in head.items() if name in ("slug", "code")
            or name.startswith(("title_", "name_"))}  # fmt: skip


def _in_lists(published, references):
    if published is None:
        return None
    return {
        "order": published.order,
        "key": published.key,
        "references": set(references),
        "titles": {code: (first, sort) for code, first, sort in titles_of(published.head)},
    }


def as_stored(snapshot):
    """The snapshot as the database gives it back (dates as text): what a publication
    compares with what readers see, and what the publishing page previews (changes.py)."""
    encoded = json.loads(json.dumps([snapshot.head, snapshot.parts], cls=DjangoJSONEncoder))
    return tuple(encoded)


def _make_current(model, object_id, key, snapshot, current, references, **record):
    """Make `snapshot` what readers see; the pages it changes are rendered by the caller."""
    kind = label(model)
    before = {(link.kind, link.target_id) for link in current.links.all()} if current else set()
    was = _in_lists(current, before)
    shown_before = (current.head, current.parts) if current else None
    old_addresses = set(addresses.own_addresses(current)) if current else set()
    published = current or Published(kind=kind, object_id=object_id)
    last = Publication.objects.filter(kind=kind, object_id=object_id).order_by("-number").first()
    number = (last.number if last else 0) + 1
    now = timezone.now()
    published.key, published.head, published.parts = key, snapshot.head, snapshot.parts
    published.number, published.published_at = number, now
    published.schema = SCHEMA
    published.order = snapshot.head.get("order") or 0
    published.save()
    index_for_lists(published, references)
    if model is Role:
        # The old slug keeps its record and so keeps redirecting to the published one.
        role_slug_record(role_id=object_id, slug=key)
    # Search finds what readers now see, from this moment, or nothing changes at all.
    search_index.index_published(published)
    publication = Publication.objects.create(
        kind=kind, object_id=object_id, key=key, number=number, head=snapshot.head,
        parts=snapshot.parts, published_at=now, published_by=record.pop("user"), **record,
    )  # fmt: skip
    gone = old_addresses - set(addresses.own_addresses(published))
    read = _list_changes(kind, was, _in_lists(published, references))
    read |= _shown_changes(kind, object_id, shown_before, as_stored(snapshot))
    return Change(publication, published, read, gone)


def _render_changed(changes, languages):
    """Render again, in `languages` (every language when English is among them), every
    stored page that showed what changed, or lists it where it came, went or moved; the
    site's first pages of lists and the changed objects' own pages. Stop serving addresses
    that are gone, and pages of lists that no longer exist."""
    if not settings.STORED_PAGES or not changes:
        return  # readers get every page rendered on request
    # The downloads follow in the background, once it has committed.
    downloads.downloads_remake_later()
    languages = CODES if SOURCE in languages else languages
    dependencies, own, gone = set(), set(), set()
    for change in changes:
        dependencies |= change.read
        if change.published is not None:
            own |= set(addresses.own_addresses(change.published, languages))
            # Its citable version, at an address of its own for good.
            own |= set(versions.version_addresses(change.publication))
        gone |= change.gone
    rendering.forget(gone)
    required = {*addresses.site_addresses(languages), *own}
    # Pages that show it, and new pages of lists it made longer.
    paths = rendering.pages_reading(dependencies)
    if any(d.is_list for d in dependencies):
        paths |= rendering.not_stored(
            [*addresses.list_addresses(languages), *addresses.sitemap_addresses()]
        )
    paths |= rendering.not_stored(required)
    paths = {p for p in paths if _language_of(p) in (*languages, None)} - gone
    rendered, vanished = rendering.render(sorted(paths | own), required=required)
    rendering.forget(vanished)
    changed_pages = rendering.store(rendered)
    # Once this commits (in a request, a task or a command), every front cache forgets the
    # pages that read what changed, and no other.
    front_cache.purge_after_commit(dependencies | changed_pages)


def _language_of(path):
    address = urlsplit(path)
    query = parse_qs(address.query)
    if "lang" in query:
        return query["lang"][0]
    first = address.path.strip("/").split("/", 1)[0]
    return first if first in CODES else None


def content_unpublish(*, obj, user=None, deleted=False, language=None, note=""):
    """Take `obj` away from readers: its addresses answer 410, the pages that showed it are
    rendered again without it. When it was `deleted`, its history goes with it.

    With a `language` other than English, only that language's texts are taken away: its
    readers see the English, marked as English, as for a language never published (and
    every other language stays as it is). English is what every language shows where it has
    no text of its own, so unpublishing English takes the whole away."""
    if language not in (None, "", SOURCE):
        return _unpublish_language(obj, language, user, note)
    if not can_publish(user, SOURCE):
        raise PermissionDenied(_("Only editors may unpublish."))
    model, kind = type(obj), label(type(obj))
    with transaction.atomic():
        _serialise_publishers()
        current = Published.objects.filter(kind=kind, object_id=obj.pk).first()
        if current is None:
            raise PublishRefused(_("This is not published."))
        users = Published.objects.filter(links__kind=kind, links__target_id=obj.pk)
        if model is not Role and users.exists() and not deleted:
            names = ", ".join(sorted(p.key for p in users))
            raise PublishRefused(_("Published roles still use this: %(names)s.") % {"names": names})
        references = {(link.kind, link.target_id) for link in current.links.all()}
        read = _list_changes(kind, _in_lists(current, references), None)
        read |= _shown_changes(kind, obj.pk, (current.head, current.parts), None)
        own = set(addresses.own_addresses(current))
        publication = Publication.objects.create(
            kind=kind, object_id=obj.pk, key=current.key, number=current.number + 1,
            action=Publication.Action.UNPUBLISH, languages=CODES, published_by=user,
            published_at=timezone.now(), note=note,
        )  # fmt: skip
        current.delete()
        search_index.remove(kind, obj.pk)
        _render_changed([Change(publication, None, read, own)], CODES)
    return publication


def _without_language(model, row, language):
    """`row` as if `language` had never been published: its texts empty (readers of it see
    the English), and no marks of outdated texts in it."""
    row = dict(row)
    for name in translated_fields(model):
        if f"{name}_{language}" in row:
            row[f"{name}_{language}"] = None
    outdated = {code: marks for code, marks in (row.get("outdated") or {}).items()
                if code != language}  # fmt: skip
    if "outdated" in row:
        row["outdated"] = outdated
    return row


def _unpublish_language(obj, language, user, note):
    if language not in CODES:
        raise PublishRefused(_("Choose the language to unpublish."))
    if not can_publish(user, language):
        raise PermissionDenied(_("You may not unpublish this language."))
    model, kind = type(obj), label(type(obj))
    name = registry.get(language).name
    try:
        with transaction.atomic():
            _serialise_publishers()
            current = Published.objects.filter(kind=kind, object_id=obj.pk).first()
            if current is None:
                raise PublishRefused(_("This is not published."))
            snapshot = Snapshot(
                _without_language(model, current.head, language),
                {
                    part: [_without_language(MODELS[part], row, language) for row in rows]
                    for part, rows in current.parts.items()
                },
            )
            if (current.head, current.parts) == as_stored(snapshot):
                raise PublishRefused(
                    _("This is not published in %(language)s.") % {"language": name}
                )
            change = _make_current(
                model, obj.pk, current.key, snapshot, current, links(model, snapshot),
                action=Publication.Action.UNPUBLISH, languages=[language], changes={},
                user=user, note=note,
            )  # fmt: skip
            _render_changed([change], [language])
    except rendering.RenderFailed as failure:
        log.error("Unpublishing %s %s in %s refused: %s", kind, obj.pk, language, failure)
        raise _nothing_changed(failure) from failure
    log.info("Unpublished %s in %s", change.publication, language)
    return change.publication


def _nothing_changed(failure):
    """What an editor is told when a page their change would render does not render."""
    return PublishRefused(
        _("Nothing was changed: the page %(path)s could not be rendered (%(reason)s).")
        % {"path": failure.path, "reason": failure.reason}
    )


def content_rollback(*, obj, number, user=None):
    """Show readers an earlier publication again, in every language, in one action."""
    if not can_publish(user, SOURCE):
        raise PermissionDenied(_("Only editors may roll back."))
    model, kind = type(obj), label(type(obj))
    earlier = Publication.objects.filter(kind=kind, object_id=obj.pk, number=number).first()
    if earlier is None or earlier.head is None:
        raise PublishRefused(_("There is no such publication to roll back to."))
    try:
        with transaction.atomic():
            _serialise_publishers()
            snapshot = Snapshot(earlier.head, earlier.parts)
            references = links(model, snapshot)
            missing = _unpublished_references(references)
            if missing:
                raise PublishRefused(
                    _("Publish these first: %(list)s.") % {"list": ", ".join(missing)}
                )
            current = Published.objects.filter(kind=kind, object_id=obj.pk).first()
            change = _make_current(
                model, obj.pk, earlier.key, snapshot, current, references,
                action=Publication.Action.ROLLBACK, languages=CODES, changes={},
                user=user, note=_("back to publication %(number)s") % {"number": number},
            )  # fmt: skip
            _render_changed([change], CODES)
    except rendering.RenderFailed as failure:
        log.error("Rolling back %s %s refused: %s", kind, obj.pk, failure)
        raise _nothing_changed(failure) from failure
    return change.publication


class ReviewRefused(Exception):
    """Nothing was recorded; the message says why, for the reviewer."""


@dataclass
class TextComment:
    """A reviewer's comment on one text (a segment id such as roles.responsibility:12:title)
    and the translation it was about."""

    segment_id: str
    text: str
    draft: str = ""


def _open_request(kind, object_id, language):
    return (
        ReviewRequest.objects.select_for_update()
        .filter(kind=kind, object_id=object_id, language=language, state__in=ReviewRequest.OPEN)
        .first()
    )


def review_request(*, obj, language, user, note=""):
    """A translator submits their draft of `language` for a reviewer, or submits it again
    after changes were requested; the language's reviewers are told. Submitting what is
    already waiting changes nothing and tells nobody twice."""
    if not can_translate(user, language):
        raise PermissionDenied(_("You may not translate into this language."))
    kind = label(type(obj))
    with transaction.atomic():
        request = _open_request(kind, obj.pk, language)
        if request is not None and request.state == ReviewRequest.State.SUBMITTED:
            return request
        request = request or ReviewRequest(kind=kind, object_id=obj.pk, language=language)
        request.name, request.note = str(obj), note
        request.state = ReviewRequest.State.SUBMITTED
        request.requested_by, request.requested_at = user, timezone.now()
        try:
            with transaction.atomic():
                request.save()
        except IntegrityError:
            # Submitted by someone else at the same moment (review_request_open_once).
            return _open_request(kind, obj.pk, language)
        event = ReviewEvent.objects.create(
            request=request, action=ReviewEvent.Action.SUBMITTED, author=user, text=note
        )
        notifications.notify(
            notice=notifications.SUBMITTED,
            user_ids=notifications.reviewers_of(language).values_list("pk", flat=True),
            data={"event": event.pk, "language": language},
            actor=user,
        )
    return request


def _may_review(user, request):
    if request.language == SOURCE or not can_publish(user, request.language):
        raise PermissionDenied(_("You may not review this language."))


def review_approve_check(*, request, user):
    """What a reviewer is told at once, before the approval is enqueued
    (publishing.tasks.approve runs review_approve, which checks again)."""
    _may_review(user, request)
    if request.state not in ReviewRequest.OPEN:
        raise ReviewRefused(_("This review is closed: the texts were published meanwhile."))


def _still_open(request):
    request = ReviewRequest.objects.select_for_update().get(pk=request.pk)
    if request.state not in ReviewRequest.OPEN:
        raise ReviewRefused(_("This review is closed: the texts were published meanwhile."))
    return request


def review_changes_request(*, request, user, comment="", text_comments=()):
    """A reviewer sends a submitted draft back to its translator: `comment` on the
    document, `text_comments` (TextComment) on single texts, at least one of them. The
    document is back in the translator's queue, the comments beside its texts, and the
    translator is told."""
    _may_review(user, request)
    comment = comment.strip()
    text_comments = [c for c in text_comments if c.text.strip()]
    if not comment and not text_comments:
        raise ReviewRefused(
            _("Nothing was sent back: write what should change, on the document or beside a text.")
        )
    with transaction.atomic():
        request = _still_open(request)
        request.state = ReviewRequest.State.CHANGES_REQUESTED
        request.save(update_fields=["state"])
        now, action = timezone.now(), ReviewEvent.Action.CHANGES_REQUESTED
        event = ReviewEvent.objects.create(
            request=request, action=action, author=user, text=comment, created_at=now
        )
        ReviewEvent.objects.bulk_create(
            ReviewEvent(
                request=request, action=action, author=user, created_at=now,
                segment_id=c.segment_id[:200], text=c.text.strip(), draft=c.draft,
            )
            for c in text_comments
        )  # fmt: skip
        if request.requested_by_id:
            notifications.notify(
                notice=notifications.CHANGES,
                user_ids=[request.requested_by_id],
                data={"event": event.pk, "language": request.language},
                actor=user,
            )
    return event


def review_approve(*, request, user, comment=""):
    """A reviewer approves a submitted draft: it is published in its language by
    content_publish, as from the publishing page, which records the approval and tells the
    translator; `comment` goes with the approval. Returns the Publication (None when
    readers already saw these texts: the review is closed all the same)."""
    _may_review(user, request)
    obj = apps.get_model(request.kind)._default_manager.get(pk=request.object_id)
    with transaction.atomic():
        request = _still_open(request)
        publication = content_publish(obj=obj, languages=[request.language], user=user)
        approval = request.events.filter(action=ReviewEvent.Action.APPROVED).last()
        if approval is None:
            _reviews_close(requests=[request], user=user, text=comment.strip())
        elif comment.strip():
            # The translator's mail reads it once this commits.
            approval.text = comment.strip()
            approval.save(update_fields=["text"])
    return publication


def _reviews_close(*, requests, user, text=""):
    """The open `requests` are published: each records an approval, and its translator is
    told after the publication commits."""
    for request in list(requests):
        request.state = ReviewRequest.State.PUBLISHED
        request.save(update_fields=["state"])
        event = ReviewEvent.objects.create(
            request=request, action=ReviewEvent.Action.APPROVED, author=user, text=text
        )
        if request.requested_by_id:
            notifications.notify(
                notice=notifications.PUBLISHED,
                user_ids=[request.requested_by_id],
                data={"event": event.pk, "language": request.language},
                actor=user,
            )


def notification_preference_set(*, user, by_mail):
    """Whether `user` gets mail about reviews and outdated texts."""
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"by_mail": by_mail}
    )
    return preference


def site_render(*, paths=None, progress=None):
    """Render every page readers can reach (or `paths`) and store what changed. Pages are
    rendered and stored in small batches, each committed on its own: memory stays bounded,
    readers keep getting the stored pages meanwhile, and an interrupted run resumes."""
    paths = sorted(paths if paths is not None else addresses.every_address())
    pages, languages = downloads.without_downloads(paths)
    for start in range(0, len(pages), 50):
        batch = pages[start : start + 50]
        with transaction.atomic():
            rendered, vanished = rendering.render(batch, required=())
            rendering.forget(vanished)
            # The front caches forget the pages this release renders differently.
            front_cache.purge_after_commit(rendering.store(rendered))
        if progress:
            progress(min(start + 50, len(pages)), len(paths))
    if languages:
        downloads.downloads_remake(languages=languages)
        if progress:
            progress(len(paths), len(paths))
    return len(paths)
