"""The index: every role, grouped by family, in the reader's language."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from roles.models import Role
from tests import factories
from tests.html import Page


def role_links(page, language):
    """The texts of the links to role pages (not to the list of roles)."""
    prefix = f"/{language}/roles/"
    return [
        a["text"]
        for a in page.find_all("a")
        if a["attrs"].get("href", "").startswith(prefix) and a["attrs"]["href"] != prefix
    ]


@pytest.mark.django_db
def test_index_lists_every_role_under_its_family_in_the_readers_language(client):
    support = factories.make_family(name_en="Support", name_uk="Підтримка", order=1)
    sales = factories.make_family(name_en="Sales", order=2)
    factories.make_role(family=support, title_en="Support manager", title_uk="Менеджер підтримки")
    executive = factories.make_role(family=sales, title_en="Account executive")
    factories.publish(*Role.objects.filter(pk__lte=executive.pk))
    page = Page(client.get("/uk/").text)
    families = [
        h["text"] for h in page.find_all("h2") if h["attrs"].get("id", "").startswith("family-")
    ]
    assert families[0] == "Підтримка"
    assert families[1].startswith("Sales")  # not translated yet: in English, marked
    titles = role_links(page, "uk")
    assert titles[0] == "Менеджер підтримки"
    assert titles[1].startswith("Account executive")
    assert page.find("a", href="/uk/metrics/") and page.find("a", href="/uk/salaries/")


@pytest.mark.django_db
def test_index_runs_a_fixed_number_of_queries(client):
    for _ in range(5):
        factories.make_role()
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/")
    assert len(queries) <= 3


def _families_shown(html):
    return [
        h["attrs"]["id"].removeprefix("family-")
        for h in Page(html).find_all("h2")
        if h["attrs"].get("id", "").startswith("family-")
    ]


def _families_with_a_published_role(count):
    """`count` families in editorial order, each with one published role: their slugs."""
    families = [factories.make_family(order=n) for n in range(count)]
    roles = [factories.make_role(family=family) for family in families]
    factories.publish(*roles)
    return [family.slug for family in families]


@pytest.mark.django_db
def test_the_index_shows_five_families_a_page_and_links_to_the_others(client):
    slugs = _families_with_a_published_role(12)
    factories.make_role(family=factories.make_family(order=0))  # never published
    first = client.get("/uk/")
    assert _families_shown(first.text) == slugs[:5]
    assert Page(first.text).find("a", rel="next")["attrs"]["href"] == "/uk/2/"
    second = client.get("/uk/2/")
    assert _families_shown(second.text) == slugs[5:10]
    assert Page(second.text).find("a", rel="prev")["attrs"]["href"] == "/uk/"
    assert _families_shown(client.get("/uk/3/").text) == slugs[10:]
    assert not Page(client.get("/uk/3/").text).find("a", rel="next")
    for past_the_end in ["/uk/4/", "/uk/0/"]:
        assert client.get(past_the_end).status_code == 404


@pytest.mark.django_db
def test_an_index_of_one_page_shows_no_page_links(client):
    _families_with_a_published_role(5)
    assert not Page(client.get("/en/").text).find("nav", **{"class": "pagination"})
    assert client.get("/en/2/").status_code == 404


@pytest.mark.django_db
def test_an_index_page_makes_the_same_queries_with_four_times_the_families(client):
    counts = []
    for families in (3, 9):
        _families_with_a_published_role(families)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/")
        assert len(_families_shown(response.text)) == min(families, 5)
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "hi", "uk", "ko", "nb"])
def test_index_title_names_the_site_once(client, language):
    title = Page(client.get(f"/{language}/").text).find("title")["text"]
    assert title and "·" not in title


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/no-such-page/", "/ko/roles/no-such-role/"])
def test_error_pages_are_noindex_and_point_nowhere(client, path):
    response = client.get(path)
    assert response.status_code == 404
    page = Page(response.text)
    assert page.find("meta", name="robots")["attrs"]["content"] == "noindex"
    assert not page.find("link", rel="canonical")
    assert not page.find("link", rel="alternate")
    assert not page.find("meta", property="og:title")
    assert "·" in page.find("title")["text"]


@pytest.mark.django_db
def test_the_page_of_a_removed_role_is_noindex_and_points_nowhere(client):
    role = factories.make_role(slug="support-engineer")
    factories.publish(role)
    role.delete()
    response = client.get("/en/roles/support-engineer/")
    assert response.status_code == 410
    page = Page(response.text)
    assert page.find("meta", name="robots")["attrs"]["content"] == "noindex"
    assert not page.find("link", rel="canonical") and not page.find("link", rel="alternate")


@pytest.mark.django_db
def test_roles_page_lists_every_role_a_to_z_in_the_readers_language(client):
    family = factories.make_family(name_en="Support")
    for english, norwegian in [
        ("Operations lead", "Driftsleder"),
        ("Zonal manager", "Ærendsansvarlig"),
        ("Area manager", "Områdeleder"),
        ("Account executive", ""),  # not translated: its English title, marked
        ("Quality lead", "Åpenhetsansvarlig"),
        ("Session lead", "Øktleder"),
    ]:
        factories.publish(factories.make_role(family=family, title_en=english, title_nb=norwegian))
    page = Page(client.get("/nb/roles/").text)
    titles = role_links(page, "nb")
    # Bokmål's alphabet ends æ, ø, å; code point order would put å before æ.
    assert titles == [
        "Account executive(på engelsk)", "Driftsleder", "Områdeleder", "Ærendsansvarlig",
        "Øktleder", "Åpenhetsansvarlig",
    ]  # fmt: skip


@pytest.mark.django_db
def test_ukrainian_roles_sort_by_the_ukrainian_alphabet(client):
    for title in ["Юрист", "Інженер", "Аналітик", "Їдальня", "Ґрафік", "Гід"]:
        factories.publish(factories.make_role(title_en="Role", title_uk=title))
    page = Page(client.get("/uk/roles/").text)
    titles = role_links(page, "uk")
    assert titles == ["Аналітик", "Гід", "Ґрафік", "Інженер", "Їдальня", "Юрист"]


@pytest.mark.django_db
def test_roles_page_runs_a_fixed_number_of_queries(client, settings):
    settings.STORED_PAGES = False  # rendered on request: its own queries, not the store's
    counts = []
    for _ in range(2):
        for _ in range(4):
            factories.publish(factories.make_role())
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/en/roles/").status_code == 200
        counts.append(len(queries))
    # The families; the letters, counted; which roles are first under each; their rows.
    assert counts[0] == counts[1] <= 4


@pytest.mark.django_db
def test_the_breadcrumb_and_the_header_lead_to_the_roles_page(client):
    role = factories.make_role(slug="support-engineer")
    factories.publish(role)
    page = Page(client.get(f"/en/roles/{role.slug}/").text)
    breadcrumb = page.find("p", **{"class": "breadcrumb"})
    assert breadcrumb is not None
    assert page.find("a", href="/en/roles/")
    assert client.get("/en/roles/").status_code == 200


@pytest.mark.django_db
def test_a_letter_lists_its_roles_fifty_a_page_in_the_readers_alphabet(client):
    family = factories.make_family()
    roles = [
        factories.make_role(family=family, title_en=f"Role {n}", title_ko=f"관리자 {n:02}")
        for n in range(51)
    ]
    factories.publish(family, *roles)

    def listed(address):
        return [t for t in role_links(Page(client.get(address).text), "ko") if "관리자" in t]

    first, second = listed("/ko/roles/a-z/ㄱ/"), listed("/ko/roles/a-z/ㄱ/2/")
    assert first == [f"관리자 {n:02}" for n in range(50)]
    assert second == ["관리자 50"]
    assert client.get("/ko/roles/a-z/ㄱ/3/").status_code == 404
