from django.core.management import call_command
from django.core.management.base import BaseCommand

# Rebuilt by migrate in any database, or only meaningful in the one they came from.
NOT_CONTENT = [
    "content",  # holds permissions only, and no table
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "axes",
    "roles.loadedreference",
]


class Command(BaseCommand):
    help = (
        "Write all content to a JSON file: roles, metrics, salaries, their history in every "
        "language, users and groups. restore_content loads it into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, such as backup.json.")

    def handle(self, *args, file, **options):
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=NOT_CONTENT,
            indent=1,
            output=file,
            verbosity=0,
        )
        self.stdout.write(self.style.SUCCESS(f"Content written to {file}."))
