"""A translator at work in the real admin, in Chromium."""

from django.contrib.auth.models import Group, User
from django.core.management import call_command

from content import languages
from roles.models import Role


def test_translator_edits_the_korean_title_and_readers_see_it(page, site):
    call_command("setup_groups", verbosity=0)
    translator = User.objects.create_user("minji", password="a-long-passphrase", is_staff=True)
    translator.groups.add(Group.objects.get(name=languages.get("ko").translator_group))
    role = Role.objects.get(slug="customer-support-manager")

    page.goto(f"{site}/admin/login/?next=/admin/roles/role/{role.pk}/change/")
    page.fill("#id_username", "minji")
    page.fill("#id_password", "a-long-passphrase")
    page.click("input[type=submit]")

    # jQuery UI comes from our static files: the tabs are there.
    page.wait_for_selector("#modeltranslation-main-switch")
    english = page.locator("#id_title_en")
    assert english.is_disabled()
    page.goto(f"{site}/admin/roles/role/{role.pk}/change/#language-ko")
    page.wait_for_selector("#id_title_ko", state="visible")
    assert page.locator("#id_title_en").is_hidden()  # the Korean tab is the open one
    assert page.locator("#id_title_en").is_disabled()
    page.fill("#id_title_ko", "고객 지원 팀장")
    with page.expect_navigation():
        page.click("input[name=_save]")
    errors = page.locator(".errorlist").all_inner_texts()
    assert page.url.split("#")[0] == f"{site}/admin/roles/role/", errors
    assert page.locator(".messagelist .success").is_visible()

    page.goto(f"{site}/ko/roles/customer-support-manager/")
    assert page.locator("h1").inner_text().startswith("고객 지원 팀장")
    page.goto(f"{site}/en/roles/customer-support-manager/")
    assert page.locator("h1").inner_text().startswith("Customer Support Manager")
