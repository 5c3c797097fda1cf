"""Searching from the header as a reader does, in Korean and in Hindi, and following a
section result to its place on the role page."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

# The published site of the module lives in the test database (published_site).
pytestmark = pytest.mark.django_db

SENIOR = "/roles/senior-customer-success-manager/"

axe = Axe()


@pytest.mark.parametrize(
    ("language", "typed", "heading"),
    [
        # "career path" with the object particle, as a Korean reader types it
        ("ko", "경력 경로를", "경력 경로와 성장"),
        ("hi", "करियर पथ", "करियर पथ और विकास"),
    ],
)
def test_a_search_from_the_header_leads_to_the_section_it_found(
    page, published_site, screenshot, language, typed, heading
):
    page.goto(f"{published_site}/{language}/")
    box = page.get_by_role("searchbox")
    box.fill(typed)
    box.press("Enter")
    page.wait_for_url(f"{published_site}/{language}/search/?q=*")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("searchbox")).to_have_value(typed)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    screenshot(f"{language}-search-results")

    first = page.locator(".search-result").first
    link = first.locator("h2 a")
    expect(link).to_have_attribute("href", f"/{language}{SENIOR}#career-path")
    expect(first.locator("mark").first).to_be_visible()
    link.click()
    page.wait_for_url(f"{published_site}/{language}{SENIOR}#career-path")
    section_heading = page.locator("#career-path h2")
    expect(section_heading).to_have_text(heading)
    assert section_heading.bounding_box()["y"] < 200  # scrolled to the section


def test_the_search_box_works_without_javascript(browser, published_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{published_site}/uk/metrics/")
    page.get_by_role("searchbox").fill("менеджером")
    page.get_by_role("button", name="Шукати").click()
    page.wait_for_url(f"{published_site}/uk/search/?q=*")
    expect(page.locator(".search-result h2 a").first).to_have_attribute(
        "href", "/uk/roles/customer-support-manager/"
    )
    context.close()
