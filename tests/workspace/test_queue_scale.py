"""The translators' queue with a few hundred generated roles: a page at a time, filtered, and
as many queries for 200 roles as for 60."""

import re
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from content import languages
from roles.models import Role, RoleFamily
from tests.workspace.conftest import staff
from workspace.segments import OUTDATED, Corpus
from workspace.views import QUEUE_PAGE_SIZE

pytestmark = pytest.mark.django_db
URL = "/admin/workspace/hi/"
ROW = re.compile(r'<th scope="row"><a href="/admin/workspace/hi/([\w.]+)/(\d+)/">')


def _generate(roles):
    call_command("generate_demo_content", "--roles", str(roles), verbosity=0)


def _get(client, url):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200
    return response.text, len(queries), elapsed


@pytest.fixture
def translator(db):
    call_command("setup_groups", verbosity=0)
    return staff("asha", languages.get("hi").translator_group)


def test_a_page_at_a_time_with_as_many_queries_for_200_roles_as_for_60(client, translator):
    """Generating roles is most of this test's time: one set serves every check."""
    client.force_login(translator)
    urls = [URL, f"{URL}?kind=roles.role&state=outdated", f"{URL}?kind=roles.role&page=2"]
    with transaction.atomic():
        _generate(60)
        client.get(URL)  # the session and permissions, read once
        few = {url: _get(client, url) for url in urls}
        transaction.set_rollback(True)
    _generate(200)
    many = {url: _get(client, url) for url in urls}
    for url in urls:
        assert many[url][1] == few[url][1], url
        assert 0 < len(ROW.findall(many[url][0])) <= QUEUE_PAGE_SIZE, url
    assert len(ROW.findall(many[URL][0])) == QUEUE_PAGE_SIZE
    print(f"\nHindi queue: {many[URL][1]} queries; {few[URL][2] * 1000:.0f} ms with 60 roles, "
          f"{many[URL][2] * 1000:.0f} ms with 200")  # fmt: skip
    _page_links_keep_the_filters_and_list_only_what_matches(client)
    _family_and_title_filters(client)


def _page_links_keep_the_filters_and_list_only_what_matches(client):
    first, _queries, _time = _get(client, f"{URL}?kind=roles.role&state=outdated")
    link = re.search(r'href="\?([^"]+)" rel="next"', first).group(1).replace("&amp;", "&")
    assert set(link.split("&")) == {"kind=roles.role", "state=outdated", "page=2"}
    second, _queries, _time = _get(client, f"{URL}?{link}")
    listed = ROW.findall(first) + ROW.findall(second)
    assert len(set(listed)) == len(listed)
    corpus = Corpus("hi")
    for kind, pk in listed:
        document = corpus.document(kind, int(pk))
        assert kind == "roles.role" and document.count(OUTDATED), pk
    # Most urgent first across the pages: outdated words never rise from one row to the next.
    words = [
        sum(s.words for s in corpus.document(k, int(pk)).segments if s.state == OUTDATED)
        for k, pk in listed
    ]
    assert words == sorted(words, reverse=True)


def _family_and_title_filters(client):
    family = RoleFamily.objects.order_by("pk").first()
    html, _queries, _time = _get(client, f"{URL}?family={family.pk}")
    listed = ROW.findall(html)
    assert listed and {k for k, _pk in listed} == {"roles.role"}
    assert {int(pk) for _k, pk in listed} <= set(family.roles.values_list("pk", flat=True))
    role = next(
        r for r in Role.objects.order_by("pk") if Corpus("hi").document("roles.role", r.pk).has_work
    )
    html, _queries, _time = _get(client, f"{URL}?q={role.title_en.upper()}")
    assert ("roles.role", str(role.pk)) in ROW.findall(html)
    html, _queries, _time = _get(client, f"{URL}?q=no-such-title-anywhere")
    assert ROW.findall(html) == [] and "Nothing matches these filters." in html
