from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import IntegrityError, transaction

from articles.parts import CONTENT_MODELS
from publishing.backup import restore
from publishing.services import site_render
from search import index as search_index


class Command(BaseCommand):
    help = (
        "Load a backup made by backup_content into an empty (migrated) database, and render "
        "the published pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The backup file.")
        parser.add_argument(
            "--no-render",
            action="store_true",
            help="Leave the pages to `render_pages` (resumable, for a large site): until then "
            "readers get each page rendered on request.",
        )

    def handle(self, *args, file, no_render, **options):
        if any(model.objects.exists() for model in CONTENT_MODELS):
            raise CommandError(
                "The database already holds content; nothing was restored. Restore into an "
                "empty database (create it and run migrate first)."
            )
        try:
            with transaction.atomic():
                counts = restore(file)
                # The search index, like the pages, is made again from the publications.
                search_index.rebuild()
        except OSError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        except (DeserializationError, ObjectDoesNotExist) as error:
            raise CommandError(
                f"The backup could not be read; nothing was restored. ({error})"
            ) from error
        except IntegrityError as error:
            raise CommandError(
                f"The backup does not fit this database; nothing was restored. ({error})"
            ) from error
        if options["verbosity"] > 1:
            for label, count in counts.items():
                self.stdout.write(f"{label}: {count:,}")
        self.stdout.write(self.style.SUCCESS(f"Content restored from {file}."))
        if no_render:
            self.stdout.write("Pages not rendered: run `manage.py render_pages`.")
            return
        # The backup holds the publications, not the pages rendered from them.
        site_render()
