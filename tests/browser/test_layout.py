"""Every page right on a phone and a desktop, in every language: measured in Chromium.

One browser context per width opens every page type in every language and runs
layout_checks.js in it: no sideways scrolling, no text under 12 px, no word or figure split
across lines in tables and charts, no line starting with a space, no overlapping boxes, no
control inside a heading, tables in labelled keyboard-scrollable regions, the header in line
with the column. Screenshots of each go to artifacts/screenshots/ (not committed), as JPEG:
PNG's encoding of 165 whole pages took 13 s of Chromium's CPU in every make test.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS

# The published site of the module lives in the test database (published_site).
pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "hi", "uk", "ko", "nb"]
WIDTHS = [320, 390, 1280]
# page name: (address after the language prefix, status)
PAGES = {
    "index": ("", 200),
    "roles": ("roles/", 200),
    "role-customer-support-manager": ("roles/customer-support-manager/", 200),
    "role-senior-customer-success-manager": ("roles/senior-customer-success-manager/", 200),
    "metrics": ("metrics/", 200),
    "metric-nps": ("metrics/nps/", 200),
    "salaries": ("salaries/", 200),
    "linking": ("linking/", 200),
    "not-found": ("roles/no-such-role/", 404),
    "search": ("search/?q=csm", 200),
}
# The header on one line on a desktop; on a phone the published_site's name, its sections and the
# languages, which may take two balanced lines on the narrowest screens.
HEADER_LINES = {320: 4, 390: 3, 1280: 1}
CHECKS = Path(__file__).with_name("layout_checks.js").read_text(encoding="utf-8")
# The screenshots in docs/ (linked from the README) are copies of these.
DOCS_SHOTS = {
    (1280, "en", "role-customer-support-manager"): "docs-role-page.png",
    (390, "ko", "role-customer-support-manager"): "docs-ko-role-390.png",
    (390, "hi", "role-customer-support-manager"): "docs-hi-role-390.png",
    (390, "ko", "salaries"): "docs-ko-salaries-390.png",
    (390, "hi", "salaries"): "docs-hi-salaries-390.png",
}
DOCS_SHOT_HEIGHT = 1500  # a role page's first screens: header, title, contents, sections


def _layout_problems(page, where, width):
    found = page.evaluate(CHECKS)
    problems = [f"{where}: {problem}" for problem in found["problems"]]
    if found["headerLines"] > HEADER_LINES[width]:
        problems.append(f"{where}: the header takes {found['headerLines']} lines")
    return problems


def _role_page_problems(page):
    """Each section heading of an article is followed by its copy-link button, outside it."""
    return page.evaluate(
        """() => [...document.querySelectorAll(".article section[id] h2")]
            .filter((heading) => {
              const next = heading.nextElementSibling;
              return !(next && next.matches("button.copy-link"));
            })
            .map((heading) => `no copy-link button after ${JSON.stringify(heading.textContent)}`)"""
    )


def _salaries_problems(page):
    """The salaries page names, with links, the roles that have no figures yet."""
    links = page.locator(".no-figures a[href$='/roles/senior-customer-success-manager/']")
    return [] if links.count() == 1 else ["the Senior CSM is not listed as having no figures"]


EXTRA_CHECKS = {
    "role-customer-support-manager": _role_page_problems,
    "role-senior-customer-success-manager": _role_page_problems,
    "metric-nps": _role_page_problems,
    "salaries": _salaries_problems,
}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_reads_well_at_this_width_in_every_language(browser, published_site, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = []
    with browser.new_context(viewport={"width": width, "height": 900}) as context:
        page = context.new_page()
        for language in LANGUAGES:
            for name, (path, status) in PAGES.items():
                response = page.goto(f"{published_site}/{language}/{path}")
                assert response.status == status, path
                where = f"{language}/{path} at {width}px"
                problems += _layout_problems(page, where, width)
                if name in EXTRA_CHECKS:
                    problems += [f"{where}: {problem}" for problem in EXTRA_CHECKS[name](page)]
                shot = SCREENSHOTS / f"{language}-{name}-{width}.jpg"
                page.screenshot(path=shot, full_page=True, quality=80)
                if docs_shot := DOCS_SHOTS.get((width, language, name)):
                    height = min(DOCS_SHOT_HEIGHT, page.evaluate("document.body.scrollHeight"))
                    clip = {"x": 0, "y": 0, "width": width, "height": height}
                    page.screenshot(path=SCREENSHOTS / docs_shot, full_page=True, clip=clip)
    assert not problems, "\n".join(problems)


def test_pages_read_as_well_without_javascript(browser, published_site):
    problems = []
    with browser.new_context(
        viewport={"width": 390, "height": 900}, java_script_enabled=False
    ) as context:
        page = context.new_page()
        for language in ["uk", "ko"]:
            for name in ["role-customer-support-manager", "salaries"]:
                path, _status = PAGES[name]
                page.goto(f"{published_site}/{language}/{path}")
                problems += _layout_problems(page, f"{language}/{path} without JavaScript", 390)
    assert not problems, "\n".join(problems)


def test_a_table_wider_than_a_phone_is_a_named_region_that_scrolls_from_the_keyboard(
    browser, published_site
):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    page.goto(f"{published_site}/uk/salaries/")
    section = page.locator(".salary-comparison").first
    region = section.get_by_role("region")
    heading = section.locator("h2").inner_text()
    caption = section.locator(".table-scroll caption").inner_text()
    expect(region).to_have_accessible_name(f"{heading} {caption}")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # it does need to scroll

    section.locator("h2 a").focus()
    page.keyboard.press("Tab")
    expect(region).to_be_focused()
    # The arrow keys scroll it, as far as its last column.
    box = region.element_handle()
    last_column = section.locator(".table-scroll thead th").last.element_handle()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=box, timeout=5000)
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([el, th]) => th.getBoundingClientRect().right <= el.getBoundingClientRect().right + 1",
        arg=[box, last_column],
        timeout=5000,
    )
    context.close()
