"""Publishing in the admin: per object and language, what readers see and what is drafted;
preview, publish, submit for review, history, rollback and unpublish; the reviewers' queue.

Every action is checked on the server (content.access.can_publish), a hand-made POST
included.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.loader import draft_article
from articles.parts import PUBLISHABLE
from content import languages as registry
from content.access import can_publish, can_translate
from content.languages import CODES, SOURCE
from content.published import label
from metrics.models import Metric
from publishing import queue, tasks
from publishing.background.models import ScheduledPublication
from publishing.changes import pending_changes
from publishing.models import Publication, ReviewRequest
from publishing.services import (
    PublishRefused,
    as_stored,
    content_rollback,
    content_unpublish,
    publish_check,
    review_request,
)
from roles.models import Role

BY_KIND = {label(model): model for model in PUBLISHABLE}


def _object(kind, pk):
    model = BY_KIND.get(kind)
    if model is None:
        raise Http404
    return get_object_or_404(model, pk=pk)


def _may_view(user, obj):
    meta = obj._meta
    if not user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
        raise PermissionDenied


def language_states(obj, user):
    """Per language: as published, or exactly what readers would see change if it were
    published now (publishing.changes, the code a publication runs); whether it waits for
    review, and what this user may do."""
    published, pending = pending_changes(obj, stored=as_stored)
    submitted = set(
        ReviewRequest.objects.filter(
            kind=label(type(obj)), object_id=obj.pk, state=ReviewRequest.State.SUBMITTED
        ).values_list("language", flat=True)
    )
    states = []
    for language in registry.LANGUAGES:
        code = language.code
        states.append(
            {
                "code": code,
                "name": language.name,
                "published": published is not None,
                "differs": bool(pending[code]),
                "changes": pending[code],
                "submitted": code in submitted,
                "may_publish": can_publish(user, code)
                and (published is not None or code == SOURCE),
                "may_submit": can_translate(user, code) and not can_publish(user, code),
            }
        )
    return published, states


@staff_member_required
def publishing_page(request, kind, pk):
    obj = _object(kind, pk)
    _may_view(request.user, obj)
    published, states = language_states(obj, request.user)
    history = Publication.objects.filter(kind=kind, object_id=obj.pk).select_related("published_by")
    context = {
        **admin.site.each_context(request),
        "title": _("Publishing: %(name)s") % {"name": obj},
        "obj": obj,
        "kind": kind,
        "opts": obj._meta,
        "published": published,
        "states": states,
        "history": history[:50],
        "background": background_of(kind, obj.pk),
        "target_languages": [state for state in states if state["may_publish"]],
        "previewable": type(obj) in (Role, Metric),
        "may_manage": can_publish(request.user, SOURCE),
        "change_url": reverse(
            f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk]
        ),
    }
    return render(request, "admin/publishing/publishing.html", context)


def _back(kind, pk, request=None):
    """To the publishing page, or back to the form the action was taken from."""
    wanted = request.POST.get("next", "") if request is not None else ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(wanted)
    return redirect("admin:publishing:publishing", kind=kind, pk=pk)


def tell_outcome(request, result, queued):
    """What the user is told of a publication they asked for: its outcome where it has run
    (the immediate backend), else that it runs in the background and where to follow it."""
    if not result.is_finished:
        messages.info(request, queued)
        return
    if result.status != "SUCCESSFUL":
        messages.error(request, _("It failed: the queue of background work says why."))
        return
    outcome = result.return_value
    say = {"published": messages.success, "refused": messages.error}.get(
        outcome["outcome"], messages.info
    )
    say(request, outcome["message"])


@staff_member_required
@require_POST
def publish(request, kind, pk):
    """Enqueue the publication; the publishing page shows its progress and outcome."""
    obj = _object(kind, pk)
    chosen = [code for code in CODES if code in request.POST.getlist("language")]
    try:
        publish_check(user=request.user, languages=chosen)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("You may not publish this."))
        return _back(kind, pk, request)
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
        return _back(kind, pk, request)
    result = tasks.publish.enqueue(
        kind=kind, object_id=obj.pk, languages=chosen, user_id=request.user.pk
    )
    tell_outcome(
        request,
        result,
        _("Publishing in the background: %(languages)s. The publishing page shows when it is done.")
        % {"languages": ", ".join(registry.get(c).name for c in chosen)},
    )
    return _back(kind, pk, request)


@staff_member_required
@require_POST
def schedule(request, kind, pk):
    """Publish a language, or unpublish, at a time to come."""
    obj = _object(kind, pk)
    action = request.POST.get("action")
    if action not in ScheduledPublication.Action.values:
        raise Http404
    at = parse_datetime(request.POST.get("at", "").strip() or "-")
    if at is None:
        messages.error(request, _("Give the date and time, such as 2030-01-31 09:00 (UTC)."))
        return _back(kind, pk)
    if timezone.is_naive(at):
        at = timezone.make_aware(at, timezone.get_current_timezone())
    try:
        entry = tasks.schedule(
            obj=obj, action=action, at=at, user=request.user,
            language=request.POST.get("language", ""),
        )  # fmt: skip
    except (PermissionDenied, PublishRefused) as refusal:
        messages.error(request, str(refusal) or _("You may not publish this."))
    else:
        messages.success(request, _("Scheduled: %(what)s.") % {"what": describe_schedule(entry)})
    return _back(kind, pk)


@staff_member_required
@require_POST
def schedule_cancel(request, kind, pk, entry):
    entry = get_object_or_404(ScheduledPublication, kind=kind, object_id=pk, pk=entry)
    try:
        cancelled = tasks.schedule_cancel(entry=entry, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal))
    else:
        if cancelled:
            messages.success(
                request, _("Cancelled: %(what)s.") % {"what": describe_schedule(entry)}
            )
        else:
            messages.info(request, _("It is no longer waiting: see its outcome below."))
    return _back(kind, pk)


def describe_schedule(entry):
    at = f"{timezone.localtime(entry.at):%Y-%m-%d %H:%M %Z}"
    if entry.action == ScheduledPublication.Action.PUBLISH:
        return _("publish %(language)s at %(at)s") % {
            "language": registry.get(entry.language).name, "at": at,
        }  # fmt: skip
    if entry.language:
        return _("unpublish %(language)s at %(at)s") % {
            "language": registry.get(entry.language).name, "at": at,
        }  # fmt: skip
    return _("unpublish at %(at)s") % {"at": at}


def background_of(kind, pk):
    """This object's publications in the background: waiting or running, and the last few
    that finished (with their outcome); and its scheduled publications."""
    results = list(queue.tasks_of(kind, pk, tasks.OBJECT_TASKS)[:20])
    for result in results:
        outcome = result.return_value if isinstance(result.return_value, dict) else {}
        result.outcome = outcome.get("outcome", "")
        result.message = outcome.get("message", "")
        result.path = outcome.get("path", "")
        result.error = queue.error_of(result) if result.status == queue.FAILED else ""
        result.languages = ", ".join(result.args_kwargs["kwargs"].get("languages", []))
    pending = [r for r in results if r.status in (queue.READY, queue.RUNNING)
               and r.task_path != "publishing.tasks.scheduled"]  # fmt: skip
    finished = [r for r in results if r.status in (queue.SUCCESSFUL, queue.FAILED)][:5]
    schedules = ScheduledPublication.objects.filter(kind=kind, object_id=pk).order_by("-at")
    return {
        "pending": pending,
        "finished": finished,
        "waiting_schedules": [s for s in schedules if s.state == s.State.WAITING][::-1],
        "past_schedules": [s for s in schedules if s.state != s.State.WAITING][:20],
    }


@staff_member_required
@require_POST
def submit(request, kind, pk):
    obj = _object(kind, pk)
    language = request.POST.get("language", "")
    if language not in CODES:
        raise Http404
    review_request(obj=obj, language=language, user=request.user)
    messages.success(
        request,
        _("Submitted for review: the texts %(in_language)s.")
        % {"in_language": registry.get(language).in_language},
    )
    return _back(kind, pk, request)


@staff_member_required
@require_POST
def rollback(request, kind, pk, number):
    obj = _object(kind, pk)
    try:
        content_rollback(obj=obj, number=number, user=request.user)
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(
            request, _("Readers see publication %(number)s again.") % {"number": number}
        )
    return _back(kind, pk)


@staff_member_required
@require_POST
def unpublish(request, kind, pk):
    obj = _object(kind, pk)
    # Empty for every language; another language's texts alone (publishing.services).
    language = request.POST.get("language", "")
    if language and language not in CODES:
        raise Http404
    try:
        content_unpublish(obj=obj, user=request.user, language=language)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("You may not publish this."))
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, tasks.unpublished_message(language))
    return _back(kind, pk)


@staff_member_required
def preview(request, kind, pk, language):
    """The draft, rendered by the public templates for staff only: never stored, never
    indexed, marked as a preview, with a way to publish it."""
    obj = _object(kind, pk)
    _may_view(request.user, obj)
    if language not in CODES or type(obj) not in (Role, Metric):
        raise Http404
    with translation.override(language):
        if isinstance(obj, Role):
            article = draft_article(obj.pk, language)
            template = "roles/role_detail.html"
            context = {"article": article, "role": article.role, "title": article.role.title}
        else:
            metric = Metric.objects.with_roles().get(pk=obj.pk)
            template = "metrics/metric_detail.html"
            context = {"metric": metric, "title": metric.name}
        context["preview"] = {
            "in_language": registry.get(language).in_language,
            "publishing_url": reverse(
                "admin:publishing:publishing", kwargs={"kind": kind, "pk": pk}
            ),
        }
        response = render(request, template, context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


@staff_member_required
def review_queue(request):
    """What translators submitted, for the languages this user may publish."""
    languages = [code for code in CODES if can_publish(request.user, code) and code != SOURCE]
    requests = ReviewRequest.objects.filter(
        state__in=ReviewRequest.OPEN, language__in=languages
    ).select_related("requested_by")
    context = {
        **admin.site.each_context(request),
        "title": _("Waiting for review"),
        "requests": [r for r in requests if r.state == ReviewRequest.State.SUBMITTED],
        # Sent back with changes requested: waiting for the translator, kept in sight.
        "sent_back": [r for r in requests if r.state == ReviewRequest.State.CHANGES_REQUESTED],
    }
    return render(request, "admin/publishing/review_queue.html", context)


def _may_manage_queue(user):
    if not can_publish(user, SOURCE):
        raise PermissionDenied


def _described(results):
    for result in results:
        kwargs = result.args_kwargs.get("kwargs", {})
        outcome = result.return_value if isinstance(result.return_value, dict) else {}
        result.message = outcome.get("message", "")
        result.error = queue.error_of(result) if result.status == queue.FAILED else ""
        result.about = ""
        if "kind" in kwargs and kwargs["kind"] in BY_KIND:
            obj = BY_KIND[kwargs["kind"]]._default_manager.filter(pk=kwargs["object_id"]).first()
            result.about = (
                str(obj) if obj is not None else f"{kwargs['kind']} {kwargs['object_id']}"
            )
            result.link = reverse(
                "admin:publishing:publishing",
                kwargs={"kind": kwargs["kind"], "pk": kwargs["object_id"]},
            )
        elif "paths" in kwargs:
            paths = kwargs["paths"] or [""]
            result.about = _("%(count)s pages from %(first)s") % {
                "count": len(kwargs["paths"]), "first": paths[0],
            }  # fmt: skip
        elif "notice" in kwargs:
            result.about = _("mail (%(notice)s) to user %(user)s") % {
                "notice": kwargs["notice"], "user": kwargs.get("user_id"),
            }  # fmt: skip
        if "languages" in kwargs:
            result.about += f" ({', '.join(kwargs['languages'])})"
    return results


@staff_member_required
def background_work(request):
    """The queue for editors: the release's re-rendering, tasks waiting, running, failed
    (with the error, and a way to run one again) and finished lately; the workers."""
    _may_manage_queue(request.user)
    from django_tasks_db.models import DBTaskResult

    from publishing.background.models import ReleaseRender, TaskWorker

    tasks_ = DBTaskResult.objects.order_by("-enqueued_at")
    waiting = tasks_.filter(status=queue.READY)
    context = {
        **admin.site.each_context(request),
        "title": _("Background work"),
        "renders": ReleaseRender.objects.all()[:3],
        "waiting_count": waiting.count(),
        "waiting": _described(list(waiting.order_by("-priority", "run_after", "enqueued_at")[:50])),
        "running": _described(list(tasks_.filter(status=queue.RUNNING))),
        "failed": _described(
            list(tasks_.filter(status=queue.FAILED).order_by("-finished_at")[:50])
        ),
        "finished": _described(
            list(tasks_.filter(status=queue.SUCCESSFUL).order_by("-finished_at")[:20])
        ),
        "workers": TaskWorker.objects.order_by("-seen_at")[:20],
        "now": timezone.now(),
    }
    return render(request, "admin/publishing/background_work.html", context)


@staff_member_required
@require_POST
def background_retry(request, result_id):
    _may_manage_queue(request.user)
    if queue.retry(result_id):
        messages.success(request, _("It waits to run again."))
    else:
        messages.info(request, _("It is no longer failed: nothing to run again."))
    return redirect("admin:publishing:background-work")
