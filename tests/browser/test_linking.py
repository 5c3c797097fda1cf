"""Knowledge-base authors' view, in Chromium: copied links, frames, renamed roles."""

from roles.models import Role
from tests import factories

CSM = "customer-support-manager"


def test_copy_link_copies_the_section_address_and_it_opens_there(browser, site):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{site}/nb/roles/{CSM}/")
    button = page.locator("#salary button.copy-link")
    label = button.inner_text()
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == f"{site}/nb/roles/{CSM}/#salary"
    assert button.inner_text() != label  # says it was copied

    reader = context.new_page()
    reader.goto(copied)
    assert reader.url.endswith("#salary")
    assert reader.locator("#salary h2").bounding_box()["y"] < 200
    context.close()


# Knowledge bases are faked with page.route(); kb.localhost is on the test allow-list.
ALLOWED, OTHER = "http://kb.localhost", "http://other.localhost"


def _knowledge_base_page(page, origin, frame_src):
    page.route(
        f"{origin}/**",
        lambda route: route.fulfill(
            content_type="text/html",
            body=f'<!doctype html><title>KB</title><iframe src="{frame_src}"></iframe>',
        ),
    )
    page.goto(f"{origin}/article")
    page.wait_for_timeout(1500)
    return page.frames[1]


def test_an_allowed_knowledge_base_can_frame_the_card(page, site):
    frame = _knowledge_base_page(page, ALLOWED, f"{site}/ko/embed/roles/{CSM}/")
    assert frame.url == f"{site}/ko/embed/roles/{CSM}/"
    assert "고객 지원" in frame.locator("h1").inner_text()


def test_no_one_can_frame_a_page_and_other_sites_cannot_frame_the_card(page, site):
    page_in_frame = _knowledge_base_page(page, ALLOWED, f"{site}/ko/roles/{CSM}/")
    assert page_in_frame.url.startswith("chrome-error://")

    other = page.context.new_page()
    card_elsewhere = _knowledge_base_page(other, OTHER, f"{site}/ko/embed/roles/{CSM}/")
    assert card_elsewhere.url.startswith("chrome-error://")


def test_a_renamed_roles_old_link_with_a_section_lands_on_that_section(page, site):
    role = Role.objects.get(slug=CSM)
    role.slug = "support-manager"
    role.save()
    factories.publish(role)
    page.goto(f"{site}/uk/roles/{CSM}/#metrics")
    assert page.url == f"{site}/uk/roles/support-manager/#metrics"
    assert page.locator("#metrics h2").bounding_box()["y"] < 200


def test_the_api_documentation_works_under_the_sites_policy(page, site):
    """Swagger UI from our own static files: no CDN, no inline script, no CSP violation."""
    problems, requests = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/roles/" in operations and "/api/v1/roles/{slug}" in operations
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Execute").first.click()
    status = page.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for()
    assert status.inner_text().strip() == "200"
    assert problems == []
    assert all(url.startswith(site) for url in requests), requests
