"""A knowledge base an editor allows in the admin frames the card; another is refused.

Two knowledge bases are real servers started here on loopback, each on a port of its own
(two origins), each with a page that frames the same card. Chromium decides from the
card's frame-ancestors alone.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from content.access import EDITORS
from tests.browser.conftest import SCREENSHOTS

CSM = "customer-support-manager"
PASSWORD = "a-long-passphrase"


@pytest.fixture
def knowledge_bases(site):
    """Two sites on 127.0.0.1, different ports: each serves a page framing the card."""
    card = f"{site}/uk/embed/roles/{CSM}/"

    class Article(BaseHTTPRequestHandler):
        def do_GET(self):
            body = (
                '<!doctype html><html lang="en"><title>KB</title>'
                f'<iframe src="{card}" width="480" height="360" title="card"></iframe>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Article) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    yield [f"http://127.0.0.1:{server.server_address[1]}" for server in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


def _framed_card(page, origin):
    """The card's frame as the knowledge base at `origin` shows it, once it has loaded
    (or failed to)."""
    page.goto(f"{origin}/article")
    frame = page.frame_locator("iframe")
    page.wait_for_function(
        "() => document.querySelector('iframe').contentWindow !== null", timeout=5000
    )
    page.wait_for_timeout(1000)
    return page.frames[1], frame


def _refused(frame):
    return frame.url.startswith("chrome-error://")


def test_a_card_frames_on_the_origin_an_editor_allowed_in_the_admin_and_nowhere_else(
    browser, site, knowledge_bases
):
    allowed, other = knowledge_bases
    call_command("setup_groups", verbosity=0)
    editor = User.objects.create_user("edna", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))

    reader = browser.new_context().new_page()
    # Before an editor allows it, the knowledge base may not frame the card.
    assert _refused(_framed_card(reader, allowed)[0])

    admin = browser.new_context().new_page()
    admin.goto(f"{site}/admin/login/?next=/admin/linking/embedorigin/add/")
    admin.fill("#id_username", "edna")
    admin.fill("#id_password", PASSWORD)
    with admin.expect_navigation():
        admin.click("input[type=submit]")
    admin.fill("#id_origin", allowed)
    admin.fill("#id_name", "Support wiki")
    with admin.expect_navigation():
        admin.click("input[name=_save]")
    assert admin.locator(".messagelist .success").count() == 1
    assert allowed in admin.locator("#result_list").inner_text()

    # The same reader: their browser revalidates the card it was refused (a 304), and
    # must then show it.
    frame, framed = _framed_card(reader, allowed)
    assert not _refused(frame), frame.url
    assert frame.url == f"{site}/uk/embed/roles/{CSM}/"
    assert "Менеджер" in framed.locator("h1").inner_text()

    frame, _framed = _framed_card(reader, other)
    assert _refused(frame), frame.url


def test_the_link_and_embed_panel_copies_each_address(browser, site):
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"], viewport={"width": 320, "height": 800}
    )
    page = context.new_page()
    page.goto(f"{site}/ko/roles/{CSM}/")
    panel = page.locator("#link-and-embed")
    fields = panel.locator("code.copyable")
    buttons = panel.locator("button.copy-text")
    assert buttons.count() == fields.count() == 4
    for index in range(4):
        buttons.nth(index).click()
        assert page.evaluate("navigator.clipboard.readText()") == fields.nth(index).inner_text()
    # Each button is named "copy" and described by its field's name.
    described = buttons.first.get_attribute("aria-describedby")
    assert panel.locator(f"#{described}").inner_text() == "고정 링크"

    # Beside each section's "copy link": its permanent address, shown in the panel.
    page.locator("#salary button.share-section").click()
    section = panel.locator("code.share__section")
    assert section.inner_text() == f"http://testserver/roles/{CSM}/#salary"
    assert panel.locator(".share__section-name").inner_text() == (
        page.locator("#salary h2").inner_text()
    )
    assert page.locator("#salary button.share-section").get_attribute("aria-describedby") == (
        page.locator("#salary h2").get_attribute("id")
    )
    assert page.evaluate("document.activeElement.className") == "copy-text"
    page.keyboard.press("Enter")
    assert page.evaluate("navigator.clipboard.readText()") == section.inner_text()

    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    panel.screenshot(path=SCREENSHOTS / "ko-link-and-embed-320.png")
    context.close()


def test_the_panel_reads_without_javascript(browser, site):
    with browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 800}
    ) as context:
        page = context.new_page()
        page.goto(f"{site}/hi/metrics/nps/")
        panel = page.locator("#link-and-embed")
        assert panel.locator("code").count() == 4
        assert panel.locator("button").count() == 0
        iframe_text = panel.locator("code").nth(2).inner_text()
        assert iframe_text.startswith("<iframe src=") and "/hi/embed/metrics/nps/" in iframe_text
        # Every field is on the screen, whole: nothing wider than the phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        panel.screenshot(path=SCREENSHOTS / "hi-link-and-embed-nojs-320.png")


def test_the_guides_examples_have_copy_buttons(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site}/nb/linking/")
    examples = page.locator("code.copyable")
    buttons = page.locator("button.copy-text")
    assert examples.count() == buttons.count() >= 8
    snippet = page.locator("#embed ~ p code.copyable").first
    snippet.locator("xpath=following-sibling::button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("<iframe src=") and "/roles/customer-support-manager/" in copied
    context.close()
