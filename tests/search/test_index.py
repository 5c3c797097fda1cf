"""The index holds what readers see: it changes with each publication, in the same
transaction, and never shows a draft."""

import pytest
from django.core.management import call_command
from django.db import connection

from content.models import Published
from publishing.services import PublishRefused, content_publish, content_rollback, content_unpublish
from search import index
from search.models import Document
from search.query import Status, search
from tests import factories


def first(query, language="en"):
    outcome = search(query, language)
    return outcome.results[0].path if outcome.results else None


@pytest.fixture
def role(db):
    role = factories.make_role(
        slug="quality-analyst",
        title_en="Quality analyst",
        title_uk="Аналітик якості",
        summary_en="Checks what the support team answers.",
    )
    factories.make_section(role, key="overview", heading_en="Reviewing tickets", body_en="Text.")
    factories.make_alias(role, name_en="Support auditor")
    return role


@pytest.mark.django_db
def test_a_role_is_found_once_published_and_its_drafts_never(role):
    assert search("quality analyst", "en").status == Status.NO_RESULTS
    factories.publish(role)
    assert first("quality analyst") == "/en/roles/quality-analyst/"
    assert first("reviewing tickets") == "/en/roles/quality-analyst/#overview"
    assert first("support auditor") == "/en/roles/quality-analyst/"
    role.title_en = "Zebra keeper"
    role.save()  # a draft
    assert search("zebra keeper", "en").status == Status.NO_RESULTS
    content_publish(obj=role, languages=["en"])
    assert first("zebra keeper") == "/en/roles/quality-analyst/"
    assert search("quality analyst", "en").status == Status.NO_RESULTS


@pytest.mark.django_db
def test_publishing_a_language_changes_what_is_found_in_it_only(role):
    factories.publish(role)
    role.title_uk, role.title_ko = "Контролер якості", "품질 분석가"
    role.save()
    content_publish(obj=role, languages=["uk"])
    assert first("контролер якості", "uk") == "/uk/roles/quality-analyst/"
    assert search("аналітик", "uk").status == Status.NO_RESULTS
    # Korean was not published: its draft title is found nowhere, and a Korean reader gets
    # the English title, on the English page.
    assert search("품질 분석가", "ko").status == Status.NO_RESULTS
    assert first("quality analyst", "ko") == "/en/roles/quality-analyst/"


@pytest.mark.django_db
def test_a_refused_publication_leaves_the_index_as_it_was(role, monkeypatch, settings):
    settings.STORED_PAGES = True
    factories.publish(role)
    role.title_en = "Would break"
    role.save()

    def broken(*args, **kwargs):
        raise RuntimeError("the chart cannot be drawn")

    monkeypatch.setattr("articles.loader.range_charts", broken)
    with pytest.raises(PublishRefused):
        content_publish(obj=role, languages=["en"])
    monkeypatch.undo()
    assert first("quality analyst") == "/en/roles/quality-analyst/"
    assert search("would break", "en").status == Status.NO_RESULTS


@pytest.mark.django_db
def test_unpublished_and_rolled_back_content_is_found_as_readers_see_it(role):
    factories.publish(role)
    role.title_en = "Second title"
    role.save()
    content_publish(obj=role, languages=["en"])
    content_rollback(obj=role, number=1)
    assert first("quality analyst") == "/en/roles/quality-analyst/"
    content_unpublish(obj=role)
    assert search("quality analyst", "en").status == Status.NO_RESULTS
    assert not Document.objects.filter(key="quality-analyst").exists()


@pytest.mark.django_db
def test_deleted_metrics_and_locations_are_found_no_more(db):
    metric = factories.make_metric(code="aht", name_en="Average handle time")
    place = factories.make_location(slug="oslo", name_en="Oslo", name_nb="Oslo")
    factories.publish(metric, place)
    assert first("average handle time") == "/en/metrics/aht/"
    assert first("oslo", "nb") == "/nb/salaries/"
    metric.delete()
    place.delete()
    assert search("average handle time", "en").status == Status.NO_RESULTS
    assert search("oslo", "nb").status == Status.NO_RESULTS


@pytest.mark.django_db
def test_rebuild_makes_the_index_again_from_what_is_published(role, capsys):
    factories.publish(role)
    made = Document.objects.count()
    Document.objects.all().delete()
    assert index.outdated()
    assert search("quality analyst", "en").status == Status.NO_RESULTS
    call_command("rebuild_search_index", "--if-outdated")
    assert Document.objects.count() == made
    assert first("quality analyst") == "/en/roles/quality-analyst/"
    assert not index.outdated()
    call_command("rebuild_search_index", "--if-outdated")
    assert "current" in capsys.readouterr().out
    # Documents made by other rules are outdated too.
    Document.objects.update(version=index.VERSION - 1)
    assert index.outdated()


@pytest.mark.django_db
def test_every_published_role_metric_and_location_is_indexed_in_every_language(
    reference_content,
):
    kinds = {"roles.role": "role", "metrics.metric": "metric", "salaries.location": "location"}
    for published in Published.objects.filter(kind__in=kinds):
        languages = set(
            Document.objects.filter(
                source=published.kind, object_id=published.object_id, kind=kinds[published.kind]
            ).values_list("language", flat=True)
        )
        assert languages == {"en", "hi", "uk", "ko", "nb"}, published
    # Families are not searched; a role's sections are, by their anchors.
    assert not Document.objects.filter(source="roles.rolefamily").exists()
    anchors = set(
        Document.objects.filter(
            key="customer-support-manager", kind="section", language="ko"
        ).values_list("anchor", flat=True)
    )
    assert anchors == {
        "overview", "responsibilities", "metrics", "experience", "salary", "key-takeaways",
    }  # fmt: skip


@pytest.mark.django_db
def test_the_database_engine_indexes_the_documents(role):
    """The index is the database's own: FTS5 on SQLite, pg_trgm and a tsvector on
    PostgreSQL, kept by triggers, so a row written any way is searchable."""
    factories.publish(role)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH '\" quality\"'")
        else:
            cursor.execute(
                "SELECT count(*) FROM search_document "
                "WHERE vector @@ to_tsquery('english', 'analysts') "
                "AND (names || text) LIKE '% quali%'"
            )
        assert cursor.fetchone()[0] >= 1


@pytest.mark.django_db
def test_a_title_is_found_first_however_many_texts_hold_the_word():
    """The engines read a bounded number of documents: those named so first, then texts in
    the reader's language, so a title is never crowded out by texts that mention it."""
    from search.engines import LIMIT
    from search.text import normalised

    def document(n, language, title, text):
        return Document(
            kind="section", source="roles.role", object_id=n, number=1, version=index.VERSION,
            language=language, key=f"role-{n}", anchor="overview", position=n, title=title,
            title_language=language, body=text, names=f" {normalised(title).strip()} ",
            text=normalised(text), config="simple",
        )  # fmt: skip

    mentions = [document(n, "en", "Overview", "A gizmo wrangler helps.") for n in range(LIMIT * 2)]
    elsewhere = [document(n, "nb", "Oversikt", "gizmo wrangler") for n in range(LIMIT * 2)]
    Document.objects.bulk_create([*elsewhere, *mentions])
    factories.publish(factories.make_role(slug="gizmo-wrangler", title_en="Gizmo wrangler"))
    outcome = search("gizmo wranglers", "en")
    assert outcome.results[0].path == "/en/roles/gizmo-wrangler/"
    # The texts found are the reader's language's, though others were indexed first.
    assert all(result.language == "en" for result in outcome.results)
