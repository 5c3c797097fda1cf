"""A Hindi translator and a reviewer in Chromium: submit, changes requested with a comment on
one text, the fix, approval; and the mail each of them gets at every step."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.management import call_command

from content import languages
from roles.models import Responsibility, Role
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_workspace import PASSWORD, SLUG, sign_in

COMMENT = "“अकाउंट” शब्द रखिए, जैसा शब्दावली में है।"


def only_mail_to(address):
    """The one mail sent since the last look, to `address`; the outbox is emptied."""
    assert [m.to for m in mail.outbox] == [[address]], [m.subject for m in mail.outbox]
    (message,) = mail.outbox
    mail.outbox.clear()
    return message


def shot(page, name, element=None):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if element is not None:
        element.screenshot(path=SCREENSHOTS / f"{name}.png")
    else:
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def link_in(message, path):
    """The absolute link (SITE_URL) to `path` in the mail, as a path on the test server."""
    url = f"{settings.SITE_URL}{path}"
    assert url in message.body, message.body
    return urlsplit(url).path


def test_a_translator_and_a_reviewer_go_through_a_review_with_mail_at_each_step(browser, site):
    call_command("setup_groups", verbosity=0)
    hindi = languages.get("hi")
    for username, group in [("asha", hindi.translator_group), ("ravi", hindi.reviewer_group)]:
        user = User.objects.create_user(
            username, email=f"{username}@example.org", password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
    role = Role.objects.get(slug=SLUG)
    duty = Responsibility.objects.get(role=role, title_en="Strategic account management")
    segment_id = f"roles.responsibility:{duty.pk}:title"
    editor_path = f"/admin/workspace/hi/roles.role/{role.pk}/"
    review_path = f"{editor_path}review/"
    mail.outbox.clear()

    # The translator drafts a text and submits the article.
    translator = browser.new_context().new_page()
    sign_in(translator, site, "asha", editor_path)
    segment = translator.locator(f"section[data-segment='{segment_id}']")
    segment.locator("textarea").fill("रणनीतिक खाता प्रबंधन")
    segment.get_by_role("button", name="Save", exact=True).click()
    segment.locator(".ws-outcome--saved").wait_for()
    with translator.expect_navigation():
        translator.get_by_role("button", name="Submit for review").click()
    # The reviewer is told, in Hindi, with a link to the review.
    message = only_mail_to("ravi@example.org")
    assert "समीक्षा के लिए भेजा गया" in message.subject
    to_review = link_in(message, review_path)

    # The reviewer follows it and asks for a change to that one text.
    reviewer = browser.new_context().new_page()
    sign_in(reviewer, site, "ravi", to_review)
    assert urlsplit(reviewer.url).path == review_path
    on_text = reviewer.locator(f"section[data-segment='{segment_id}']")
    assert "रणनीतिक खाता प्रबंधन" in on_text.inner_text()
    on_text.locator("textarea").fill(COMMENT)
    shot(reviewer, "review-page")
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Request changes").click()
    assert reviewer.locator(".messagelist .success").is_visible()
    # The translator is told, in Hindi, with the comment and a link to the editor.
    message = only_mail_to("asha@example.org")
    assert "बदलाव माँगे गए" in message.subject
    assert COMMENT in message.body
    to_editor = link_in(message, editor_path)

    # The article is back in the translator's queue, first, and the comment is beside the
    # text it is about, and only there.
    translator.goto(f"{site}/admin/workspace/hi/")
    first = translator.locator("table.ws-queue tbody tr").first
    assert "Senior Customer Success Manager" in first.inner_text()
    assert "changes requested" in first.inner_text()
    translator.goto(f"{site}{to_editor}")
    segment = translator.locator(f"section[data-segment='{segment_id}']")
    assert COMMENT in segment.locator(".ws-review-comments").inner_text()
    assert translator.locator(".ws-review-comments").count() == 1
    assert "changes requested" in segment.locator("[data-role=state]").inner_text()
    shot(translator, "review-editor-changes-requested", segment)
    # The history keeps the conversation.
    assert COMMENT in translator.locator(".review-conversation").inner_text()

    # The fix, submitted again.
    segment.locator("textarea").fill("रणनीतिक ग्राहक अकाउंट प्रबंधन")
    segment.get_by_role("button", name="Save", exact=True).click()
    segment.locator(".ws-outcome--saved").wait_for()
    with translator.expect_navigation():
        translator.get_by_role("button", name="Submit for review").click()
    message = only_mail_to("ravi@example.org")
    link_in(message, review_path)

    # The reviewer approves: published, and the translator is told.
    reviewer.goto(f"{site}{review_path}")
    assert COMMENT in reviewer.locator(f"section[data-segment='{segment_id}']").inner_text()
    with reviewer.expect_navigation():
        reviewer.get_by_role("button", name="Approve and publish").click()
    assert reviewer.locator(".messagelist .success").is_visible()
    message = only_mail_to("asha@example.org")
    assert "प्रकाशित" in message.subject
    link_in(message, editor_path)

    reviewer.goto(f"{site}/hi/roles/{SLUG}/")
    assert "रणनीतिक ग्राहक अकाउंट प्रबंधन" in reviewer.locator("main").inner_text()
    # The publishing page shows the whole conversation.
    reviewer.goto(f"{site}/admin/publishing/roles.role/{role.pk}/")
    history = reviewer.locator(".review-conversation").inner_text()
    assert COMMENT in history and "Approved and published" in history
