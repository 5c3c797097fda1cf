from django.core.management.base import BaseCommand

from content.release import rendering_release
from publishing import addresses
from publishing.models import StoredPage
from publishing.services import site_render


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

    def handle(self, *args, all, verbosity, **options):
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

        def progress(done, total):
            if verbosity and (done == total or done % 500 == 0):
                self.stdout.write(f"  {done} of {total} pages")

        total = site_render(paths=wanted, progress=progress)
        self.stdout.write(self.style.SUCCESS(f"{total} pages rendered and stored."))
