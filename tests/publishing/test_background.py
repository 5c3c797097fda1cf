"""Work in the background: publications, scheduled publications, a release's pages and mail
run by the task queue's worker (publishing/tasks.py, publishing/worker.py).

Most tests run the worker in this process, on the tests' database, once the tasks are
enqueued (`work()`); the two that need a worker *process* (one killed in the middle of a
publication) share PostgreSQL with it and run in the PostgreSQL half of make test."""

import gc
import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection, transaction
from django.http import HttpResponseServerError
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from content.access import EDITORS
from content.models import Published
from content.release import rendering_release
from publishing import rendering, tasks, worker
from publishing.background.models import ScheduledPublication
from publishing.models import Publication, StoredPage
from publishing.services import content_publish
from publishing.worker import HEARTBEAT
from tests import factories
from tests.publishing import test_front_cache
from tests.servers import running

# A front cache's purge address, recording what it is told to forget.
purge_server = test_front_cache.purge_server

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queue(settings):
    """Tasks go to the database, as in production, and wait for a worker."""
    settings.TASKS = DATABASE_TASKS


def work():
    """Run every task that is due, in this process, as a worker would (in the test's
    transaction, which closing the connection between tasks would end)."""
    with mock.patch.object(db_worker, "close_old_connections"):
        db_worker.Worker(
            queue_names=["*"], interval=0, batch=True, backend_name="default",
            startup_delay=False, max_tasks=None, worker_id=f"tests:{os.getpid()}:inproc",
            excluded_queue_names=[],
        ).run()  # fmt: skip


def later(delta):
    """The clock moved on by `delta`, for the worker and everything it runs."""
    return mock.patch("django.utils.timezone.now", return_value=timezone.now() + delta)


@pytest.fixture
def editor(db):
    call_command("setup_groups", verbosity=0)
    user = User.objects.create_user(
        "editor", email="editor@example.org", password="x", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def role(db):
    role = factories.make_role(slug="support-lead", title_en="Support lead")
    factories.make_responsibility(role, title_en="Listening")
    factories.make_role_metric(role, factories.make_metric(code="nps", name_en="NPS score"))
    factories.publish(role)
    return role


def retitle(role, title):
    role.title_en = title
    role.save()


def published_title(role):
    return Published.objects.get(kind="roles.role", object_id=role.pk).head["title_en"]


def broken_charts(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("the chart cannot be drawn")

    monkeypatch.setattr("articles.loader.range_charts", broken)


@pytest.mark.django_db
def test_the_publishing_page_enqueues_and_shows_progress_outcome_and_refusal(
    client, editor, role, queue, monkeypatch
):
    page = f"/admin/publishing/roles.role/{role.pk}/"
    client.force_login(editor)
    retitle(role, "Support lead, in the background")
    asked = client.post(page + "publish/", {"language": ["en"]}, follow=True)
    assert "Publishing in the background: English." in asked.text
    assert published_title(role) == "Support lead"
    waiting = client.get(page).text
    assert '<meta http-equiv="refresh"' in waiting and "waiting" in waiting

    work()
    assert published_title(role) == "Support lead, in the background"
    done = client.get(page).text
    assert "Published: English." in done and '<meta http-equiv="refresh"' not in done

    # Refused: the page that would not render is named, and nothing is published.
    retitle(role, "Would break")
    broken_charts(monkeypatch)
    client.post(page + "publish/", {"language": ["en"]})
    work()
    monkeypatch.undo()
    shown = client.get(page).text
    assert "refused" in shown and "could not be rendered" in shown
    assert f"<code>/api/v1/roles/{role.slug}?lang=en</code>" in shown
    assert published_title(role) == "Support lead, in the background"


@pytest.mark.django_db
def test_a_failed_task_is_listed_with_its_error_and_runs_again_from_the_queue_page(
    client, editor, role, queue, monkeypatch
):
    def crash(**kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("publishing.tasks.content_publish", crash)
    retitle(role, "Published at the second try")
    result = tasks.publish.enqueue(
        kind="roles.role", object_id=role.pk, languages=["en"], user_id=editor.pk
    )
    work()
    client.force_login(editor)
    listed = client.get("/admin/publishing/background/").text
    assert "RuntimeError: the disk is full" in listed and "Published at the second try" in listed

    monkeypatch.undo()
    client.post(f"/admin/publishing/background/{result.id}/retry/")
    work()
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert published_title(role) == "Published at the second try"
    # Readers and translators may not see the queue.
    client.force_login(User.objects.create_user("reader", password="x", is_staff=True))
    assert client.get("/admin/publishing/background/").status_code == 403


@pytest.mark.django_db
def test_scheduled_publication_and_expiry_happen_at_their_time_and_a_refusal_is_mailed(
    client, editor, role, queue, monkeypatch
):
    now = timezone.now()
    retitle(role, "Support lead, from Monday")
    tasks.schedule(obj=role, action="publish", language="en", at=now + timedelta(hours=1),
                   user=editor)  # fmt: skip
    tasks.schedule(obj=role, action="unpublish", at=now + timedelta(hours=2), user=editor)
    work()
    assert published_title(role) == "Support lead"  # not yet

    with later(timedelta(minutes=61)):
        work()
    assert published_title(role) == "Support lead, from Monday"
    publication = Publication.objects.filter(kind="roles.role", object_id=role.pk).first()
    assert publication.note.startswith("scheduled for ")
    client.force_login(editor)
    page = client.get(f"/admin/publishing/roles.role/{role.pk}/").text
    assert "Unpublish at" in page and "scheduled for" in page

    with later(timedelta(minutes=121)):
        work()
    assert not Published.objects.filter(kind="roles.role", object_id=role.pk).exists()
    assert client.get(f"/en/roles/{role.slug}/").status_code == 410
    assert set(ScheduledPublication.objects.values_list("state", flat=True)) == {"done"}

    # One that cannot render is not published, and its editor is told by mail.
    factories.publish(role)
    retitle(role, "Would break")
    entry = tasks.schedule(obj=role, action="publish", language="en",
                           at=now + timedelta(hours=3), user=editor)  # fmt: skip
    broken_charts(monkeypatch)
    with later(timedelta(minutes=181)):
        work()
    entry.refresh_from_db()
    assert entry.state == "refused" and "could not be rendered" in entry.outcome
    assert published_title(role) == "Support lead, from Monday"
    [notice] = [m for m in mail.outbox if m.to == ["editor@example.org"]]
    assert "Not published at its time" in notice.subject and entry.outcome in notice.body


@pytest.fixture
def translated(db):
    """A role published in English, Ukrainian and Norwegian."""
    role = factories.make_role(
        slug="support-lead", title_en="Support lead", title_uk="Керівник підтримки",
        title_nb="Supportleder",
    )  # fmt: skip
    factories.make_responsibility(
        role, title_en="Listening", title_uk="Уважно слухати", title_nb="Lytte nøye"
    )
    factories.publish(role)
    return role


def reader_page(client, role, language):
    response = client.get(f"/{language}/roles/{role.slug}/")
    assert response.status_code == 200
    return response.text


@pytest.mark.django_db
def test_a_languages_expiry_unpublishes_that_language_only_at_its_time(
    client, editor, translated, queue, purge_server, django_capture_on_commit_callbacks
):
    role = translated
    entry = tasks.schedule(obj=role, action="unpublish", language="uk",
                           at=timezone.now() + timedelta(hours=1), user=editor)  # fmt: skip
    work()
    assert "Уважно слухати" in reader_page(client, role, "uk")  # not yet

    with later(timedelta(minutes=61)), django_capture_on_commit_callbacks(execute=True):
        work()
    entry.refresh_from_db()
    assert entry.state == "done"
    assert entry.outcome.startswith("Unpublished in Українська")
    # Its readers get the English, marked as English, in their own language's page; never
    # another language's texts.
    uk = reader_page(client, role, "uk")
    assert '<html lang="uk"' in uk
    assert "Керівник підтримки" not in uk and "Уважно слухати" not in uk
    assert '<span lang="en">Support lead</span>' in uk and "Listening" in uk
    assert "англійською" in uk and "Supportleder" not in uk
    # The other languages stay served as they were.
    nb = reader_page(client, role, "nb")
    assert "Supportleder" in nb and "Lytte nøye" in nb
    assert "Support lead" in reader_page(client, role, "en")
    # The stored page is the new one, and the front caches were told to forget it.
    stored_uk = StoredPage.objects.get(path=f"/uk/roles/{role.slug}/")
    assert "Уважно слухати".encode() not in bytes(stored_uk.body)
    purged = {k for purge in purge_server.purges for k in purge["xkey"].split()}
    assert set(stored_uk.headers["xkey"].split()) & purged

    # The history: the publication that took Ukrainian away, and the schedule's outcome.
    last = Publication.objects.filter(kind="roles.role", object_id=role.pk).first()
    assert (last.action, last.languages) == ("unpublish", ["uk"])
    assert last.note.startswith("scheduled for ")
    client.force_login(editor)
    page = client.get(f"/admin/publishing/roles.role/{role.pk}/").text
    assert re.search(r"<td>unpublished \(scheduled for [^)]*\)</td>\s*<td>uk</td>", page)
    assert "Unpublished in Українська" in page


@pytest.mark.django_db
def test_a_scheduled_expiry_of_what_is_already_unpublished_says_so(
    client, editor, translated, queue
):
    role, now = translated, timezone.now()
    uk = tasks.schedule(obj=role, action="unpublish", language="uk",
                        at=now + timedelta(hours=1), user=editor)  # fmt: skip
    whole = tasks.schedule(obj=role, action="unpublish", at=now + timedelta(hours=2), user=editor)
    # Someone was quicker, from the publishing page.
    client.force_login(editor)
    page = f"/admin/publishing/roles.role/{role.pk}/"
    told = client.post(page + "unpublish/", {"language": "uk"}, follow=True).text
    assert "Unpublished in Українська" in told
    with later(timedelta(minutes=61)):
        work()
    uk.refresh_from_db()
    assert (uk.state, uk.outcome) == ("refused", "This is not published in Українська.")

    told = client.post(page + "unpublish/", follow=True).text
    assert "Unpublished: readers no longer see it." in told
    with later(timedelta(minutes=121)):
        work()
    whole.refresh_from_db()
    assert (whole.state, whole.outcome) == ("refused", "This is not published.")
    shown = client.get(page).text
    assert "This is not published in Українська." in shown and "This is not published." in shown
    assert client.get(f"/uk/roles/{role.slug}/").status_code == 410


@pytest.mark.django_db
def test_english_expiry_takes_every_language_and_a_translator_may_not_schedule_it(
    editor, translated, queue
):
    entry = tasks.schedule(obj=translated, action="unpublish", language="en",
                           at=timezone.now() + timedelta(hours=1), user=editor)  # fmt: skip
    assert entry.language == ""
    translator = User.objects.create_user("translator", password="x", is_staff=True)
    with pytest.raises(PermissionDenied):
        tasks.schedule(obj=translated, action="unpublish", language="uk",
                       at=timezone.now() + timedelta(hours=1), user=translator)  # fmt: skip
    with later(timedelta(minutes=61)):
        work()
    assert not Published.objects.filter(kind="roles.role", object_id=translated.pk).exists()


@pytest.mark.django_db
def test_a_release_renders_its_pages_in_the_background_while_the_old_ones_are_served(
    client, editor, role, queue, settings, monkeypatch
):
    paths = [f"/{code}/roles/{role.slug}/" for code in ("en", "ko", "nb")] + ["/en/"]
    old = {p.path: bytes(p.body) for p in StoredPage.objects.filter(path__in=paths)}
    old_release = rendering_release()
    settings.CACHE_RELEASE = "next-release"
    run = tasks.release_render_begin(paths=paths)
    assert (run.done, run.total) == (0, 4)
    # Until the worker gets to them, readers get the old release's pages.
    assert client.get(paths[0]).content == old[paths[0]]

    get = rendering._Site.get
    monkeypatch.setattr(
        rendering._Site, "get",
        lambda site, path: HttpResponseServerError() if path == "/nb/roles/support-lead/"
        else get(site, path),
    )  # fmt: skip
    work()
    run.refresh_from_db()
    assert (run.done, run.total) == (4, 4) and run.finished_at is not None
    assert list(run.failed) == ["/nb/roles/support-lead/"]
    releases = dict(StoredPage.objects.filter(path__in=paths).values_list("path", "release"))
    assert releases.pop("/nb/roles/support-lead/") == old_release
    assert set(releases.values()) == {rendering_release()}
    assert client.get("/nb/roles/support-lead/").content == old["/nb/roles/support-lead/"]

    client.force_login(editor)
    shown = client.get("/admin/publishing/background/").text
    assert "4 / 4" in shown and "<code>/nb/roles/support-lead/</code>" in shown


# A worker process: PostgreSQL, which it shares with the test.


def _worker_env():
    db = connection.settings_dict
    return {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "tests.publishing.worker_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "LOG_LEVEL": "WARNING",
    }


def _worker(module=None, args=(), **env):
    command = [sys.executable, *(["-m", module] if module else ["manage.py", "work"]),
               "--interval", "0.2", "--no-startup-delay", "--no-release-render",
               "-v0", *args]  # fmt: skip
    return running(command, env={**_worker_env(), **env}, cwd=django_settings.BASE_DIR)


@pytest.fixture
def worker_process(transactional_db):
    """A worker process for the test, stopped before the test's data is flushed: one kept
    for the module was running a task of the test before (the downloads remade after its
    publication) when the flush deleted the task's row, and crashed saving its result."""
    with _worker() as process:
        yield process


@pytest.fixture
def on_postgresql(transactional_db, queue):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL, which a worker process shares: the PostgreSQL half")


def wait_until(check, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s")


def finished(result):
    return DBTaskResult.objects.get(pk=result.id).status in ("SUCCESSFUL", "FAILED")


def stored():
    return dict(StoredPage.objects.values_list("path", "etag"))


# What may differ between two publications of the same texts: their moment, and the
# publication's row (a feed entry's id): the sequence moved on past the one rolled back.
DIFFERS = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?|publication-\d+")


def pages(paths=None):
    found = StoredPage.objects.all() if paths is None else StoredPage.objects.filter(path__in=paths)
    return {p.path: DIFFERS.sub(b"(differs)", bytes(p.body)) for p in found}


def test_a_worker_whose_server_stopped_before_the_worker_started_stops_too(on_postgresql):
    """make serve's worker is started by gunicorn's master, and stops with it; a server
    stopped at once (a test's, a failed start) was gone before the worker had read who
    started it, and the worker stayed, for good, beside no server."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    args = ["--exit-with-parent", "--parent-pid", str(gone.pid)]
    with _worker(args=args) as orphan:
        assert orphan.wait(HEARTBEAT + 30) == 0


def test_a_worker_killed_mid_publication_publishes_nothing_and_the_task_runs_again(
    on_postgresql, role, editor, tmp_path, request
):
    retitle(role, "Support lead, at last")
    before, publications = stored(), Publication.objects.count()
    result = tasks.publish.enqueue(
        kind="roles.role", object_id=role.pk, languages=["en"], user_id=editor.pk
    )
    marker = tmp_path / "paused"
    with _worker("tests.publishing.paused_worker", PAUSED_MARKER=str(marker)) as paused:
        # It rendered and stored the pages, in the publication's transaction, and waits.
        wait_until(marker.exists)
        os.kill(paused.pid, signal.SIGKILL)
        paused.wait(10)
    assert DBTaskResult.objects.get(pk=result.id).status == "RUNNING"
    assert published_title(role) == "Support lead"
    assert Publication.objects.count() == publications and stored() == before

    request.getfixturevalue("worker_process")  # finds the task's worker gone, runs it again
    wait_until(lambda: finished(result))
    again = DBTaskResult.objects.get(pk=result.id)
    assert again.status == "SUCCESSFUL" and len(again.worker_ids) == 2
    assert published_title(role) == "Support lead, at last"
    assert Publication.objects.count() == publications + 1


def test_a_publication_run_by_a_worker_process_stores_the_pages_a_direct_one_does(
    on_postgresql, role, editor, worker_process
):
    retitle(role, "Support lead, either way")
    with transaction.atomic():
        start = timezone.now()
        content_publish(obj=role, languages=["en"], user=editor)
        # The pages the publication rendered and stored, in its transaction; not the
        # downloads, which are remade once a publication commits (test_versions).
        rendered = StoredPage.objects.filter(rendered_at__gte=start)
        direct = pages(rendered.exclude(path__contains="/downloads/").values("path"))
        transaction.set_rollback(True)
    assert published_title(role) == "Support lead" and len(direct) > 10
    result = tasks.publish.enqueue(
        kind="roles.role", object_id=role.pk, languages=["en"], user_id=editor.pk
    )
    wait_until(lambda: finished(result))
    assert DBTaskResult.objects.get(pk=result.id).return_value["outcome"] == "published"
    assert pages(direct) == direct


def test_a_worker_leaves_what_its_first_task_loaded_out_of_full_garbage_collections():
    # What a worker's first task loads for good (templates, catalogues, the URL conf) is
    # not gone through again by every full collection; what later tasks make is.
    assert gc.get_freeze_count() == 0
    try:
        worker.settle_after_first_task()
        frozen = gc.get_freeze_count()
        assert frozen > 0
        worker.settle_after_first_task()
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
