"""With hundreds of roles: every list is paginated, the sitemap is an index of sitemaps, no
page's queries grow with the roles (public pages, the translation overview, the translators'
queue), and publishing one role renders again only the pages that show it.

Generating roles is most of the time these checks take, so they share one module and one
site: measured first with FEW roles, then built again with ROLES roles, which every test
reads (their own publications roll back)."""

import gc
import math
import re
import time
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from articles.admin_views import PAGE_SIZE
from articles.loader import Article, parts_of, with_articles
from articles.overview import content, in_state
from content import languages
from content.languages import CODES
from content.models import Published, PublishedLink
from content.outdated import COMPLETE, MISSING, OUTDATED
from linking.sitemaps import LocalizedSitemap
from metrics.published import METRIC_PAGE
from publishing import addresses, rendering
from publishing.downloads import download_paths, downloads_remake, downloads_render
from publishing.models import StoredPage
from publishing.services import content_publish, site_render
from roles.models import CareerStep, Role, RoleFamily
from salaries.published import SALARIES_PAGE
from tests.factories import make_staff
from tests.html import SITEMAP, Page, sitemap_entries
from workspace.admin_views import QUEUE_PAGE_SIZE
from workspace.segments import OUTDATED as OUTDATED_SEGMENT
from workspace.segments import Corpus

# The longest module of the suite: make test runs it once, in the PostgreSQL half (the
# production database, where plans at scale matter); `pytest -m scale` runs it on SQLite.
pytestmark = pytest.mark.scale

FEW = 60
ROLES = 240
ROLE_LINK = re.compile(r"^/[a-z]{2}/roles/(role-\d+)/$")

PUBLIC = [
    "/en/",
    "/en/roles/",
    "/en/families/family-0/",
    "/en/metrics/",
    "/en/salaries/",
    "/en/salaries/without-figures/",
    "/api/v1/roles/?lang=en",
    "/api/v1/salaries/?lang=en",
    "/sitemap.xml",
    "/en/roles/role-00002/",
    "/en/roles/a-z/l/",
]
OVERVIEW = "/admin/translations/"
OVERVIEW_PAGES = [
    OVERVIEW,
    f"{OVERVIEW}?kind=roles.role&state=missing&language=uk",
    f"{OVERVIEW}?kind=roles.role&page=2",
]
QUEUE = "/admin/workspace/hi/"
QUEUE_PAGES = [QUEUE, f"{QUEUE}?kind=roles.role&state=outdated", f"{QUEUE}?kind=roles.role&page=2"]
QUEUE_ROW = re.compile(r'<th scope="row"><a href="/admin/workspace/hi/([\w.]+)/(\d+)/">')


@dataclass
class Answer:
    html: str
    queries: int
    seconds: float


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code in (200, 404), url
    return Answer(response.text, len(queries), elapsed)


def _site_of(roles):
    """Generate `roles` roles and the editors who read them; what each page answers."""
    call_command("generate_demo_content", "--roles", str(roles), verbosity=0)
    call_command("setup_groups", verbosity=0)
    metric = Published.objects.filter(kind="metrics.metric").first().key
    answers = {url: _get(Client(), url) for url in [*PUBLIC, f"/en/metrics/{metric}/"]}
    answers[METRIC] = answers.pop(f"/en/metrics/{metric}/")
    for name, language, pages in (("oksana", "uk", OVERVIEW_PAGES), ("asha", "hi", QUEUE_PAGES)):
        client = Client()
        client.force_login(make_staff(name, languages.get(language).translator_group))
        client.get(pages[0])  # the session and permissions, read once
        answers.update({url: _get(client, url) for url in pages})
    return answers


METRIC = "a metric's page"


@dataclass
class Site:
    few: dict
    many: dict


@pytest.fixture(scope="module")
def many_roles(django_db_setup, django_db_blocker):
    """ROLES generated roles, published, with the pages of every list stored, for the module
    (removed after it); and what each measured page answered with FEW and with ROLES."""
    with django_db_blocker.unblock():
        few = _site_of(FEW)
        call_command("flush", "--noinput", verbosity=0)
        many = _site_of(ROLES)
        site_render(
            paths=[
                *addresses.site_addresses(),
                *addresses.list_addresses(),
                *addresses.sitemap_addresses(),
            ]
        )
        yield Site(few, many)
        call_command("flush", "--noinput", verbosity=0)


def _logged_in(client, name):
    client.force_login(User.objects.get(username=name))
    return client


# Queries -----------------------------------------------------------------------------------


def test_no_public_page_makes_more_queries_with_four_times_the_roles(many_roles):
    pages = [*PUBLIC, METRIC]
    assert {p: many_roles.many[p].queries for p in pages} == {
        p: many_roles.few[p].queries for p in pages
    }


@pytest.mark.django_db
def test_the_translation_overview_shows_a_page_at_a_time_with_as_many_queries(client, many_roles):
    for url in OVERVIEW_PAGES:
        few, many = many_roles.few[url], many_roles.many[url]
        assert many.queries == few.queries, url
        assert 0 < len(_overview_rows(many.html)) <= PAGE_SIZE, url
    assert len(_overview_rows(many_roles.many[OVERVIEW].html)) == PAGE_SIZE
    assert "1–50 of " in many_roles.many[OVERVIEW].html
    client = _logged_in(client, "oksana")
    _overview_page_links_keep_the_filters_and_pages_do_not_overlap(client)
    _overview_family_and_title_filters(client)


def _overview_rows(html):
    return re.findall(r'href="/admin/roles/role/(\d+)/change/"', html)


def _overview_page_links_keep_the_filters_and_pages_do_not_overlap(client):
    first = _get(client, f"{OVERVIEW}?kind=roles.role&state=missing&language=uk").html
    link = re.search(r'href="\?([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert set(link.split("&")) == {"kind=roles.role", "state=missing", "language=uk", "page=2"}
    second = _get(client, f"{OVERVIEW}?{link}").html
    assert set(_overview_rows(first)).isdisjoint(_overview_rows(second))
    # Every role listed is missing Ukrainian texts, as its article's state says.
    shown = Role.objects.filter(pk__in=_overview_rows(first) + _overview_rows(second))
    for role in with_articles(shown):
        assert Article(role, parts_of(role)).state("uk") == MISSING, role.slug


def _overview_family_and_title_filters(client):
    family = RoleFamily.objects.order_by("pk").first()
    html = _get(client, f"{OVERVIEW}?family={family.pk}").html
    listed = set(map(int, _overview_rows(html)))
    assert listed and listed <= set(family.roles.values_list("pk", flat=True))
    assert not re.search(r"/admin/metrics/metric/\d+/change/", html)
    role = Role.objects.order_by("pk")[7]
    html = _get(client, f"{OVERVIEW}?q={role.title_en[:-1]}").html
    assert str(role.pk) in _overview_rows(html)
    assert [r.pk for r in content([Role], search=role.title_en)[Role]][:1] == [role.pk]


@pytest.mark.django_db
def test_the_state_filter_agrees_with_the_article_state_for_every_role(many_roles):
    roles = list(with_articles(Role.objects.order_by("pk")[:FEW]))
    ids = {r.pk for r in roles}
    for language in languages.TARGETS:
        for state in (MISSING, OUTDATED, COMPLETE):
            expected = {r.pk for r in roles if Article(r, parts_of(r)).state(language) == state}
            found = Role.objects.filter(in_state(Role, language, state)).values_list("pk")
            assert {pk for (pk,) in found} & ids == expected, (language, state)
    # The generated content has roles in more than one state, or the test proves little.
    states = {Article(r, parts_of(r)).state("uk") for r in roles}
    assert len(states) > 1


@pytest.mark.django_db
def test_the_translators_queue_shows_a_page_at_a_time_with_as_many_queries(client, many_roles):
    for url in QUEUE_PAGES:
        few, many = many_roles.few[url], many_roles.many[url]
        assert many.queries == few.queries, url
        assert 0 < len(QUEUE_ROW.findall(many.html)) <= QUEUE_PAGE_SIZE, url
    assert len(QUEUE_ROW.findall(many_roles.many[QUEUE].html)) == QUEUE_PAGE_SIZE
    print(f"\nHindi queue: {many_roles.many[QUEUE].queries} queries; "
          f"{many_roles.few[QUEUE].seconds * 1000:.0f} ms with {FEW} roles, "
          f"{many_roles.many[QUEUE].seconds * 1000:.0f} ms with {ROLES}")  # fmt: skip
    client = _logged_in(client, "asha")
    _queue_page_links_keep_the_filters_and_list_only_what_matches(client)
    _queue_family_and_title_filters(client)


def _queue_page_links_keep_the_filters_and_list_only_what_matches(client):
    first = _get(client, f"{QUEUE}?kind=roles.role&state=outdated").html
    link = re.search(r'href="\?([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert set(link.split("&")) == {"kind=roles.role", "state=outdated", "page=2"}
    second = _get(client, f"{QUEUE}?{link}").html
    listed = QUEUE_ROW.findall(first) + QUEUE_ROW.findall(second)
    assert len(set(listed)) == len(listed)
    corpus = Corpus("hi")
    for kind, pk in listed:
        document = corpus.document(kind, int(pk))
        assert kind == "roles.role" and document.count(OUTDATED_SEGMENT), pk
    # Most urgent first across the pages: outdated words never rise from one row to the next.
    words = [
        sum(s.words for s in corpus.document(k, int(pk)).segments if s.state == OUTDATED_SEGMENT)
        for k, pk in listed
    ]
    assert words == sorted(words, reverse=True)


def _queue_family_and_title_filters(client):
    family = RoleFamily.objects.order_by("pk").first()
    html = _get(client, f"{QUEUE}?family={family.pk}").html
    listed = QUEUE_ROW.findall(html)
    assert listed and {k for k, _pk in listed} == {"roles.role"}
    assert {int(pk) for _k, pk in listed} <= set(family.roles.values_list("pk", flat=True))
    role = next(
        r for r in Role.objects.order_by("pk") if Corpus("hi").document("roles.role", r.pk).has_work
    )
    html = _get(client, f"{QUEUE}?q={role.title_en.upper()}").html
    assert ("roles.role", str(role.pk)) in QUEUE_ROW.findall(html)
    html = _get(client, f"{QUEUE}?q=no-such-title-anywhere").html
    assert QUEUE_ROW.findall(html) == [] and "Nothing matches these filters." in html


# Lists -------------------------------------------------------------------------------------


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
    """The stored pages that differ from what rendering them now gives (the downloads as
    downloads_remake renders them: one by one, each file would read every article again)."""
    stored = dict(StoredPage.objects.values_list("path", "body"))
    files = set(download_paths())
    fresh, vanished = rendering.render([p for p in stored if p not in files], required=set())
    for language in CODES:
        fresh.update(downloads_render(language))
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
    # The downloads are remade by a task once a publication commits; nothing commits in a
    # test's transaction, so the last publication's is run here.
    downloads_remake()

    assert _stale_pages() == []


@pytest.mark.django_db
def test_making_a_languages_downloads_spends_little_time_collecting_garbage(many_roles):
    """Python's defaults ran a garbage collection every 700 objects made: about a thousand
    for a language's downloads at 1,000 roles, 40% of their time."""
    collections = []

    def note(phase, info):
        if phase == "start":
            collections.append(info["generation"])

    before = gc.get_threshold()
    # Python's defaults, as a server or worker process has them (tests/conftest.py raises
    # the test processes' own).
    gc.set_threshold(700, 10, 10)
    gc.callbacks.append(note)
    try:
        downloads_render("hi")
        assert gc.get_threshold() == (700, 10, 10)  # as it was, for what the process does next
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*before)
    assert len(collections) <= 10, collections
