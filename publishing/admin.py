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
from django.utils import translation
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
from publishing.changes import pending_changes
from publishing.models import Publication, ReviewRequest
from publishing.services import (
    PublishRefused,
    as_stored,
    content_publish,
    content_rollback,
    content_unpublish,
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
    return redirect("publishing:publishing", kind=kind, pk=pk)


@staff_member_required
@require_POST
def publish(request, kind, pk):
    obj = _object(kind, pk)
    chosen = [code for code in request.POST.getlist("language") if code in CODES]
    try:
        publication = content_publish(obj=obj, languages=chosen, user=request.user)
    except PermissionDenied as refusal:
        messages.error(request, str(refusal) or _("You may not publish this."))
        return _back(kind, pk, request)
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
        return _back(kind, pk, request)
    if publication is None:
        messages.info(request, _("Readers already see these texts; nothing was published."))
    else:
        messages.success(
            request,
            _("Published: %(languages)s.")
            % {"languages": ", ".join(registry.get(c).name for c in publication.languages)},
        )
    return _back(kind, pk, request)


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
    try:
        content_unpublish(obj=obj, user=request.user)
    except PublishRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("Unpublished: readers no longer see it."))
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
            "publishing_url": reverse("publishing:publishing", kwargs={"kind": kind, "pk": pk}),
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
