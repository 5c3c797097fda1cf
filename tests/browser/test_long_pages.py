"""From deep in a long article on a phone, the header (and its languages) is one tap away:
it took 3,100 px of scrolling to switch language (issue 28, finding 12)."""

import pytest

from content import languages

# The published site of the module lives in the test database (published_site).
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", languages.CODES)
def test_every_section_of_an_article_leads_back_to_the_header(browser, published_site, language):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(f"{published_site}/{language}/roles/senior-customer-success-manager/")
    sections = page.locator(".article section[id]")
    assert sections.count() > 3
    assert page.locator(".article section[id] .to-top a[href='#top']").count() == sections.count()
    last = sections.last.locator(".to-top a")
    last.scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 2000
    last.click()
    page.wait_for_function("window.scrollY < 50")
    switcher = page.locator(".language-switcher a[hreflang]").first
    assert switcher.is_visible()
    assert switcher.bounding_box()["y"] < 800
    context.close()
