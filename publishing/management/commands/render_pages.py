from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from content.release import rendering_release
from publishing import addresses
from publishing.models import StoredPage
from publishing.render_processes import RenderingFailed, render_in_processes, usable_cores


class Command(BaseCommand):
    help = (
        "Render every page readers can reach from what is published, and store it. Run after "
        "a release or a template change: pages rendered by another release are rendered "
        "again, in batches, while the stored ones keep being served. Interrupted, it resumes "
        "where it stopped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="Render every page, also those already current."
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=None,
            help="Render in this many processes (default: on PostgreSQL the cores this one "
            f"may use, {usable_cores()} here; on SQLite 1, as its one writer takes turns "
            "and more gain nothing; 1 renders in this process).",
        )

    def handle(self, *args, all, processes, verbosity, **options):
        if processes is None:
            processes = 1 if connection.vendor == "sqlite" else usable_cores()
        if processes < 1:
            raise CommandError(f"--processes must be 1 or more, not {processes}.")
        wanted = addresses.every_address()
        if not all:
            current = set(
                StoredPage.objects.filter(release=rendering_release()).values_list(
                    "path", flat=True
                )
            )
            wanted = [path for path in wanted if path not in current]
        if not wanted:
            self.stdout.write("Every stored page is current.")
            return

        shown = 0

        def progress(done, total):
            # Blocks finish out of order in several processes: each 500 passed is shown.
            nonlocal shown
            if verbosity and (done == total or done // 500 > shown // 500):
                self.stdout.write(f"  {done} of {total} pages")
                shown = done

        try:
            total = render_in_processes(paths=wanted, processes=processes, progress=progress)
        except RenderingFailed as failed:
            if verbosity > 1:
                for text in failed.tracebacks:
                    self.stderr.write(text)
            raise CommandError(
                f"Rendering failed: {failed}. {failed.rendered} of {len(wanted)} pages were "
                "rendered and stored; the others keep the pages stored before, and the site "
                "is not ready for this release (/readyz) until render_pages renders them all: "
                "run it again once the error is fixed."
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{total} pages rendered and stored."))
