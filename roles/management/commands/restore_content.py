from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from metrics.models import Metric
from roles.models import Role, RoleFamily
from salaries.models import Location


class Command(BaseCommand):
    help = "Load a backup made by backup_content into an empty (migrated) database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file.")

    def handle(self, *args, file, **options):
        if any(m.objects.exists() for m in (Role, RoleFamily, Metric, Location)):
            raise CommandError(
                "The database already holds content; nothing was restored. Restore into an "
                "empty database (create it and run migrate first)."
            )
        with transaction.atomic():
            call_command("loaddata", file, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Content restored from {file}."))
