"""The translation overview with a few hundred generated roles: a page at a time, filtered in
the database, and as many queries for 200 roles as for 60."""

import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.admin_views import PAGE_SIZE
from articles.loader import Article, parts_of, with_articles
from articles.overview import content, in_state
from content import languages
from content.outdated import COMPLETE, MISSING, OUTDATED
from roles.models import Role, RoleFamily
from tests.workspace.conftest import staff

pytestmark = pytest.mark.django_db
URL = "/admin/translations/"


def _generate(roles):
    call_command("generate_demo_content", "--roles", str(roles), verbosity=0)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.text, len(queries)


def _role_rows(html):
    return re.findall(r'href="/admin/roles/role/(\d+)/change/"', html)


@pytest.fixture
def translator(db):
    call_command("setup_groups", verbosity=0)
    return staff("oksana", languages.get("uk").translator_group)


def test_a_page_at_a_time_with_as_many_queries_for_200_roles_as_for_60(client, translator):
    """Generating roles is most of this test's time: one set serves every check."""
    client.force_login(translator)
    urls = [
        URL,
        f"{URL}?kind=roles.role&state=missing&language=uk",
        f"{URL}?kind=roles.role&page=2",
    ]
    with transaction.atomic():
        _generate(60)
        client.get(URL)  # the session and permissions, read once
        few = {url: _get(client, url) for url in urls}
        transaction.set_rollback(True)
    _generate(200)
    many = {url: _get(client, url) for url in urls}
    for url in urls:
        (html, queries), (_html, queries_few) = many[url], few[url]
        assert queries == queries_few, url
        assert 0 < len(_role_rows(html)) <= PAGE_SIZE, url
    assert len(_role_rows(many[URL][0])) == PAGE_SIZE
    assert "1–50 of " in many[URL][0]
    _page_links_keep_the_filters_and_pages_do_not_overlap(client)
    _family_and_title_filters(client)


def _page_links_keep_the_filters_and_pages_do_not_overlap(client):
    first, _queries = _get(client, f"{URL}?kind=roles.role&state=missing&language=uk")
    link = re.search(r'href="\?([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert set(link.split("&")) == {"kind=roles.role", "state=missing", "language=uk", "page=2"}
    second, _queries = _get(client, f"{URL}?{link}")
    assert set(_role_rows(first)).isdisjoint(_role_rows(second))
    # Every role listed is missing Ukrainian texts, as its article's state says.
    shown = Role.objects.filter(pk__in=_role_rows(first) + _role_rows(second))
    for role in with_articles(shown):
        assert Article(role, parts_of(role)).state("uk") == MISSING, role.slug


def test_the_state_filter_agrees_with_the_article_state_for_every_role(db):
    _generate(40)
    roles = list(with_articles(Role.objects.all()))
    for language in languages.TARGETS:
        for state in (MISSING, OUTDATED, COMPLETE):
            expected = {r.pk for r in roles if Article(r, parts_of(r)).state(language) == state}
            found = set(Role.objects.filter(in_state(Role, language, state)).values_list("pk"))
            assert {pk for (pk,) in found} == expected, (language, state)
    # The generated content has roles in more than one state, or the test proves little.
    states = {Article(r, parts_of(r)).state("uk") for r in roles}
    assert len(states) > 1


def _family_and_title_filters(client):
    family = RoleFamily.objects.order_by("pk").first()
    html, _queries = _get(client, f"{URL}?family={family.pk}")
    listed = set(map(int, _role_rows(html)))
    assert listed and listed <= set(family.roles.values_list("pk", flat=True))
    assert not re.search(r"/admin/metrics/metric/\d+/change/", html)
    role = Role.objects.order_by("pk")[7]
    html, _queries = _get(client, f"{URL}?q={role.title_en[:-1]}")
    assert str(role.pk) in _role_rows(html)
    assert [r.pk for r in content([Role], search=role.title_en)[Role]][:1] == [role.pk]
