"""A translator and a reviewer at work in the real admin, in Chromium."""

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from content import languages
from roles.models import Role

PASSWORD = "a-long-passphrase"


def sign_in(page, site, username, then):
    page.goto(f"{site}/admin/login/?next={then}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def test_a_translators_draft_reaches_readers_once_a_reviewer_publishes_it(browser, site):
    call_command("setup_groups", verbosity=0)
    korean = languages.get("ko")
    for username, group in [("minji", korean.translator_group), ("jiho", korean.reviewer_group)]:
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))
    role = Role.objects.get(slug="customer-support-manager")
    # Translators are sent to the workspace; `?form` opens the full form all the same.
    change = f"/admin/roles/role/{role.pk}/change/?form"

    translator = browser.new_context().new_page()
    sign_in(translator, site, "minji", change)
    # jQuery UI comes from our static files: the tabs are there.
    translator.wait_for_selector("#modeltranslation-main-switch")
    assert translator.locator("#id_title_en").is_disabled()
    translator.goto(f"{site}{change}#language-ko")
    translator.wait_for_selector("#id_title_ko", state="visible")
    assert translator.locator("#id_title_en").is_hidden()  # the Korean tab is the open one
    translator.fill("#id_title_ko", "고객 지원 팀장")
    with translator.expect_navigation():
        translator.click("input[name=_save]")
    errors = translator.locator(".errorlist").all_inner_texts()
    assert translator.url.split("#")[0] == f"{site}/admin/roles/role/", errors

    # Saved is a draft: readers still see the published title.
    translator.goto(f"{site}/ko/roles/customer-support-manager/")
    assert not translator.locator("h1").inner_text().startswith("고객 지원 팀장")
    translator.goto(f"{site}{change}")
    translator.click("text=Preview and publish")
    assert translator.locator("input[type=checkbox][name=language]").count() == 0  # may not publish
    translator.locator("tr", has_text=korean.name).locator("button").click()
    assert translator.locator(".messagelist .success").is_visible()

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, site, "jiho", "/admin/publishing/reviews/")
    reviewer.click(f"text={role}")
    with reviewer.expect_navigation():
        reviewer.locator("tr", has_text=korean.name).locator("a", has_text="Preview").click()
    assert reviewer.locator(".preview-banner").is_visible()
    assert reviewer.locator("h1").inner_text().startswith("고객 지원 팀장")
    reviewer.go_back()
    boxes = reviewer.locator("input[type=checkbox][name=language]")
    assert [boxes.nth(i).get_attribute("value") for i in range(boxes.count())] == ["ko"]
    boxes.first.check()
    with reviewer.expect_navigation():
        reviewer.click("text=Publish the chosen languages")
    assert reviewer.locator(".messagelist .success").is_visible()

    reviewer.goto(f"{site}/ko/roles/customer-support-manager/")
    assert reviewer.locator("h1").inner_text().startswith("고객 지원 팀장")
    reviewer.goto(f"{site}/en/roles/customer-support-manager/")
    assert reviewer.locator("h1").inner_text().startswith("Customer Support Manager")
