"""Publishing's work in the background, as tasks of the queue (publishing/queue.py), run by
a worker (manage.py work):

- `publish` and `approve`: an editor's publication, a reviewer's approval. The editor's click
  enqueues it and the publishing page shows its progress and outcome. A publication is one
  transaction, as ever: a worker killed in the middle leaves nothing of it, and the task runs
  again (publishing/worker.py). Publications of one object run in the order they were asked
  for.
- `scheduled`: a publication or an unpublication at a time an editor chose, a task deferred
  to that time.
- `render_batch`: after a release, the pages the new release has not rendered, a bounded
  batch per task, while the old ones are served; a page that fails keeps its old version and
  is listed (ReleaseRender).
- Mail: publishing.notifications.notice_send.

Each returns a dict of plain values the pages show: {"outcome": "published" | "unchanged" |
"refused" | ..., "message": "…"}; a refusal is an outcome, not a failure. A task fails only
on an error nobody foresaw, and the queue page lists it with a way to run it again.

Other apps enqueue their own work with `after_commit` (publishing.queue), with a task
defined as these are.
"""

import logging
import time

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from content import languages as registry
from content.access import can_publish
from content.release import rendering_release
from publishing import addresses, downloads, notifications, rendering
from publishing.background.models import ReleaseRender, ScheduledPublication
from publishing.models import ReviewRequest, StoredPage
from publishing.queue import PUBLISH_PRIORITY, READY, RENDER_PRIORITY, RUNNING, stored
from publishing.services import (
    PublishRefused,
    ReviewRefused,
    _serialise_publishers,
    content_publish,
    content_unpublish,
    publish_check,
    review_approve,
)

log = logging.getLogger(__name__)

# Pages per re-rendering task: a publication waits for at most one batch.
BATCH = 20
# How long a publication waits for an earlier one of the same object, running elsewhere.
TURN_SECONDS = 300


def _user(user_id):
    return get_user_model().objects.filter(pk=user_id, is_active=True).first() if user_id else None


def _object(kind, object_id):
    return apps.get_model(kind)._default_manager.filter(pk=object_id).first()


def _names(languages):
    return ", ".join(registry.get(code).name for code in languages)


def _refused(refusal):
    outcome = {"outcome": "refused", "message": str(refusal) or _("You may not publish this.")}
    failure = refusal.__cause__
    if isinstance(failure, rendering.RenderFailed):
        outcome |= {"path": failure.path, "reason": failure.reason}
    return outcome


def _published(publication):
    if publication is None:
        return {
            "outcome": "unchanged",
            "message": _("Readers already see these texts; nothing was published."),
        }
    return {
        "outcome": "published",
        "number": publication.number,
        "languages": publication.languages,
        "message": _("Published: %(languages)s.") % {"languages": _names(publication.languages)},
    }


# The tasks that act on one object (their kwargs name kind and object_id): they take turns.
OBJECT_TASKS = [
    "publishing.tasks.publish",
    "publishing.tasks.approve",
    "publishing.tasks.scheduled",
]


def _wait_turn(context, kind, object_id):
    """Publications of one object run in the order they were asked for: one that a worker
    claimed after an earlier one (two workers, say) waits until the earlier is done."""
    if not stored(context.task_result.task):
        return  # run as it was enqueued, in order
    mine = DBTaskResult.objects.filter(pk=context.task_result.id).first()
    if mine is None:
        return
    deadline = time.monotonic() + TURN_SECONDS
    earlier = DBTaskResult.objects.filter(
        task_path__in=OBJECT_TASKS,
        args_kwargs__kwargs__kind=kind,
        args_kwargs__kwargs__object_id=object_id,
        status=RUNNING,
        enqueued_at__lt=mine.enqueued_at,
    ).exclude(pk=mine.pk)
    while earlier.exists() and time.monotonic() < deadline:
        time.sleep(0.2)


@task(priority=PUBLISH_PRIORITY, takes_context=True)
def publish(context, *, kind, object_id, languages, user_id=None, note=""):
    """An editor's publication of `languages` of one object."""
    _wait_turn(context, kind, object_id)
    obj = _object(kind, object_id)
    if obj is None:
        return {"outcome": "refused", "message": _("It was deleted meanwhile.")}
    try:
        publication = content_publish(obj=obj, languages=languages, user=_user(user_id), note=note)
    except (PublishRefused, PermissionDenied) as refusal:
        return _refused(refusal)
    return _published(publication)


@task(priority=PUBLISH_PRIORITY, takes_context=True)
def approve(context, *, kind, object_id, review_id, user_id, comment=""):
    """A reviewer's approval: the reviewed language is published (publishing.services.
    review_approve)."""
    _wait_turn(context, kind, object_id)
    request = ReviewRequest.objects.filter(pk=review_id).first()
    if request is None:
        return {"outcome": "refused", "message": _("The review was deleted meanwhile.")}
    try:
        publication = review_approve(request=request, user=_user(user_id), comment=comment)
    except (PublishRefused, ReviewRefused, PermissionDenied) as refusal:
        return _refused(refusal)
    outcome = _published(publication)
    outcome["review"] = review_id
    return outcome


@task(priority=PUBLISH_PRIORITY, takes_context=True)
def scheduled(context, *, kind, object_id, schedule_id):
    """A publication (or unpublication) at its time; one that is refused is recorded as
    such, and the editor who scheduled it is told by mail."""
    _wait_turn(context, kind, object_id)
    with transaction.atomic():
        schedule = (
            ScheduledPublication.objects.select_for_update()
            .filter(pk=schedule_id, state=ScheduledPublication.State.WAITING)
            .first()
        )
        if schedule is None:
            return {"outcome": "cancelled", "message": _("Cancelled before its time.")}
        obj = _object(kind, object_id)
        user = schedule.created_by
        try:
            if obj is None:
                raise PublishRefused(_("It was deleted meanwhile."))
            if user is None or not user.is_active:
                raise PublishRefused(_("The editor who scheduled it can no longer publish."))
            with transaction.atomic():
                if schedule.action == ScheduledPublication.Action.PUBLISH:
                    note = _("scheduled for %(at)s") % {"at": f"{schedule.at:%Y-%m-%d %H:%M} UTC"}
                    publication = content_publish(
                        obj=obj, languages=[schedule.language], user=user, note=note
                    )
                    outcome = _published(publication)
                else:
                    note = _("scheduled for %(at)s") % {"at": f"{schedule.at:%Y-%m-%d %H:%M} UTC"}
                    publication = content_unpublish(
                        obj=obj, user=user, language=schedule.language, note=note
                    )
                    outcome = {"outcome": "unpublished", "number": publication.number,
                               "message": unpublished_message(schedule.language)}  # fmt: skip
        except (PublishRefused, PermissionDenied) as refusal:
            outcome = _refused(refusal)
            schedule.state = ScheduledPublication.State.REFUSED
            notifications.notify(
                notice=notifications.SCHEDULE_REFUSED,
                user_ids=[user.pk] if user else [],
                data={"schedule": schedule.pk},
            )
        else:
            schedule.state = ScheduledPublication.State.DONE
        schedule.outcome = outcome["message"][:500]
        schedule.done_at = timezone.now()
        schedule.save(update_fields=["state", "outcome", "done_at"])
    return outcome


def unpublished_message(language):
    """What an editor is told of an unpublication: of every language (`language` empty or
    English), or of one."""
    if language in ("", registry.SOURCE):
        return _("Unpublished: readers no longer see it.")
    return _("Unpublished in %(language)s: its readers see the English texts, marked as such.") % {
        "language": registry.get(language).name
    }


def schedule(*, obj, action, at, user, language=""):
    """Schedule a publication of `language`, or its unpublication (its expiry; every
    language's when `language` is English or empty), at `at`: a task deferred to then.
    Raises PermissionDenied or PublishRefused."""
    from content.languages import CODES, SOURCE
    from content.published import label

    if action == ScheduledPublication.Action.PUBLISH:
        if language not in CODES:
            raise PublishRefused(_("Choose the language to publish."))
        publish_check(user=user, languages=[language])
    else:
        # Empty: every language (English is what the others show where they have no text).
        language = "" if language in ("", SOURCE) else language
        if language and language not in CODES:
            raise PublishRefused(_("Choose the language to unpublish."))
        if not can_publish(user, language or SOURCE):
            raise PermissionDenied(_("You may not unpublish this language."))
    if at <= timezone.now():
        raise PublishRefused(_("Choose a time still to come."))
    kind = label(type(obj))
    with transaction.atomic():
        entry = ScheduledPublication.objects.create(
            kind=kind, object_id=obj.pk, name=str(obj)[:200], action=action,
            language=language, at=at, created_by=user,
        )  # fmt: skip
        result = scheduled.using(run_after=at).enqueue(
            kind=kind, object_id=obj.pk, schedule_id=entry.pk
        )
        entry.task_id = str(result.id)
        entry.save(update_fields=["task_id"])
    return entry


def schedule_cancel(*, entry, user):
    """Cancel a scheduled publication that has not happened: its task goes too."""
    language = entry.language or registry.SOURCE
    if not can_publish(user, language):
        raise PermissionDenied(_("You may not cancel this."))
    with transaction.atomic():
        cancelled = ScheduledPublication.objects.filter(
            pk=entry.pk, state=ScheduledPublication.State.WAITING
        ).update(state=ScheduledPublication.State.CANCELLED, done_at=timezone.now())
        if cancelled and entry.task_id:
            DBTaskResult.objects.filter(pk=entry.task_id, status=READY).delete()
    return bool(cancelled)


def _wanted(release):
    """The addresses readers can reach that have no page rendered by `release`."""
    current = set(StoredPage.objects.filter(release=release).values_list("path", flat=True))
    return [path for path in addresses.every_address() if path not in current]


def release_render_begin(*, paths=None):
    """Render in the background every page the running release has not rendered (or
    `paths`): a ReleaseRender to follow, and a task per batch. Begun once per release,
    whichever worker starts first; returns the ReleaseRender (None when every page is
    current)."""
    release = rendering_release()
    run = ReleaseRender.objects.filter(release=release).first()
    if run is not None:
        return run
    wanted = sorted(paths) if paths is not None else _wanted(release)
    if not wanted:
        return None
    with transaction.atomic():
        run, created = ReleaseRender.objects.get_or_create(
            release=release, defaults={"total": len(wanted)}
        )
        if created:
            for start in range(0, len(wanted), BATCH):
                render_batch.enqueue(release=release, paths=wanted[start : start + BATCH])
            log.info("Rendering %s pages for release %s in the background", len(wanted), release)
    return run


@task(priority=RENDER_PRIORITY)
def render_batch(*, release, paths):
    """Render and store a batch of pages for `release`; a page that does not render keeps
    the page it had, and is listed in the release's ReleaseRender."""
    if release != rendering_release():
        # A newer release began; its own batches render these pages.
        return {"outcome": "superseded", "message": _("A newer release renders these.")}
    failed = {}
    with transaction.atomic():
        # Not between a publication's render and its commit: a page rendered here from what
        # was published before would replace the one it stored.
        _serialise_publishers()
        pages, languages = downloads.without_downloads(paths)
        rendered, vanished = rendering.render(pages, required=(), failed=failed)
        rendering.forget(vanished)
        rendering.store(rendered)
        remade = downloads.downloads_remake(languages=languages) if languages else []
        run = ReleaseRender.objects.select_for_update().filter(release=release).first()
        if run is not None:
            run.done = min(run.done + len(paths), run.total)
            run.failed = {**run.failed, **failed}
            run.updated_at = timezone.now()
            if run.done >= run.total:
                run.finished_at = run.updated_at
            run.save(update_fields=["done", "failed", "updated_at", "finished_at"])
    for path, reason in failed.items():
        log.error("Release %s: %s kept its old page; it does not render: %s", release, path,
                  reason)  # fmt: skip
    return {
        "outcome": "rendered",
        "message": _("%(count)s pages rendered, %(failed)s kept their old version.")
        % {"count": len(rendered) + len(vanished) + len(remade), "failed": len(failed)},
    }
