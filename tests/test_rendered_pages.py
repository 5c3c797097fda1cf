"""Every reader-facing page of the shipped content renders exactly as recorded.

The records in tests/snapshots/ are the pages as readers get them. A change that alters
what readers see shows up here as a diff; when the change is meant (new content, a fixed
bug), record the pages again with `make snapshots` and review the diff in the commit.
"""

import datetime
import json
import os
from pathlib import Path

import pytest

from content.languages import CODES as LANGUAGE_CODES

SNAPSHOTS = Path(__file__).parent / "snapshots"
ROLES = ["customer-support-manager", "senior-customer-success-manager"]
PAGES = [
    *(f"roles/{slug}/" for slug in ROLES),
    *(f"embed/roles/{slug}/" for slug in ROLES),
    "",
    "roles/",
    "metrics/",
    "metrics/nps/",
    "embed/metrics/nps/",
    "salaries/",
]
ADDRESSES = [f"/{language}/{page}" for language in LANGUAGE_CODES for page in PAGES] + [
    f"/api/v1/{endpoint}?lang={language}"
    for language in LANGUAGE_CODES
    for endpoint in (*(f"roles/{slug}" for slug in ROLES), "metrics/nps", "salaries/")
]
UPDATE = bool(os.environ.get("UPDATE_SNAPSHOTS"))


def _record_name(address):
    name = address.strip("/").replace("/", "_").replace("?lang=", "_") or "root"
    return f"{name}.json" if address.startswith("/api/") else f"{name}.html"


def _body(response):
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    return text


@pytest.fixture(scope="module")
def published_at_a_recorded_moment(reference_content, django_db_blocker):
    """The content as if published at one moment: pages show when their version was
    published (the structured data, "Cite this page"), and the records must not change
    with the day the tests run."""
    from content.models import Published
    from publishing.models import Publication

    moment = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    with django_db_blocker.unblock():
        Published.objects.update(published_at=moment)
        Publication.objects.update(published_at=moment)


@pytest.mark.django_db
@pytest.mark.parametrize("address", ADDRESSES)
def test_page_renders_as_recorded(client, published_at_a_recorded_moment, address):
    response = client.get(address)
    assert response.status_code == 200, address
    record = SNAPSHOTS / _record_name(address)
    if UPDATE:
        record.write_text(_body(response), encoding="utf-8")
    assert record.exists(), f"no record of {address}: run `make snapshots`"
    assert _body(response) == record.read_text(encoding="utf-8"), address
