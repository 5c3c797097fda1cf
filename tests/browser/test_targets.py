"""Every link and control is a target a finger can hit: 24 by 24 px at least, or with room
around it (WCAG 2.2, 2.5.8). axe-core leaves its target-size rule off unless asked;
Lighthouse asks, and scored /en/, /hi/ and /nb/roles/ 96 for the A to Z's 10 x 22 px jump
links (issue 28, finding 9)."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from content import languages

# The published site of the module lives in the test database (published_site).
pytestmark = pytest.mark.django_db

PAGES = ["", "roles/", "roles/customer-support-manager/", "metrics/", "salaries/",
         "search/?q=csm", "roles/a-z/c/"]  # fmt: skip
TARGET_SIZE = {"runOnly": {"type": "rule", "values": ["target-size"]}}

axe = Axe()


@pytest.mark.parametrize("width", [412, 1280])
@pytest.mark.parametrize("language", languages.CODES)
def test_every_target_is_large_enough_or_has_room(browser, published_site, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems = []
    for path in PAGES:
        response = page.goto(f"{published_site}/{language}/{path}")
        if response.status == 404:  # a letter this language's titles do not start with
            continue
        results = axe.run(page, options=TARGET_SIZE)
        if results.violations_count:
            problems.append(f"{language}/{path} at {width} px\n{results.generate_report()}")
    context.close()
    assert problems == [], "\n".join(problems)
