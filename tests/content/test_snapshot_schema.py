"""Kept publications are read by later code: every schema version ever written is still
read, and a row that lost a field is refused, never read as empty (content/snapshots.py)."""

import json
from pathlib import Path

import pytest
from django.utils.dateparse import parse_datetime

from articles.loader import load_article
from content import snapshots
from content.models import Published
from content.published import from_row
from content.snapshots import UnreadableRow
from publishing.models import Publication
from roles.models import Role

KEPT = Path(__file__).parent / "snapshots"
ROLE = "customer-support-manager"


def _versions():
    return sorted(KEPT.glob("schema-*.json"))


def _store(kept, model=Published, **extra):
    for row in kept["published"]:
        model.objects.create(
            kind=row["kind"], object_id=row["object_id"], key=row["key"], head=row["head"],
            parts=row["parts"], number=row["number"],
            published_at=parse_datetime(row["published_at"]), schema=kept["schema"],
            **({"order": row["order"]} if model is Published else {}), **extra,
        )  # fmt: skip


def test_a_snapshot_is_kept_for_every_schema_version_up_to_the_current_one():
    written = {json.loads(path.read_text())["schema"] for path in _versions()}
    assert written == set(range(1, snapshots.SCHEMA + 1))


@pytest.mark.django_db
@pytest.mark.parametrize("path", _versions(), ids=lambda path: path.stem)
def test_a_role_kept_in_every_schema_version_is_read_whole(path):
    _store(json.loads(path.read_text()))

    article = load_article(ROLE, "uk")

    assert article.role.title_en == "Customer Support Manager"
    assert article.role.title_uk
    assert article.role.family.slug == "customer-support-and-success"
    responsibilities = article.parts["responsibilities"]
    assert len(responsibilities) == 2 and all(r.description_en for r in responsibilities)
    bands = article.parts["salary_bands"]
    assert bands and all(band.location.currency and band.maximum >= band.minimum for band in bands)
    assert all(m.metric.code and m.metric.name_en for m in article.parts["role_metrics"])


@pytest.mark.django_db
def test_a_publication_kept_in_an_older_schema_is_read_through_its_upgrades(monkeypatch):
    """A field renamed in a later version: rows kept before the rename are read with the
    new name, their text intact, on the rows loaded whole and on a list read alone."""
    kept = json.loads((KEPT / "schema-1.json").read_text())
    _store(kept, Publication, action="publish", languages=["en"])

    def rename_summary(kind, row):
        if kind == "roles.role":
            row["abstract_en"] = row.pop("summary_en")
        return row

    monkeypatch.setattr(snapshots, "SCHEMA", 2)
    monkeypatch.setattr(snapshots, "UPGRADES", {1: rename_summary})

    publication = Publication.objects.get(kind="roles.role", key=ROLE)
    head = kept["published"][[r["key"] for r in kept["published"]].index(ROLE)]["head"]
    assert publication.head["abstract_en"] == head["summary_en"]
    assert "summary_en" not in publication.head


@pytest.mark.django_db
def test_a_kept_row_without_a_field_is_refused_with_the_field_named():
    kept = json.loads((KEPT / f"schema-{snapshots.SCHEMA}.json").read_text())
    head = next(r["head"] for r in kept["published"] if r["key"] == ROLE)
    del head["summary_en"]

    refused = rf"roles.role row \(schema {snapshots.SCHEMA}\) has no summary_en:"
    with pytest.raises(UnreadableRow, match=refused):
        from_row(Role, head)


@pytest.mark.django_db
def test_what_is_published_now_is_kept_in_the_current_schema(reference_content):
    assert set(Published.objects.values_list("schema", flat=True)) == {snapshots.SCHEMA}
    assert set(Publication.objects.values_list("schema", flat=True)) == {snapshots.SCHEMA}
