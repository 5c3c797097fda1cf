"""A Hindi translator in the workspace, in Chromium: from the queue to a published page."""

import re
from urllib.parse import parse_qsl

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from content import languages
from content.services import content_save
from publishing.services import content_publish
from roles.models import Responsibility

PASSWORD = "a-long-passphrase"
SLUG = "senior-customer-success-manager"


def sign_in(page, site, username, then):
    page.goto(f"{site}/admin/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def posted_fields(request):
    """The names of the fields a request posts (multipart, as FormData sends them)."""
    body = request.post_data or ""
    if "multipart/form-data" in (request.headers.get("content-type") or ""):
        return re.findall(r'name="([^"]+)"', body)
    return [name for name, _value in parse_qsl(body)]


def test_a_hindi_translator_translates_an_outdated_text_and_a_reviewer_publishes_it(browser, site):
    call_command("setup_groups", verbosity=0)
    call_command("load_glossary", verbosity=0)
    hindi = languages.get("hi")
    for username, group in [("asha", hindi.translator_group), ("ravi", hindi.reviewer_group)]:
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    # An editor changes an English text of the Senior CSM article and publishes it: its
    # Hindi translation is outdated.
    duty = Responsibility.objects.get(role__slug=SLUG, title_en="Strategic account management")
    duty.title_en = "Key account management"
    content_save(obj=duty)
    content_publish(obj=duty.role, languages=["en"])

    page = browser.new_context().new_page()
    sign_in(page, site, "asha", "/admin/")
    # The translator lands on the queue of their language; the outdated article comes first.
    assert page.url == f"{site}/admin/workspace/hi/"
    first = page.locator("table.ws-queue tbody tr").first
    assert "Senior Customer Success Manager" in first.inner_text()
    assert "outdated" in first.inner_text()
    with page.expect_navigation():
        first.locator("th a").click()

    segment = page.locator(f"section[data-segment='roles.responsibility:{duty.pk}:title']")
    assert "outdated" in segment.locator("[data-role=state]").inner_text()
    # The diff of the English since it was translated.
    assert segment.locator(".ws-diff del").inner_text() == "Strategic"
    assert segment.locator(".ws-diff ins").inner_text() == "Key"
    box = segment.locator("textarea")
    # Alt+↓ and Alt+↑ move between texts.
    box.focus()
    box.press("Alt+ArrowDown")
    following = page.evaluate("document.activeElement.closest('.ws-segment').dataset.segment")
    assert following != segment.get_attribute("data-segment")
    page.keyboard.press("Alt+ArrowUp")
    assert page.evaluate("document.activeElement.name") == box.get_attribute("name")

    # Keyboard: into the text, then save with Ctrl+Enter. Latin letters are refused.
    box.fill("Key account management")
    with page.expect_request(lambda r: r.method == "POST") as saving:
        box.press("Control+Enter")
    refusal = segment.locator(".ws-outcome--refused")
    refusal.wait_for()
    assert "another script" in segment.inner_text()
    # Only this segment's fields were posted, and the page was not reloaded.
    fields = posted_fields(saving.value)
    assert sorted(fields) == sorted(
        ["csrfmiddlewaretoken", "save", f"text:{segment.get_attribute('data-segment')}",
         f"base:{segment.get_attribute('data-segment')}"]
    )  # fmt: skip

    # A memory suggestion (the other "Account management" texts), one click.
    suggestion = segment.locator(".ws-memory li", has_text="अकाउंट प्रबंधन").first
    assert re.search(r"\d+%", suggestion.inner_text())
    suggestion.locator("button.ws-use").click()
    assert box.input_value() == "अकाउंट प्रबंधन"
    # The glossary's approved term, inserted where the caret is.
    box.fill("प्रमुख ")
    box.press("End")
    segment.locator("button.ws-insert", has_text="Insert").first.click()
    assert box.input_value() == "प्रमुख अकाउंट प्रबंधन"
    box.press("Control+Enter")
    segment.locator(".ws-outcome--saved").wait_for()
    assert "translated, not published" in segment.locator("[data-role=state]").inner_text()
    duty.refresh_from_db()
    assert duty.title_hi == "प्रमुख अकाउंट प्रबंधन" and "hi" not in duty.outdated
    # Save all (Ctrl+Shift+Enter) posts the texts changed since, and only those.
    other = page.locator(f"section[data-segment='{following}']")
    other.locator("textarea").fill(other.locator("textarea").input_value() + " ")
    with page.expect_request(lambda r: r.method == "POST") as saving_all:
        other.locator("textarea").press("Control+Shift+Enter")
    assert sorted(posted_fields(saving_all.value)) == sorted(
        ["csrfmiddlewaretoken", "save", f"text:{following}", f"base:{following}"]
    )
    other.locator(".ws-outcome--refused").wait_for()  # a trailing space: the text rules

    with page.expect_navigation():
        page.click("text=Submit for review")
    assert page.locator(".messagelist .success").is_visible()

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, site, "ravi", "/admin/publishing/reviews/")
    with reviewer.expect_navigation():
        reviewer.click("text=Senior Customer Success Manager")
    boxes = reviewer.locator("input[type=checkbox][name=language]")
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count())] == ["hi"]
    boxes.first.check()
    with reviewer.expect_navigation():
        reviewer.click("text=Publish the chosen languages")
    assert reviewer.locator(".messagelist .success").is_visible()

    reviewer.goto(f"{site}/hi/roles/{SLUG}/")
    assert "प्रमुख अकाउंट प्रबंधन" in reviewer.locator("main").inner_text()
