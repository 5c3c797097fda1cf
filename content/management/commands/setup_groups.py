from django.core.management.base import BaseCommand

from content.access import groups_setup


class Command(BaseCommand):
    help = "Create or update the Editors group and one translators' group per language."

    def handle(self, *args, **options):
        groups_setup()
        self.stdout.write(self.style.SUCCESS("Editor and translator groups are up to date."))
