"""Rendering pages together (a publication, a release's batch) reads each published row once,
and each page is still the page, with the reads, it is when rendered alone."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from content.languages import CODES
from content.published import noting_reads
from publishing import rendering

pytestmark = pytest.mark.django_db

ROLE = "customer-support-manager"
LISTS = ["/", "/roles/", "/metrics/", "/salaries/", "/feed/", "/linking/"]
PAGES = [
    *(f"/{code}/roles/{ROLE}/" for code in CODES),
    *(f"/api/v1/roles/{ROLE}?lang={code}" for code in CODES),
    *(f"/{code}/embed/roles/{ROLE}/" for code in CODES),
    *(f"/{code}/roles/{ROLE}/card.json" for code in CODES),
    # Its version: the same kept rows, followed once for every language.
    *(f"/{code}/roles/{ROLE}/versions/1/" for code in CODES),
    # Lists, which read the same rows in every language.
    *(f"/{code}{page}" for code in CODES for page in LISTS),
    "/sitemap.xml",
]


def test_pages_rendered_together_are_the_pages_rendered_alone_with_the_same_reads(
    reference_content,
):
    together, _vanished = rendering.render(PAGES, required=set(PAGES))
    site = rendering._Site()
    try:
        for path in PAGES:
            alone, _vanished = rendering.render([path], required={path})
            response, reads = alone[path]
            assert together[path][0].content == response.content, path
            assert together[path][1] == reads, path
            # ... and what a page notes rendered with nothing read before it, as on request.
            with translation.override(settings.LANGUAGE_CODE), noting_reads() as noted:
                assert site.get(path).content == response.content, path
            assert {str(read) for read in noted} == reads, path
            # A version reads nothing a publication changes; every other page reads something.
            assert reads or "/versions/" in path, path
    finally:
        site.close()


def test_the_role_is_read_once_for_its_pages_in_every_language(reference_content):
    with CaptureQueriesContext(connection) as queries:
        rendering.render(PAGES, required=set(PAGES))
    by_slug = [q for q in queries if "content_published" in q["sql"] and f"'{ROLE}'" in q["sql"]]
    assert len(by_slug) == 1, [q["sql"] for q in by_slug]
