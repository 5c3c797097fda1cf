"""An editor builds a whole role in one pass in Chromium, sees its preview, publishes it from
the same form and finds it on the site, in the A to Z and in search. The README's role form
paragraph counts the page loads this takes (printed by this test)."""

from django.contrib.auth.models import User

from metrics.models import Metric
from roles.models import Responsibility, Role, RoleFamily
from salaries.models import Location

PASSWORD = "a-long-passphrase"
TITLE = "Community Operations Lead"


def add_another(page, group):
    page.locator(f"#{group}-group .add-row a").click()


def choose(page, name, label=None, value=None):
    select = page.locator(f"select[name='{name}']")
    if value is not None:
        select.select_option(value=value)
    else:
        select.select_option(label=label)


def test_an_editor_builds_publishes_and_finds_a_whole_role_in_one_pass(browser, site):
    User.objects.create_superuser("erin", "erin@example.org", PASSWORD)
    family = RoleFamily.objects.first()
    nps, csat = Metric.objects.get(code="nps"), Metric.objects.get(code="csat")
    location = Location.objects.first()
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    loads = []
    page.on("load", lambda: loads.append(page.url))

    page.goto(f"{site}/admin/login/?next=/admin/roles/role/add/")
    page.fill("#id_username", "erin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")

    # The role itself: "Last updated" is already today, the slug follows the title.
    page.fill("#id_title_en", TITLE)
    page.fill("#id_summary_en", "Runs the community team and the forums it answers in.")
    choose(page, "family", value=str(family.pk))
    assert page.input_value("#id_updated_on")
    # Sections with their standard headings, written only as text.
    choose(page, "sections-0-key", value="overview")
    page.fill("#id_sections-0-body_en", "A community operations lead runs the community team.")
    add_another(page, "sections")
    choose(page, "sections-1-key", value="career-path")
    page.fill("#id_sections-1-body_en", "From moderator to lead.")
    for n, key in ((2, "skills"), (3, "tools")):
        add_another(page, "sections")
        choose(page, f"sections-{n}-key", value=key)
    # Two groups and a responsibility in each, chosen on the same page.
    page.fill("#id_responsibility_groups-0-title_en", "Running the team")
    add_another(page, "responsibility_groups")
    page.fill("#id_responsibility_groups-1-title_en", "Working with members")
    page.fill("#id_responsibilities-0-title_en", "Plan the rota")
    page.fill("#id_responsibilities-0-description_en", "Who answers when.")
    choose(page, "responsibilities-0-group", value="new-0")
    add_another(page, "responsibilities")
    page.fill("#id_responsibilities-1-title_en", "Answer escalations")
    page.fill("#id_responsibilities-1-description_en", "The hardest member questions.")
    choose(page, "responsibilities-1-group", value="new-1")
    page.fill("#id_skills-0-name_en", "Moderation")
    page.fill("#id_skills-0-description_en", "Keeping a forum civil.")
    page.fill("#id_tools-0-name_en", "Forum software")
    page.fill("#id_tools-0-description_en", "Where members ask.")
    page.fill("#id_takeaways-0-question_en", "What does a community operations lead do?")
    page.fill("#id_takeaways-0-answer_en", "Runs the community team.")
    choose(page, "role_metrics-0-metric", value=str(csat.pk))
    add_another(page, "role_metrics")
    choose(page, "role_metrics-1-metric", value=str(nps.pk))
    choose(page, "salary_bands-0-location", value=str(location.pk))
    page.fill("#id_salary_bands-0-minimum", "50000")
    page.fill("#id_salary_bands-0-maximum", "80000")
    page.fill("#id_salary_bands-0-currency", "USD")
    page.fill("#id_salary_bands-0-source_en", "A salary survey")
    page.locator("select[name='salary_bands-0-track'] option").nth(1).wait_for(state="attached")
    track = page.locator("select[name='salary_bands-0-track'] option").nth(1).get_attribute("value")
    choose(page, "salary_bands-0-track", value=track)
    page.fill("#id_career_steps-0-title_en", "Head of community")
    page.fill("#id_career_steps-0-description_en", "Runs every community of the company.")
    with page.expect_navigation():
        page.click("input[name=_continue]")

    errors = page.evaluate(
        "Array.from(document.querySelectorAll('.errorlist')).map(e => "
        "(e.closest('.form-row') || e.parentElement).className + ': ' + e.innerText)"
    )
    assert not errors, errors
    role = Role.objects.get(title_en=TITLE)
    assert {r.group.title_en for r in Responsibility.objects.filter(role=role)} == {
        "Running the team", "Working with members",
    }  # fmt: skip
    assert "readers see them once" not in page.content()

    # The preview of the draft, one click away.
    with page.context.expect_page() as preview_opened:
        page.click("a[data-preview-base]")
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert TITLE in preview.locator("h1").inner_text()
    preview.close()

    # Publish English from the same form.
    panel = page.locator(".publishing-panel")
    assert panel.locator("input[name=language][value=en]").is_checked()
    with page.expect_navigation():
        panel.locator("button[type=submit]").first.click()
    assert "/change/" in page.url
    assert page.locator(".publishing-panel tbody tr").first.inner_text().count("as published")

    reader = browser.new_context().new_page()
    article = reader.goto(f"{site}/en/roles/{role.slug}/")
    assert article.status == 200 and TITLE in reader.locator("h1").inner_text()
    reader.goto(f"{site}/en/roles/")
    assert TITLE in reader.content()
    reader.goto(f"{site}/en/search/?q=community+operations")
    assert TITLE in reader.locator("main").inner_text()
    # Sign-in, the empty form, one save, one publication.
    print(f"\nEditor's page loads: {len(loads)}: {loads}")
    assert len(loads) <= 4

    # With JavaScript, an arrow moves a section; its order numbers follow, and a save keeps it.
    first = page.locator("#sections-group .inline-related:not(.empty-form)").first
    moved = first.locator("select[name$='-key']").input_value()
    first.locator("h3 button.order-arrow").nth(1).click()
    with page.expect_navigation():
        page.click("input[name=_continue]")
    keys = list(role.sections.order_by("order", "pk").values_list("key", flat=True))
    assert keys.index(moved) == 1, keys
