import os

from django_tasks_db.compat import task_finished
from django_tasks_db.management.commands import db_worker

from publishing import worker


class Command(db_worker.Command):
    help = (
        "Run the task queue's worker: publications, scheduled publications, re-rendering "
        "after a release, mail. Run one or more on any machine with the site's settings "
        "(DATABASE_URL); make serve starts one. A task left running by a worker that was "
        "killed runs again."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Every queue, and an id that says where the worker runs (publishing/worker.py).
        parser.set_defaults(queue_name="*", worker_id=worker.new_worker_id(), reload=False)
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Stop (after the task at hand) when the process that started it is gone.",
        )
        parser.add_argument(
            "--parent-pid",
            type=int,
            help="With --exit-with-parent: the id of the process that starts it (gunicorn's "
            "master gives its own). Read by the worker itself, that process may already be "
            "gone, and the worker would then stay.",
        )
        parser.add_argument(
            "--no-release-render",
            action="store_false",
            dest="release_render",
            help="Do not begin rendering the pages this release has not rendered (another "
            "worker does).",
        )

    def handle(
        self, *args, worker_id, exit_with_parent=False, parent_pid=None, release_render=True,
        **options,
    ):  # fmt: skip
        parent = (parent_pid or os.getppid()) if exit_with_parent else None
        presence = worker.prepare(worker_id, parent=parent, release_render=release_render)
        task_finished.connect(worker.settle_after_first_task)
        try:
            super().handle(*args, worker_id=worker_id, **options)
        finally:
            presence.stop()
