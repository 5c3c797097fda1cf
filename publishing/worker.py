"""The worker that runs the queue's tasks: django-tasks-db's, with what a worker needs here.

- It says it is alive (TaskWorker, every HEARTBEAT seconds), and finds the tasks left
  running by a worker that is gone: one on this host whose process no longer exists, or one
  not seen for LOST_AFTER seconds. Such a task runs again, since each task is one
  transaction (or can run twice, as a mail); after MAX_ATTEMPTS it is failed, and the queue
  page lists it.
- On starting, it begins rendering the pages the running release has not rendered
  (publishing.tasks.release_render_begin), so that a server serves the previous release's
  pages at once.

`manage.py work` runs it in a process of its own (make serve starts one beside gunicorn;
other machines run it with the same settings); `start_thread` runs it in a thread of
runserver (make run).
"""

import gc
import logging
import os
import socket
import threading
import time
from datetime import timedelta

from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from publishing.background.models import TaskWorker
from publishing.queue import READY, RUNNING

log = logging.getLogger(__name__)

HEARTBEAT = 10
LOST_AFTER = 60
MAX_ATTEMPTS = 3
HOST = socket.gethostname()[:40]


class WorkerLost(Exception):
    """The worker running a task stopped (killed, its machine lost) before it finished."""


def new_worker_id():
    return f"{HOST}:{os.getpid()}:{get_random_string(8)}"


def _process_exists(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _alive(worker_id, started_at, now, workers):
    seen = workers.get(worker_id)
    if seen is None:
        # Not one of ours (a plain db_worker), or gone before it said it was alive.
        return started_at is not None and started_at > now - timedelta(seconds=LOST_AFTER)
    if seen.host == HOST:
        return _process_exists(seen.pid)
    return seen.seen_at > now - timedelta(seconds=LOST_AFTER)


def recover_lost():
    """Run again the tasks whose worker is gone; fail those that lost MAX_ATTEMPTS workers.
    Returns the ids of the tasks it recovered."""
    now = timezone.now()
    running = list(DBTaskResult.objects.filter(status=RUNNING))
    if not running:
        return []
    ids = {result.worker_ids[-1] for result in running if result.worker_ids}
    workers = {w.worker_id: w for w in TaskWorker.objects.filter(worker_id__in=ids)}
    recovered = []
    for result in running:
        worker_id = result.worker_ids[-1] if result.worker_ids else ""
        if _alive(worker_id, result.started_at, now, workers):
            continue
        if len(result.worker_ids) >= MAX_ATTEMPTS:
            lost = WorkerLost(
                f"The worker stopped while running it, {len(result.worker_ids)} times: "
                f"{', '.join(result.worker_ids)}"
            )
            result.set_failed(lost)
            log.error("Task %s %s failed: %s", result.task_path, result.pk, lost)
        elif DBTaskResult.objects.filter(pk=result.pk, status=RUNNING).update(
            status=READY, started_at=None
        ):
            log.warning("Task %s %s runs again: worker %s is gone", result.task_path,
                        result.pk, worker_id)  # fmt: skip
        recovered.append(str(result.pk))
    return recovered


def forget_gone_workers():
    """Workers not seen for a day are forgotten (their tasks were recovered long since)."""
    TaskWorker.objects.filter(seen_at__lt=timezone.now() - timedelta(days=1)).delete()


class Presence(threading.Thread):
    """A worker's heartbeat and its look for lost tasks, beside the loop that runs tasks:
    a long task does not stop it."""

    def __init__(self, worker_id, *, parent=None):
        super().__init__(name="task-worker-presence", daemon=True)
        self.worker_id = worker_id
        self.parent = parent
        self.stopping = threading.Event()

    def beat(self):
        now = timezone.now()
        TaskWorker.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": HOST, "pid": os.getpid(), "seen_at": now},
            create_defaults={"host": HOST, "pid": os.getpid(), "seen_at": now,
                             "started_at": now},
        )  # fmt: skip

    def run(self):
        beats = 0
        while not self.stopping.is_set():
            try:
                close_old_connections()
                self.beat()
                recover_lost()
                if beats % 360 == 0:
                    forget_gone_workers()
            except Exception:
                log.exception("The worker's heartbeat failed; trying again")
            beats += 1
            if self.parent is not None and os.getppid() != self.parent:
                # What started us (make serve's gunicorn) is gone: finish the task at hand,
                # then stop, as on Ctrl-C.
                log.warning("The process that started this worker is gone; stopping")
                os.kill(os.getpid(), 15)
                return
            self.stopping.wait(HEARTBEAT)
        connection.close()

    def stop(self):
        """Stopping cleanly: the worker's record goes."""
        self.stopping.set()
        try:
            TaskWorker.objects.filter(worker_id=self.worker_id).delete()
        except Exception as error:
            log.warning("Could not remove the worker's record: %s", error)


def prepare(worker_id, *, parent=None, release_render=True):
    """What a worker does before it runs tasks: says it is alive, recovers lost tasks and
    begins rendering what the release has not rendered. Returns the Presence thread."""
    from publishing.tasks import release_render_begin

    presence = Presence(worker_id, parent=parent)
    presence.beat()
    recover_lost()
    if release_render:
        try:
            release_render_begin()
        except Exception:
            log.exception("Could not begin rendering the release's pages")
    presence.start()
    return presence


def settle_after_first_task(**kwargs):
    """Once the worker's first task has run, what it loaded for good (templates, message
    catalogues, the URL conf, the site's middleware) is left out of Python's full garbage
    collections: each went through all of it again, 50-60 ms every few publications, about
    a tenth of a publication's time on average. What later tasks make is collected as
    before. Connected to task_finished by `manage.py work`."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def start_thread(*, interval=1.0, delay=1.0):
    """Run a worker in a daemon thread of this process (runserver, for make run)."""

    def run():
        time.sleep(delay)  # after the apps are ready and the server listens
        worker_id = new_worker_id()
        try:
            prepare(worker_id)
            Worker(
                queue_names=["*"], interval=interval, batch=False, backend_name="default",
                startup_delay=False, max_tasks=None, worker_id=worker_id,
                excluded_queue_names=[],
            ).run()  # fmt: skip
        except Exception:
            log.exception("The task worker thread stopped")

    thread = threading.Thread(target=run, name="task-worker", daemon=True)
    thread.start()
    return thread
