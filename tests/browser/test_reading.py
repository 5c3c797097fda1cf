"""What a reader sees in a real browser: every page type in every language, accessible."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from content import languages
from tests.browser.conftest import SCREENSHOTS

# The published site of the module lives in the test database (published_site).
pytestmark = pytest.mark.django_db

LANGUAGES = languages.CODES
PAGES = {
    "index": "",
    "roles": "roles/",
    "role-customer-support-manager": "roles/customer-support-manager/",
    "role-senior-customer-success-manager": "roles/senior-customer-success-manager/",
    "metrics": "metrics/",
    "metric-nps": "metrics/nps/",
    "salaries": "salaries/",
    "search": "search/?q=csm",
}

axe = Axe()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_renders_and_has_no_accessibility_violations(
    page, published_site, language
):
    # Screenshots of these pages are test_layout.py's, at three widths.
    for path in PAGES.values():
        response = page.goto(f"{published_site}/{language}/{path}")
        assert response.status == 200, path
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").first.is_visible()
        results = axe.run(page)
        assert results.violations_count == 0, f"{language}/{path}\n{results.generate_report()}"


@pytest.mark.parametrize("language", ["en", "ko"])
def test_not_found_page_is_accessible_in_the_readers_language(page, published_site, language):
    response = page.goto(f"{published_site}/{language}/roles/no-such-role/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == language
    assert axe.run(page).violations_count == 0


def test_switching_language_in_the_salary_section_lands_on_the_same_section(page, published_site):
    page.goto(f"{published_site}/en/roles/customer-support-manager/#salary")
    page.locator(".language-switcher a[hreflang=uk]").click()
    page.wait_for_url(f"{published_site}/uk/roles/customer-support-manager/#salary")
    heading = page.locator("#salary h2")
    assert heading.is_visible()
    assert heading.bounding_box()["y"] < 200  # scrolled to the section


def test_role_page_reads_fully_without_javascript(browser, published_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{published_site}/hi/roles/customer-support-manager/")
    assert page.locator("#responsibilities dt").count() == 4
    assert page.locator("#salary svg").is_visible()
    page.locator(".language-switcher a[hreflang=ko]").click()
    assert page.url.endswith("/ko/roles/customer-support-manager/")
    context.close()


@pytest.mark.parametrize("language", ["hi", "uk"])
def test_role_page_fits_a_phone_screen(browser, published_site, language):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(f"{published_site}/{language}/roles/customer-support-manager/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=SCREENSHOTS / f"{language}-role-phone.png", full_page=True)
    context.close()
