from django.core.management.base import BaseCommand

from search import index


class Command(BaseCommand):
    help = (
        "Build the search index again from what is published (content.Published), in one "
        "transaction: readers search the old index until the new one is complete. Run when "
        "the site is prepared; publishing keeps the index current after that."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-outdated",
            action="store_true",
            help="Only when the index was made from other publications or by other rules.",
        )

    def handle(self, *args, if_outdated, **options):
        if if_outdated and not index.outdated():
            self.stdout.write("The search index is current.")
            return
        made = index.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {made} documents."))
