"""What a front cache is told: how long it may keep a stored page, what the page read (its
keys), and, once a publication commits, which keys to forget. The purges go over real HTTP
to a server started here; Varnish itself is tested in tests/test_multi_host.py."""

import http.server
import logging
import threading
import time

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection, transaction

from content import process_memory
from content.languages import CODES
from publishing import front_cache
from publishing.health import ready
from publishing.models import StoredPage
from publishing.services import content_publish
from tests import factories


class _Recorder(http.server.BaseHTTPRequestHandler):
    def do_PURGE(self):
        server = self.server
        server.purges.append({k.lower(): v for k, v in self.headers.items()})
        status = server.answers.pop(0) if server.answers else 200
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server(settings):
    """A front cache's purge address: it records each PURGE and answers as told (200 unless
    `answers` says otherwise)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.purges, server.answers = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/"
    settings.FRONT_CACHE_PURGE = [server.url]
    yield server
    server.shutdown()
    server.server_close()


def wait_until(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def role(db):
    role = factories.make_role(slug="support-lead", title_en="Support lead")
    factories.make_role_metric(role, factories.make_metric(code="nps", name_en="NPS score"))
    return role


def keys_of(path):
    return set(StoredPage.objects.get(path=path).headers[front_cache.KEYS_HEADER].split())


@pytest.mark.django_db
def test_a_stored_page_lets_a_shared_cache_keep_it_and_browsers_ask_again(client, role):
    factories.publish(role)
    page = client.get("/en/roles/support-lead/")
    rules = {part.strip() for part in page["Cache-Control"].split(",")}
    assert {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=10",
            "stale-if-error=86400"} <= rules  # fmt: skip
    # What it read, as keys a front cache files it under, and its own.
    keys = set(page[front_cache.KEYS_HEADER].split())
    assert f"obj:roles.role:{role.pk}" in keys
    assert front_cache.page_key("/en/roles/support-lead/") in keys
    # A browser that asks again with the ETag gets a 304.
    again = client.get("/en/roles/support-lead/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304


@pytest.mark.django_db
def test_a_page_that_says_no_cache_for_itself_is_not_given_to_shared_caches(client, role):
    factories.publish(role)
    card = client.get("/en/embed/roles/support-lead/")
    assert card.status_code == 200
    assert "s-maxage" not in card["Cache-Control"]


@pytest.mark.django_db
def test_an_a_to_z_letter_is_a_key_a_header_can_carry(role):
    key = front_cache.key("az:ko:ㄱ")
    assert key.isascii() and " " not in key and "," not in key
    assert front_cache.key("obj:roles.role:3") == "obj:roles.role:3"


@pytest.mark.django_db
def test_a_publication_purges_once_committed_the_keys_it_changed_and_not_another_roles(
    role, purge_server, settings, django_capture_on_commit_callbacks
):
    settings.FRONT_CACHE_SECRET = "a-shared-secret-of-the-caches"
    other = factories.make_role(slug="other-role", title_en="Other role")
    factories.publish(role, other)
    role.summary_en = "A new summary."
    role.save()
    with django_capture_on_commit_callbacks() as callbacks:
        content_publish(obj=role, languages=["en"])
        # Nothing is purged before the publication commits: a reader in between would
        # fetch the old page again, and keep it.
        assert purge_server.purges == []
    for callback in callbacks:
        callback()
    assert len(purge_server.purges) == 1
    purge = purge_server.purges[0]
    assert purge[front_cache.SECRET_HEADER.lower()] == "a-shared-secret-of-the-caches"
    purged = set(purge[front_cache.KEYS_HEADER].split())
    for code in CODES:
        assert keys_of(f"/{code}/roles/support-lead/") & purged
        # The other role's pages stay cached.
        assert not keys_of(f"/{code}/roles/other-role/") & purged
    # The pages filed under a purged key are those that showed what changed.
    touched = {page.path for page in StoredPage.objects.all() if keys_of(page.path) & purged}
    assert "/en/" in touched and "/en/roles/other-role/" not in touched


@pytest.mark.django_db
def test_a_publication_that_rolls_back_purges_nothing(role, purge_server):
    factories.publish(role)
    role.summary_en = "Never readers' text."
    role.save()
    with pytest.raises(RuntimeError), transaction.atomic():
        content_publish(obj=role, languages=["en"])
        raise RuntimeError("the editor's request failed after publishing")
    assert purge_server.purges == []


def test_a_failed_purge_is_tried_again_and_logged(purge_server, caplog, settings):
    purge_server.answers = [503]
    with caplog.at_level(logging.WARNING, logger="publishing.front_cache"):
        failed = front_cache.purge(["obj:roles.role:1"], retries=(0.05, 0.05))
        assert failed == [purge_server.url]
        assert wait_until(lambda: len(purge_server.purges) == 2)
    assert "trying again" in caplog.text


def test_a_purge_that_never_succeeds_is_logged_as_an_error_with_its_keys(settings, caplog):
    # Nothing listens there.
    with caplog.at_level(logging.WARNING, logger="publishing.front_cache"):
        front_cache.purge(["obj:roles.role:7"], endpoints=["http://127.0.0.1:9/"], retries=(0.01,))
        assert wait_until(lambda: "will not be tried again" in caplog.text)
    assert "obj:roles.role:7" in caplog.text


def test_a_refused_purge_is_logged_and_not_repeated(purge_server, caplog):
    purge_server.answers = [403]
    with caplog.at_level(logging.ERROR, logger="publishing.front_cache"):
        assert front_cache.purge(["obj:roles.role:1"], retries=(0.01,)) == []
    time.sleep(0.1)
    assert len(purge_server.purges) == 1
    assert "refused a purge" in caplog.text


def test_many_keys_go_in_several_purges_each_a_header_a_cache_accepts(purge_server):
    keys = [f"title:roles.role:{n}" for n in range(1000)]
    front_cache.purge(keys, retries=())
    sent = [p[front_cache.KEYS_HEADER] for p in purge_server.purges]
    assert len(sent) > 1 and all(len(header) <= front_cache.BATCH_BYTES for header in sent)
    assert sorted(k for header in sent for k in header.split()) == sorted(keys)


@pytest.mark.django_db
def test_health_answers_whatever_the_host_and_is_never_cached(client):
    answer = client.get("/healthz", HTTP_HOST="10.0.0.7")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_ready_only_once_this_releases_pages_are_rendered(client, role, settings):
    ready.rendered = False
    factories.publish(role)
    settings.CACHE_RELEASE = "next-release"
    waiting = client.get("/readyz", HTTP_HOST="10.0.0.7")
    assert waiting.status_code == 503
    assert waiting.json() == {"status": "unavailable", "database": "ok", "migrations": "ok",
                              "pages": "not rendered by this release"}  # fmt: skip
    assert waiting["Cache-Control"] == "no-store"
    call_command("render_pages", verbosity=0)
    assert client.get("/readyz", HTTP_HOST="10.0.0.7").status_code == 200
    ready.rendered = False


@pytest.fixture
def listening(transactional_db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's: runs in the PostgreSQL half of make test")
    settings.STORED_PAGES_NOTIFY = True
    process_memory.listener.start()
    assert process_memory.listener.connected.wait(10)
    yield process_memory.listener
    process_memory.listener.stop()


def test_a_commit_on_another_connection_makes_this_process_forget_its_pages(listening):
    memory = process_memory.Recent()
    memory.get("/en/")
    memory.put("/en/", b"old page", 8)
    assert memory.get("/en/") == b"old page"
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    # Another host's publication: the notification rides on its transaction.
    with psycopg.connect(**params) as other:
        other.execute("SELECT pg_notify(%s, '')", [process_memory.CHANNEL])
        time.sleep(0.2)
        assert memory.get("/en/") == b"old page"  # not committed yet
        other.commit()
        assert wait_until(lambda: memory.get("/en/") is None, seconds=1)
