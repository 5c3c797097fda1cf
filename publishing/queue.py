"""The task queue as publishing uses it: Django's tasks API (django.tasks in Django 6.0,
backported by django-tasks) with django-tasks-db's database backend, so that nothing but
the database has to run. A worker (manage.py work, publishing/worker.py) runs the tasks.

What goes on the queue, and how:

- `after_commit(task, ...)`: work that follows a change (a mail, remaking a download). With
  the database backend the task is a row written in the current transaction: it exists if,
  and only if, the change committed. With another backend (the tests' immediate one) it is
  enqueued once the transaction commits.
- `Task.enqueue(...)` directly: work the user asked for (a publication), which is its own
  transaction.

The priorities: what an editor waits for runs first, re-rendering after a release last.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

# django.tasks' priorities run from -100 to 100, higher first.
PUBLISH_PRIORITY = 50
MAIL_PRIORITY = 20
DEFAULT_PRIORITY = 0
RENDER_PRIORITY = -50

READY, RUNNING, SUCCESSFUL, FAILED = "READY", "RUNNING", "SUCCESSFUL", "FAILED"


def stored(task):
    """Whether `task` goes to the database (and a worker runs it), rather than running at
    once."""
    return isinstance(task.get_backend(), DatabaseBackend)


def after_commit(task, /, *args, **kwargs):
    """Enqueue `task` with the current transaction (see above). Returns its TaskResult, or
    None where it is enqueued at the commit."""
    if stored(task) or not transaction.get_connection().in_atomic_block:
        return task.enqueue(*args, **kwargs)
    transaction.on_commit(lambda: task.enqueue(*args, **kwargs), robust=True)
    return None


def tasks_of(kind, object_id, paths):
    """The tasks (of the task functions `paths`) that act on one object, newest first."""
    return DBTaskResult.objects.filter(
        task_path__in=paths,
        args_kwargs__kwargs__kind=kind,
        args_kwargs__kwargs__object_id=object_id,
    ).order_by("-enqueued_at")


def error_of(result):
    """A failed task's error in one line: the exception's last line of traceback."""
    lines = [line for line in (result.traceback or "").strip().splitlines() if line.strip()]
    return lines[-1] if lines else result.exception_class_path or _("failed")


def retry(result_id):
    """Run a failed task again (the admin's queue page): the same row, waiting again.
    Returns whether it was failed and is now waiting."""
    return bool(
        DBTaskResult.objects.filter(pk=result_id, status=FAILED).update(
            status=READY,
            started_at=None,
            finished_at=None,
            worker_ids=[],
            exception_class_path="",
            traceback="",
        )
    )
