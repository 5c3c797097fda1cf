"""The reviewer's desk in the workspace: a submitted document's texts, old beside new, with a
comment box beside each; approve (publish) or request changes. And each user's choice of
mail. The decisions are publishing's services; these views only read and pass them on."""

from django.contrib import admin, messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from content.access import can_publish
from publishing import tasks
from publishing.models import NotificationPreference, ReviewRequest
from publishing.reviews import open_comments
from publishing.services import (
    PublishRefused,
    ReviewRefused,
    TextComment,
    notification_preference_set,
    review_approve_check,
    review_changes_request,
)
from workspace.admin_views import _context, _document, _language
from workspace.display import word_diff
from workspace.segments import DONE, Corpus


@staff_member_required
def review(request, language, kind, pk):
    registry = _language(request, language)
    if not can_publish(request.user, language):
        raise PermissionDenied
    document = _document(Corpus(language), kind, pk)
    pending = ReviewRequest.objects.filter(
        kind=kind, object_id=pk, language=language, state__in=ReviewRequest.OPEN
    ).first()
    posted = request.POST if request.method == "POST" else {}
    if posted and pending is not None:
        try:
            return _decide(request, pending, document, registry)
        except (ReviewRefused, PublishRefused, PermissionDenied) as refusal:
            messages.error(request, str(refusal))
    elif posted:
        messages.info(request, _("Nothing waits for review here."))
    comments = open_comments(language=language, kind=kind, object_id=pk)
    rows = [
        {
            "segment": segment,
            "diff": word_diff(segment.published_target, segment.target)
            if segment.published_target
            else None,
            "comments": comments.get(segment.id, []),
            "comment": posted.get(f"comment:{segment.id}", ""),
        }
        for segment in document.segments
        if segment.state != DONE or segment.id in comments
    ]
    context = _context(
        request,
        language,
        title=_("Review: %(name)s %(in_language)s")
        % {"name": document, "in_language": registry.in_language},
        document=document,
        review=pending,
        rows=rows,
        comment=posted.get("comment", ""),
    )
    return render(request, "admin/workspace/review.html", context)


def _decide(request, pending, document, registry):
    comment = request.POST.get("comment", "")
    names = {"name": document, "in_language": registry.in_language}
    decision = request.POST.get("decision")
    if decision not in ("approve", "changes"):
        raise ReviewRefused(_("Choose to approve or to request changes."))
    if decision == "approve":
        # Published in the background (publishing.tasks.approve); told here when it ran at
        # once, else followed on the publishing page.
        review_approve_check(request=pending, user=request.user)
        result = tasks.approve.enqueue(
            kind=pending.kind, object_id=pending.object_id, review_id=pending.pk,
            user_id=request.user.pk, comment=comment,
        )  # fmt: skip
        if not result.is_finished:
            messages.info(
                request,
                _("Approved: “%(name)s” %(in_language)s is published in the background.") % names,
            )
        elif result.status != "SUCCESSFUL":
            messages.error(request, _("It failed: the queue of background work says why."))
        elif result.return_value["outcome"] == "refused":
            raise ReviewRefused(result.return_value["message"])
        elif result.return_value["outcome"] == "unchanged":
            messages.info(request, _("Approved: readers already saw these texts."))
        else:
            messages.success(
                request, _("Approved and published: “%(name)s” %(in_language)s.") % names
            )
    else:
        review_changes_request(
            request=pending,
            user=request.user,
            comment=comment,
            text_comments=[
                TextComment(s.id, request.POST.get(f"comment:{s.id}", ""), s.target)
                for s in document.segments
            ],
        )
        messages.success(
            request, _("Sent back to the translator: “%(name)s” %(in_language)s.") % names
        )
    return redirect("admin:publishing:review-queue")


@staff_member_required
def notifications(request):
    """Whether this user gets mail about reviews and outdated texts."""
    if request.method == "POST":
        by_mail = bool(request.POST.get("by_mail"))
        notification_preference_set(user=request.user, by_mail=by_mail)
        messages.success(
            request,
            _("You will get mail about your work.")
            if by_mail
            else _("You will not get mail about your work."),
        )
        return redirect("admin:workspace:notifications")
    preference = NotificationPreference.objects.filter(user=request.user).first()
    context = {
        **admin.site.each_context(request),
        "title": _("Mail about your work"),
        "by_mail": preference is None or preference.by_mail,
        "email": request.user.email,
    }
    return render(request, "admin/workspace/notifications.html", context)
