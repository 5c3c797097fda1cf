"""Mail to the people a review or a publication concerns: a language's reviewers when
something is submitted, the translator when it is sent back or published, a language's
translators when publishing English makes their texts outdated.

Services call `notify` inside their transaction; the mail goes after it commits (never
inside a publication's transaction), through `notification_send`, the one function that
sends a notice, run by a worker as the task `notice_send` (publishing/queue.py): the task is
written in the transaction, so it exists if and only if the change committed, and no request
waits for a mail server. It takes plain values only; it reads what it tells of when it runs,
checks the recipient still wants mail, writes in the language they translate, and logs a
mail it cannot send rather than failing anything.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task

from content import languages
from content.access import can_edit_structure, can_translate
from content.languages import SOURCE, TARGETS
from publishing.background.models import ScheduledPublication
from publishing.models import NotificationPreference, ReviewEvent
from publishing.queue import MAIL_PRIORITY, after_commit
from publishing.reviews import segment_places

log = logging.getLogger(__name__)

SUBMITTED, CHANGES, PUBLISHED, OUTDATED = "submitted", "changes", "published", "outdated"
SCHEDULE_REFUSED = "schedule_refused"
_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _with_perm(codename):
    return get_user_model().objects.with_perm(
        f"content.{codename}", include_superusers=False, backend=_BACKEND
    )


def editors():
    return _with_perm("edit_structure")


def reviewers_of(language):
    """Who reviews `language`: its reviewers; the editors where it has none."""
    found = _with_perm(f"publish_{language}").exclude(pk__in=editors())
    return found if found.exists() else editors()


def translators_of(language):
    """Who translates `language` (its reviewers too), editors aside."""
    return _with_perm(f"translate_{language}").exclude(pk__in=editors())


def mail_language(user, about=None):
    """The language `user` translates (`about`, when it is one of theirs); English for
    editors and anyone else."""
    if can_edit_structure(user):
        return SOURCE
    theirs = [code for code in TARGETS if can_translate(user, code)]
    if about in theirs:
        return about
    return theirs[0] if theirs else SOURCE


def wants_mail(user):
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference is None or preference.by_mail


def notify(*, notice, user_ids, data, actor=None):
    """Send `notice` to each of `user_ids` once, by the task queue, when the current
    transaction has committed. The one who caused it is not told."""
    skip = actor.pk if actor is not None else None
    for user_id in dict.fromkeys(user_ids):
        if user_id != skip:
            after_commit(notice_send, notice=notice, user_id=user_id, data=data)


@task(priority=MAIL_PRIORITY)
def notice_send(*, notice, user_id, data):
    """notification_send, as a task of the queue."""
    return notification_send(notice=notice, user_id=user_id, data=data)


def notification_send(*, notice, user_id, data):
    """Send one notice to one user. `data` holds plain values: {"event": id} for a review's
    event, {"publisher": name, "documents": [...]} for outdated texts. Returns whether a
    mail was sent; a failure is logged, never raised."""
    try:
        user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
        if user is None or not user.email or not wants_mail(user):
            return False
        language = mail_language(user, data.get("language"))
        with translation.override(language):
            message = _COMPOSE[notice](user, data)
            if message is None:
                return False
            subject, body = message
            body += "\n\n-- \n" + _(
                "You get these mails as a translator, reviewer or editor of the role "
                "reference. To stop them: %(link)s"
            ) % {"link": absolute(reverse("admin:workspace:notifications"))}
        send_mail(subject, body, None, [user.email])
    except Exception:
        log.exception("The %s notice to user %s could not be sent", notice, user_id)
        return False
    return True


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _document_link(view, kind, object_id, language):
    return absolute(
        reverse(
            f"admin:workspace:{view}", kwargs={"language": language, "kind": kind, "pk": object_id}
        )
    )


def _event(data):
    return ReviewEvent.objects.select_related("request", "author").filter(pk=data["event"]).first()


def _who(user):
    return (user.get_full_name() or user.get_username()) if user else _("Someone")


def _names(event):
    """What a review mail's sentences name: who did it, the document and its language."""
    return {
        "who": _who(event.author),
        "name": event.request.name,
        "in_language": languages.get(event.request.language).in_language,
    }


def _submitted(user, data):
    event = _event(data)
    if event is None:
        return None
    request = event.request
    names = _names(event)
    subject = _("Submitted for review: “%(name)s” %(in_language)s") % names
    lines = [_("%(who)s submitted the texts of “%(name)s” %(in_language)s for review.") % names]
    if event.text:
        lines.append(event.text)
    link = _document_link("review", request.kind, request.object_id, request.language)
    lines.append(_("Review them: %(link)s") % {"link": link})
    return subject, "\n\n".join(lines)


def _changes(user, data):
    event = _event(data)
    if event is None:
        return None
    request = event.request
    names = _names(event)
    subject = _("Changes requested: “%(name)s” %(in_language)s") % names
    lines = [_("%(who)s asks for changes to your texts of “%(name)s” %(in_language)s.") % names]
    if event.text:
        lines.append(event.text)
    on_texts = list(
        request.events.filter(
            action=ReviewEvent.Action.CHANGES_REQUESTED, created_at=event.created_at
        ).exclude(segment_id="")
    )
    if on_texts:
        places = segment_places(e.segment_id for e in on_texts)
        comments = [f"- {places.get(e.segment_id, e.segment_id)}: {e.text}" for e in on_texts]
        lines.append("\n".join([_("On single texts:"), *comments]))
    link = _document_link("editor", request.kind, request.object_id, request.language)
    lines.append(
        _("The comments are beside the texts; submit again when they are done: %(link)s")
        % {"link": link}
    )
    return subject, "\n\n".join(lines)


def _published(user, data):
    event = _event(data)
    if event is None:
        return None
    request = event.request
    names = _names(event)
    subject = _("Published: “%(name)s” %(in_language)s") % names
    lines = [
        _(
            "%(who)s approved and published your texts of “%(name)s” %(in_language)s: "
            "readers see them now."
        )
        % names
    ]
    if event.text:
        lines.append(event.text)
    link = _document_link("editor", request.kind, request.object_id, request.language)
    lines.append(link)
    return subject, "\n\n".join(lines)


def _outdated(user, data):
    documents = [d for d in data["documents"] if d["language"] in TARGETS]
    if not documents:
        return None
    subject = _("The English changed: texts to update")
    lines = [
        _(
            "%(who)s published changes to the English. Your translations of these texts are "
            "outdated now: readers see them with a notice until they are updated or "
            "confirmed."
        )
        % {"who": data.get("publisher") or _("Someone")}
    ]
    for document in documents:
        names = {
            "name": document["name"],
            "in_language": languages.get(document["language"]).in_language,
            "count": document["count"],
        }
        link = _document_link(
            "editor", document["kind"], document["object_id"], document["language"]
        )
        lines.append(
            _("“%(name)s” %(in_language)s, outdated texts: %(count)s") % names + f"\n{link}"
        )
    return subject, "\n\n".join(lines)


def _schedule_refused(user, data):
    entry = ScheduledPublication.objects.filter(pk=data["schedule"]).first()
    if entry is None:
        return None
    names = {"name": entry.name, "at": f"{entry.at:%Y-%m-%d %H:%M} UTC"}
    if entry.action == ScheduledPublication.Action.PUBLISH:
        names["in_language"] = languages.get(entry.language).in_language
        subject = _("Not published at its time: “%(name)s” %(in_language)s") % names
        said = _("The publication of “%(name)s” %(in_language)s scheduled for %(at)s was refused.")
    else:
        subject = _("Not unpublished at its time: “%(name)s”") % names
        said = _("The unpublication of “%(name)s” scheduled for %(at)s was refused.")
    link = absolute(
        reverse("admin:publishing:publishing", kwargs={"kind": entry.kind, "pk": entry.object_id})
    )
    lines = [said % names, entry.outcome, _("Its publishing page: %(link)s") % {"link": link}]
    return subject, "\n\n".join(line for line in lines if line)


_COMPOSE = {
    SUBMITTED: _submitted,
    CHANGES: _changes,
    PUBLISHED: _published,
    OUTDATED: _outdated,
    SCHEDULE_REFUSED: _schedule_refused,
}


def outdated_notify(*, documents, publisher):
    """Tell each translator, once, which of their texts a publication made outdated.
    `documents`: [{"kind", "object_id", "name", "language", "count"}]."""
    by_user = {}
    for language in dict.fromkeys(d["language"] for d in documents):
        for user_id in translators_of(language).values_list("pk", flat=True):
            by_user.setdefault(user_id, []).extend(
                d for d in documents if d["language"] == language
            )
    for user_id, theirs in by_user.items():
        notify(
            notice=OUTDATED,
            user_ids=[user_id],
            data={"publisher": _who(publisher) if publisher else "", "documents": theirs},
            actor=publisher,
        )
