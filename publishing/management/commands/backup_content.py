from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate in any database, or only meaningful in the one they came from.
NOT_CONTENT = [
    "content.permissions",  # permissions only, and no table
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "roles.loadedreference",
    # Rendered again from the publications on restore.
    "publishing.storedpage",
    "publishing.storedpageread",
    # Made again from the publications on restore (restore_content).
    "search",
]


class Command(BaseCommand):
    help = (
        "Write all content to a JSON file: the drafts and what is published of roles, metrics "
        "and salaries, their history and publications in every language, users and groups. "
        "restore_content loads it into an empty database and renders the pages again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            help="Where to write the backup: backup.jsonl (JSON Lines, restored an object at "
            "a time, for a site of any size) or backup.json (one JSON document, read whole).",
        )

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            format="jsonl" if file.endswith(".jsonl") else "json",
            natural_foreign=True,
            natural_primary=True,
            exclude=NOT_CONTENT,
            indent=None if file.endswith(".jsonl") else 1,
            output=file,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Content written to {file}."))
