"""With hundreds of roles: every list is paginated, the sitemap is an index of sitemaps, a
page's queries do not grow with the roles, and publishing one role renders again only the
pages that show it."""

import math
import re

import pytest
from django.core.management import call_command

from content.languages import CODES
from content.models import Published, PublishedLink
from linking.sitemaps import LocalizedSitemap
from metrics.published import METRIC_PAGE
from publishing import addresses, rendering
from publishing.models import StoredPage
from publishing.services import content_publish, site_render
from roles.models import CareerStep, Role, RoleFamily
from salaries.published import SALARIES_PAGE
from tests.html import SITEMAP, Page, sitemap_entries

ROLES = 240
ROLE_LINK = re.compile(r"^/[a-z]{2}/roles/(role-\d+)/$")


@pytest.fixture(scope="module")
def many_roles(django_db_setup, django_db_blocker):
    """ROLES generated roles, published, with the pages of every list stored (once: the
    tests' own publications roll back), for the module; removed after it."""
    with django_db_blocker.unblock():
        call_command("generate_demo_content", "--roles", str(ROLES), verbosity=0)
        site_render(
            paths=[
                *addresses.site_addresses(),
                *addresses.list_addresses(),
                *addresses.sitemap_addresses(),
            ]
        )
        yield
        call_command("flush", "--noinput", verbosity=0)


def _roles_linked(html):
    links = (a["attrs"].get("href", "") for a in Page(html).find_all("a"))
    return [m.group(1) for m in map(ROLE_LINK.match, links) if m]


def _compared(html):
    return [
        s["attrs"]["id"] for s in Page(html).find_all("section", **{"class": "salary-comparison"})
    ]


def _every_page(client, address, roles_on=_roles_linked):
    """The roles on each page of a list, following its "next" links to the end."""
    pages = []
    while address:
        response = client.get(address)
        assert response.status_code == 200, address
        pages.append(roles_on(response.text))
        following = Page(response.text).find("a", rel="next")
        address = following["attrs"]["href"] if following else None
    return pages


@pytest.mark.django_db
def test_a_family_page_lists_every_role_of_the_family_once_a_page_at_a_time(client, many_roles):
    family = RoleFamily.objects.order_by("order").first()
    expected = set(Role.objects.filter(family=family).values_list("slug", flat=True))
    assert len(expected) > 50  # more than one page of them
    pages = _every_page(client, f"/en/families/{family.slug}/")
    assert len(pages) == math.ceil(len(expected) / 50)
    assert all(len(page) <= 50 for page in pages)
    listed = [slug for page in pages for slug in page]
    assert sorted(listed) == sorted(expected)
    assert client.get(f"/en/families/{family.slug}/{len(pages) + 1}/").status_code == 404


@pytest.mark.django_db
def test_the_index_shows_a_few_roles_of_each_family_and_links_to_all_of_them(client, many_roles):
    response = client.get("/en/")
    assert len(_roles_linked(response.text)) <= 6 * RoleFamily.objects.count()
    for family in RoleFamily.objects.all():
        assert f'href="/en/families/{family.slug}/"' in response.text


def _roles_under_each(html, section_class):
    """{the heading a section is labelled by: the roles linked in it, in order}."""
    sections = html.split(f'<section class="{section_class}" ')[1:]
    return {
        re.search(r'aria-labelledby="([^"]+)"', section)[1]: _roles_linked(
            section.split("</section>")[0]
        )
        for section in sections
    }


@pytest.mark.django_db
def test_the_index_shows_the_first_roles_of_each_family_in_its_pages_order(client, many_roles):
    family = RoleFamily.objects.order_by("order").first()
    # Two roles moved to the top, in a tie broken by their ids, as editors leave roles
    # whose order they never set.
    moved = list(Role.objects.filter(family=family).order_by("-pk")[:2])
    for role in moved:
        role.order = 0
        role.save()
        content_publish(obj=role, languages=CODES)

    shown = _roles_under_each(client.get("/en/").text, "family")
    for each in RoleFamily.objects.all():
        first_page = _roles_linked(client.get(f"/en/families/{each.slug}/").text)
        assert shown[f"family-{each.slug}"] == first_page[:6]
    assert shown[f"family-{family.slug}"][:2] == sorted(role.slug for role in moved)


@pytest.mark.django_db
def test_the_a_to_z_shows_the_first_roles_of_each_letter_in_its_pages_order(client, many_roles):
    for language in ["uk", "ko"]:
        html = client.get(f"/{language}/roles/").text
        letters = dict(re.findall(r'<a href="#(letter-\d+)">([^<]+)</a>', html))
        shown = _roles_under_each(html, "letter")
        assert len(shown) == len(letters) > 1
        for section, roles in shown.items():
            letter = letters[section.removesuffix("-heading")].lower()
            address = f"/{language}/roles/a-z/{letter}/"
            assert roles == _roles_linked(client.get(address).text)[:10], address


@pytest.mark.django_db
def test_the_a_to_z_links_each_letter_and_the_letters_list_every_role(client, many_roles):
    response = client.get("/uk/roles/")
    letters = [
        a["attrs"]["href"]
        for a in Page(response.text).find_all("a")
        if a["attrs"].get("href", "").startswith("/uk/roles/a-z/")
    ]
    assert letters
    listed = []
    for address in dict.fromkeys(letters):
        for page in _every_page(client, address):
            listed += page
    assert len(listed) == len(set(listed))  # no role under two letters
    # A letter with a few roles shows them all on the A to Z itself.
    everyone = set(listed) | set(_roles_linked(response.text))
    assert everyone == set(Role.objects.values_list("slug", flat=True))
    assert client.get("/uk/roles/a-z/no-such-letter/").status_code == 404


@pytest.mark.django_db
def test_salaries_compare_a_page_of_roles_and_every_role_with_figures_is_on_one(client, many_roles):
    with_figures = set(
        Role.objects.filter(salary_bands__isnull=False).distinct().values_list("slug", flat=True)
    )
    pages = _every_page(client, "/en/salaries/", roles_on=_compared)
    assert len(pages) == math.ceil(len(with_figures) / SALARIES_PAGE) > 1
    on_pages = [set(page) for page in pages]
    assert set().union(*on_pages) == with_figures
    assert sum(map(len, on_pages)) == len(with_figures)  # none on two pages


@pytest.mark.django_db
def test_a_metric_page_lists_its_roles_a_page_at_a_time(client, many_roles):
    metric = Published.objects.filter(kind="metrics.metric").order_by("order").first()
    judged = PublishedLink.objects.filter(
        kind="metrics.metric", target_id=metric.object_id, source__kind="roles.role"
    ).count()
    pages = _every_page(client, f"/en/metrics/{metric.key}/")
    assert len(pages) == math.ceil(judged / METRIC_PAGE)
    assert sum(map(len, pages)) == judged


@pytest.mark.django_db
def test_the_api_lists_roles_a_page_at_a_time_and_answers_404_past_the_end(client, many_roles):
    seen = []
    for page in range(1, math.ceil(ROLES / 100) + 1):
        response = client.get(f"/api/v1/roles/?lang=en&page={page}")
        assert response.status_code == 200
        seen += [role["slug"] for role in response.json()]
    assert sorted(seen) == sorted(Role.objects.values_list("slug", flat=True))
    past = client.get(f"/api/v1/roles/?lang=en&page={math.ceil(ROLES / 100) + 1}")
    assert past.status_code == 404
    assert client.get("/api/v1/roles/?lang=en&page=0").status_code in (400, 422)


@pytest.mark.django_db
def test_the_sitemap_is_an_index_of_sitemaps_each_under_its_limit(client, many_roles, monkeypatch):
    monkeypatch.setattr(LocalizedSitemap, "limit", 500)
    index = client.get("/sitemap.xml").text
    assert "<sitemapindex" in index
    assert "sitemap-roles.xml?p=3" in index  # 240 roles in five languages: three pages
    entries = sitemap_entries(client)
    locations = [entry.find(f"{SITEMAP}loc").text for entry in entries]
    assert len(locations) == len(set(locations))
    for slug in Role.objects.values_list("slug", flat=True):
        for code in CODES:
            assert f"http://testserver/{code}/roles/{slug}/" in locations
    for page in range(1, 4):
        response = client.get(f"/sitemap-roles.xml?p={page}")
        assert response.text.count("<url>") <= 500


@pytest.fixture
def rendered(monkeypatch):
    """The addresses publishing renders again."""
    paths = []
    real_render = rendering.render

    def noting_render(addresses, **options):
        paths.extend(addresses)
        return real_render(addresses, **options)

    monkeypatch.setattr(rendering, "render", noting_render)
    return paths


def _family_page_of(role):
    """The address of the page of its family's list that shows `role`."""
    ranked = list(
        Published.objects.filter(
            kind="roles.role", links__kind="roles.rolefamily", links__target_id=role.family_id
        )
        .order_by("order", "object_id")
        .values_list("object_id", flat=True)
    )
    page = ranked.index(role.pk) // 50 + 1
    return f"/en/families/{role.family.slug}/" + ("" if page == 1 else f"{page}/")


@pytest.mark.django_db
def test_publishing_one_role_renders_again_only_the_pages_showing_it(
    many_roles, settings, rendered
):
    settings.STORED_PAGES = True
    # One with no salary figures: the salaries comparison lists the first few of those.
    role = Role.objects.filter(salary_bands__isnull=True).order_by("order", "pk")[0]
    role.summary_en = "A changed summary."
    role.save()
    content_publish(obj=role, languages=["en"])
    assert f"/en/roles/{role.slug}/" in rendered
    # The page of its family's list that shows it, not every family's or every page.
    family_pages = [p for p in rendered if "/families/" in p]
    assert set(family_pages) == {_family_page_of(role).replace("/en/", f"/{c}/") for c in CODES}
    salaries = {
        re.sub("^/[a-z]{2}/", "/", p)
        for p in rendered
        if "/salaries/" in p and not p.startswith("/api/") and "without-figures" not in p
    }
    assert salaries <= {"/salaries/"}
    # However many roles: in each language its own pages, a page of each list (index, A to
    # Z, letter, family, salaries, metrics, the API's), its metrics' pages and those of the
    # roles whose career paths lead to it; and the sitemap.
    metrics = role.role_metrics.count()
    leading = CareerStep.objects.filter(target_role=role).values("role").distinct().count()
    assert len(rendered) <= (4 + 9 + 2 * metrics + 3 * leading) * len(CODES) + 2, rendered
    assert (
        "A changed summary." in StoredPage.objects.get(path=f"/en/roles/{role.slug}/").body.decode()
    )


@pytest.mark.django_db
def test_a_new_letter_gets_its_stored_page_and_a_letter_left_empty_is_forgotten(
    client, many_roles, settings
):
    settings.STORED_PAGES = True
    assert not StoredPage.objects.filter(path="/en/roles/a-z/q/").exists()
    role = Role.objects.order_by("order", "pk")[7]
    title = role.title_en
    role.title_en = "Quality lead"
    role.save()
    content_publish(obj=role, languages=["en"])
    letter = StoredPage.objects.get(path="/en/roles/a-z/q/")
    assert f"/en/roles/{role.slug}/" in letter.body.decode()
    a_to_z = StoredPage.objects.get(path="/en/roles/").body.decode()
    assert ">Q</h2>" in a_to_z
    assert f'href="/en/roles/{role.slug}/"' in a_to_z
    role.title_en = title
    role.save()
    content_publish(obj=role, languages=["en"])
    assert not StoredPage.objects.filter(path="/en/roles/a-z/q/").exists()
    assert client.get("/en/roles/a-z/q/").status_code == 404


def _stale_pages():
    """The stored pages that differ from what rendering them now gives."""
    stored = dict(StoredPage.objects.values_list("path", "body"))
    fresh, vanished = rendering.render(list(stored), required=set())
    return sorted(
        path for path, body in stored.items()
        if path in vanished or fresh[path][0].content != bytes(body)
    )  # fmt: skip


@pytest.mark.django_db
def test_after_publications_of_every_kind_of_change_no_stored_page_is_stale(
    many_roles, settings, rendered
):
    settings.STORED_PAGES = True
    step = CareerStep.objects.filter(target_role__isnull=False).order_by("pk")[0]
    leading, led_to = step.role, step.target_role
    measured = Role.objects.filter(role_metrics__isnull=False, salary_bands__isnull=False)
    measured = measured.exclude(pk__in=[leading.pk, led_to.pk]).order_by("pk")[0]
    shown = Published.objects.filter(
        kind="roles.role", object_id__in=[leading.pk, led_to.pk, measured.pk]
    )
    site_render(paths=[path for published in shown for path in addresses.own_addresses(published)])

    # A summary is shown by the lists of roles, not by the metric pages that link the role.
    measured.summary_en = "A changed summary."
    measured.save()
    content_publish(obj=measured, languages=["en"])
    assert rendered and not [p for p in rendered if "/metrics/" in p], rendered
    # A title is shown wherever the role is linked: the page of a role leading to it.
    led_to.title_en = "Renamed role"
    led_to.save()
    content_publish(obj=led_to, languages=["en"])
    assert f"/en/roles/{leading.slug}/" in rendered
    # One list of a role's parts each: a responsibility, a note on a metric, salary figures,
    # a career step.
    responsibility = measured.responsibilities.first()
    responsibility.description_en = "A changed responsibility."
    responsibility.save()
    role_metric = measured.role_metrics.first()
    role_metric.note_en = "A changed note."
    role_metric.save()
    band = measured.salary_bands.first()
    band.maximum += 1000
    band.save()
    content_publish(obj=measured, languages=["en"])
    step.title_en = "A changed step"
    step.save()
    content_publish(obj=leading, languages=["en"])

    assert _stale_pages() == []
