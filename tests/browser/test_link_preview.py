"""A knowledge base on another origin includes the one preview script: a reader who focuses
or hovers a link to a role or metric sees its card, in the link's language, under the
knowledge base's own strict CSP.

The knowledge base is a real server on 127.0.0.1 (the site is on localhost: two origins).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.conftest import SCREENSHOTS

CSM = "customer-support-manager"


@pytest.fixture
def knowledge_base(site):
    page = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>KB</title>'
        f'<script src="{site}/link-preview.js" defer></script></head><body>'
        "<h1>Support handbook</h1>"
        f'<p>Read <a id="role" href="{site}/uk/roles/{CSM}/#salary">the CSM article</a>,'
        f' <a id="metric" href="{site}/metrics/nps/">NPS</a> and'
        f' <a id="other" href="{site}/uk/salaries/">salaries</a>.</p>'
        "</body></html>"
    ).encode()
    # As strict as a knowledge base may be: script and fetches from this site only, no
    # inline script or style anywhere.
    policy = f"default-src 'none'; script-src {site}; connect-src {site}; style-src 'none'"

    class Handbook(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Security-Policy", policy)
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handbook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_knowledge_base_shows_a_card_for_a_link_to_this_site(browser, site, knowledge_base):
    context = browser.new_context()
    # Every CSP violation the page meets is recorded.
    context.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{knowledge_base}/handbook")
    card = page.locator("#role-reference-preview")

    # With the keyboard: the first link takes the focus, and its card shows.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "role"
    card.wait_for(state="visible", timeout=5000)
    text = card.inner_text()
    assert "Менеджер" in text  # the link's language, Ukrainian, not the page's
    assert card.get_attribute("lang") == "uk"
    assert card.get_attribute("role") == "tooltip"
    assert "role-reference-preview" in page.locator("#role").get_attribute("aria-describedby")
    # The linked section's first lines.
    assert page.locator("#role-reference-preview p").count() >= 3
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "link-preview-card.png")
    page.keyboard.press("Escape")
    card.wait_for(state="hidden", timeout=2000)
    assert page.locator("#role").get_attribute("aria-describedby") is None

    # With the pointer: a link without a language reads in the knowledge base's (nb).
    page.hover("#metric")
    page.wait_for_function(
        "() => { const c = document.getElementById('role-reference-preview');"
        " return c && !c.hidden && c.lang === 'nb'; }",
        timeout=5000,
    )
    assert "NPS" in card.inner_text() or "Net Promoter" in card.inner_text()

    # A page with no card shows none, and the link works as ever.
    page.mouse.move(0, 0)
    card.wait_for(state="hidden", timeout=2000)
    page.hover("#other")
    page.wait_for_timeout(800)
    assert card.is_hidden()

    assert page.evaluate("window.violations") == []
    assert errors == []
    context.close()
