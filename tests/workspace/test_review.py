"""Review: submit, request changes with comments on the document and on single texts,
approve; and the mail each step sends (the in-memory backend, except one test through a
real SMTP server)."""

import socket

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied

from content import languages
from content.services import content_save
from publishing.models import NotificationPreference, ReviewEvent, ReviewRequest
from publishing.notifications import notification_send
from publishing.reviews import conversation
from publishing.services import (
    ReviewRefused,
    TextComment,
    content_publish,
    notification_preference_set,
    review_approve,
    review_changes_request,
    review_request,
)
from roles.models import Responsibility
from tests.factories import make_staff
from workspace.segments import CHANGES, Corpus

SITE = "http://testserver"


@pytest.fixture
def people(hindi_translator, hindi_reviewer, editor):
    for user, address in [
        (hindi_translator, "asha@example.org"),
        (hindi_reviewer, "ravi@example.org"),
        (editor, "erin@example.org"),
    ]:
        user.email = address
        user.save()
    return hindi_translator, hindi_reviewer, editor


def drafted(role, text="सहायता प्रमुख (नया)"):
    """The Hindi title drafted anew, so that there is something to review."""
    role.title_hi = text
    content_save(obj=role)
    return role


def submitted(role, translator, captured):
    with captured(execute=True):
        return review_request(obj=drafted(role), language="hi", user=translator)


def title_id(role):
    return f"roles.role:{role.pk}:title"


def test_submitting_tells_the_languages_reviewers_in_their_language_with_a_link(
    role, people, django_capture_on_commit_callbacks
):
    translator, _reviewer, _editor = people
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    assert request.state == ReviewRequest.State.SUBMITTED
    # The reviewer, not the translator who submitted, nor an editor: Hindi has a reviewer.
    assert [m.to for m in mail.outbox] == [["ravi@example.org"]]
    message = mail.outbox[0]
    assert "समीक्षा" in message.subject  # "review", in Hindi: the language Ravi reviews
    assert f"{SITE}/admin/workspace/hi/roles.role/{role.pk}/review/" in message.body
    assert f"{SITE}/admin/workspace/notifications/" in message.body
    # Submitting again what already waits tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        review_request(obj=role, language="hi", user=translator)
    assert len(mail.outbox) == 1


def test_no_mail_is_sent_before_the_transaction_commits(
    role, people, django_capture_on_commit_callbacks
):
    translator, _reviewer, _editor = people
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review_request(obj=drafted(role), language="hi", user=translator)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_a_language_without_reviewers_is_reviewed_by_the_editors(
    role, people, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    reviewer.groups.clear()
    submitted(role, translator, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [["erin@example.org"]]
    assert "Submitted for review" in mail.outbox[0].subject  # editors read English


def test_requesting_changes_sends_the_document_back_with_the_comments(
    role, people, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        review_changes_request(
            request=request,
            user=reviewer,
            comment="शीर्षक छोटा रखें।",
            text_comments=[
                TextComment(title_id(role), "“नया” हटाइए।", draft=role.title_hi),
                TextComment(f"roles.role:{role.pk}:summary", "  "),  # empty: not kept
            ],
        )
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.CHANGES_REQUESTED
    on_text = ReviewEvent.objects.get(request=request, segment_id=title_id(role))
    assert (on_text.text, on_text.draft, on_text.author) == (
        "“नया” हटाइए।", "सहायता प्रमुख (नया)", reviewer,
    )  # fmt: skip
    assert not ReviewEvent.objects.filter(segment_id__endswith=":summary").exists()
    # The translator is told, in Hindi, with both comments and a link to the editor.
    (message,) = mail.outbox
    assert message.to == ["asha@example.org"]
    assert "बदलाव" in message.subject
    assert "शीर्षक छोटा रखें।" in message.body and "“नया” हटाइए।" in message.body
    assert f"{SITE}/admin/workspace/hi/roles.role/{role.pk}/" in message.body
    # Back in the queue, first, the comment beside the text.
    corpus = Corpus("hi")
    document = corpus.document("roles.role", role.pk)
    assert document.changes_requested and document.state == CHANGES
    assert corpus.queue()[0] is document
    assert [e.text for e in corpus.comments[title_id(role)]] == ["“नया” हटाइए।"]


def test_requesting_changes_needs_a_comment_and_a_reviewer(
    role, people, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    with pytest.raises(ReviewRefused):
        review_changes_request(request=request, user=reviewer, comment=" ")
    with pytest.raises(PermissionDenied):
        review_changes_request(request=request, user=translator, comment="Mine is fine.")
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.SUBMITTED


def test_approving_publishes_closes_the_review_and_tells_the_translator(
    role, people, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        review_changes_request(
            request=request, user=reviewer, text_comments=[TextComment(title_id(role), "छोटा")]
        )
    role.title_hi = "सहायता प्रमुख"
    role.summary_hi = "सहायता टीम की अगुवाई करता है।"
    content_save(obj=role)
    with django_capture_on_commit_callbacks(execute=True):
        review_request(obj=role, language="hi", user=translator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publication = review_approve(request=request, user=reviewer, comment="धन्यवाद!")
    assert publication.languages == ["hi"]
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.PUBLISHED
    (message,) = mail.outbox
    assert message.to == ["asha@example.org"]
    assert "प्रकाशित" in message.subject and "धन्यवाद!" in message.body
    assert f"{SITE}/admin/workspace/hi/roles.role/{role.pk}/" in message.body
    # The conversation stays in the history; nothing is left beside the texts.
    assert [e.action for e in conversation(kind="roles.role", object_id=role.pk)] == [
        "submitted", "changes", "changes", "submitted", "approved",
    ]  # fmt: skip
    assert Corpus("hi").comments == {}
    # Closed: neither decision is taken twice.
    with pytest.raises(ReviewRefused):
        review_approve(request=request, user=reviewer)


def test_publishing_from_the_publishing_page_also_closes_the_review(
    role, people, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        content_publish(obj=role, languages=["hi"], user=reviewer)
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.PUBLISHED
    assert [m.to for m in mail.outbox] == [["asha@example.org"]]


def test_english_that_outdates_texts_tells_each_translator_once_in_their_language(
    role, people, django_capture_on_commit_callbacks
):
    _translator, _reviewer, editor = people
    ukrainian = make_staff("olena", languages.get("uk").translator_group)
    both = make_staff("nils", languages.get("nb").translator_group)
    both.groups.add(Group.objects.get(name=languages.get("uk").translator_group))
    for user, address in [(ukrainian, "olena@example.org"), (both, "nils@example.org")]:
        user.email = address
        user.save()
    role.title_uk, role.title_nb = "Керівник підтримки", "Kundestøtteleder"
    content_save(obj=role)
    content_publish(obj=role, languages=["uk", "nb"])
    duty = Responsibility.objects.get(role=role, title_en="Answer within 24 hours")
    duty.title_uk = "Відповідати протягом доби"
    content_save(obj=duty)
    content_publish(obj=role, languages=["uk"])
    # Three texts change in English: two of them are translated into Hindi and Ukrainian.
    role.title_en, role.summary_en = "Support team lead", "Leads the support team well."
    content_save(obj=role)
    duty.title_en = "Answer within a day"
    content_save(obj=duty)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        content_publish(obj=role, languages=["en"], user=editor)
    by_person = {m.to[0]: m for m in mail.outbox}
    # One mail a person for the publication, however many texts and languages; none to
    # the editor who published it.
    assert sorted(by_person) == [
        "asha@example.org", "nils@example.org", "olena@example.org", "ravi@example.org",
    ]  # fmt: skip
    assert len(mail.outbox) == 4
    hindi, ukrainian_mail = by_person["asha@example.org"], by_person["olena@example.org"]
    assert "अंग्रेज़ी" in hindi.subject
    assert "पुराने पाठ: 3" in hindi.body  # the title, the summary, one responsibility
    assert f"{SITE}/admin/workspace/hi/roles.role/{role.pk}/" in hindi.body
    assert "англійськ" in ukrainian_mail.subject.lower()
    assert "застарілих текстів: 2" in ukrainian_mail.body  # the title, one responsibility
    assert f"{SITE}/admin/workspace/uk/roles.role/{role.pk}/" in ukrainian_mail.body
    # Nils translates Ukrainian and Bokmål: one mail for both, in the first of his
    # languages.
    nils = by_person["nils@example.org"]
    assert "англійськ" in nils.subject.lower()
    assert f"{SITE}/admin/workspace/uk/roles.role/{role.pk}/" in nils.body
    assert f"{SITE}/admin/workspace/nb/roles.role/{role.pk}/" in nils.body


def test_a_user_who_turned_mail_off_gets_none(role, people, django_capture_on_commit_callbacks):
    translator, reviewer, _editor = people
    notification_preference_set(user=reviewer, by_mail=False)
    assert NotificationPreference.objects.get(user=reviewer).by_mail is False
    submitted(role, translator, django_capture_on_commit_callbacks)
    assert mail.outbox == []


class BrokenBackend:
    """A mail server that refuses everything."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("no mail server")


def test_a_mail_that_cannot_be_sent_fails_nothing_and_is_logged(
    role, people, settings, caplog, django_capture_on_commit_callbacks
):
    translator, reviewer, _editor = people
    settings.EMAIL_BACKEND = "tests.workspace.test_review.BrokenBackend"
    request = submitted(role, translator, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        publication = review_approve(request=request, user=reviewer)
    assert publication is not None
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.PUBLISHED
    assert "could not be sent" in caplog.text


def test_a_notice_goes_through_a_real_smtp_server(role, people, settings):
    """aiosmtpd, started here on a free port: the message arrives as sent."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        translator, _reviewer, _editor = people
        request = review_request(obj=drafted(role), language="hi", user=translator)
        event = request.events.get()
        reviewer_id = people[1].pk
        assert notification_send(
            notice="submitted", user_id=reviewer_id, data={"event": event.pk, "language": "hi"}
        )
    finally:
        server.stop()
    (message,) = inbox.messages
    assert message["X-RcptTo"] == "ravi@example.org"
    body = message.get_payload(decode=True).decode(message.get_content_charset())
    assert f"{SITE}/admin/workspace/hi/roles.role/{role.pk}/review/" in body
    assert "समीक्षा" in _decoded(message["Subject"])


def _decoded(header):
    from email.header import decode_header, make_header

    return str(make_header(decode_header(header)))


def test_the_review_page_is_for_reviewers_and_passes_their_decision_on(client, role, people):
    translator, reviewer, _editor = people
    request = review_request(obj=drafted(role), language="hi", user=translator)
    url = f"/admin/workspace/hi/roles.role/{role.pk}/review/"
    client.force_login(translator)
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    page = client.get(url)
    assert "सहायता प्रमुख (नया)" in page.text
    assert f'name="comment:{title_id(role)}"' in page.text
    refused = client.post(url, {"decision": "maybe"})
    assert refused.status_code == 200 and "approve or to request changes" in refused.text
    sent = client.post(url, {"decision": "changes", f"comment:{title_id(role)}": "छोटा रखें"})
    assert sent.status_code == 302
    request.refresh_from_db()
    assert request.state == ReviewRequest.State.CHANGES_REQUESTED
    # The translator sees the comment in the editor, beside that text.
    client.force_login(translator)
    editor = client.get(f"/admin/workspace/hi/roles.role/{role.pk}/").text
    segment = editor.split(f'data-segment="{title_id(role)}"', 1)[1].split("</section>", 1)[0]
    assert "ws-review-comments" in segment and "छोटा रखें" in segment
    assert editor.count("ws-review-comments") == 1


def test_the_queue_says_submitted_for_review_once(client, role, people):
    translator, _reviewer, _editor = people
    coach = Responsibility.objects.get(role=role, title_en="Coach the team")
    coach.title_hi, coach.description_hi = "टीम को सिखाना", "हर हफ़्ते।"
    content_save(obj=coach)
    content_publish(obj=role, languages=["hi"])
    review_request(obj=drafted(role), language="hi", user=translator)
    # Every text is translated: the document's state is "submitted for review" itself.
    assert Corpus("hi").document("roles.role", role.pk).state == "submitted"
    client.force_login(translator)
    queue = client.get("/admin/workspace/hi/").text
    row = queue.split("Support lead", 1)[1].split("</tr>", 1)[0]
    state = row.split("<td>", 2)[1]
    assert state.count("submitted for review") == 1
