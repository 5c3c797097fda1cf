from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.parts import SHARED
from articles.reference.read import InvalidReference, read_reference
from articles.services import EditedSinceLoaded, reference_load
from content.languages import CODES
from publishing.services import PublishRefused, content_publish_together
from roles.models import Role


class Command(BaseCommand):
    help = (
        "Load the curated reference content (reference/) into the database as drafts and "
        "publish them in every language. Every file is checked first; any problem, or content "
        "edited in the admin since it was loaded, stops the load before anything is written."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=settings.BASE_DIR / "reference", help="The reference directory."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Load only when the database has no roles."
        )
        parser.add_argument(
            "--check", action="store_true", help="Check the files and write nothing."
        )
        parser.add_argument(
            "--no-publish", action="store_true", help="Load drafts only; publish nothing."
        )
        parser.add_argument(
            "--overwrite-edits",
            action="store_true",
            help="Replace content edited in the admin since it was loaded.",
        )

    def handle(self, *args, path, if_empty, check, overwrite_edits, no_publish, **options):
        if if_empty and Role.objects.exists():
            self.stdout.write("The database already holds roles; nothing loaded.")
            return
        try:
            documents = read_reference(path)
        except InvalidReference as error:
            lines = "\n".join(f"  {problem}" for problem in error.problems)
            raise CommandError(
                f"The reference files have {len(error.problems)} problem(s); nothing was "
                f"loaded:\n{lines}"
            ) from None
        if check:
            self.stdout.write(self.style.SUCCESS(f"{len(documents)} documents, no problems."))
            return
        try:
            report = reference_load(documents=documents, overwrite_edits=overwrite_edits)
        except EditedSinceLoaded as error:
            raise CommandError(
                "Edited in the admin since it was last loaded: "
                f"{', '.join(error.names)}. Nothing was loaded. Rerun with --overwrite-edits "
                "to replace those edits with the files."
            ) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Reference loaded: {len(report.created)} created, {len(report.updated)} "
                f"updated, {len(report.unchanged)} unchanged."
            )
        )
        for verb, names in [("created", report.created), ("updated", report.updated)]:
            for name in names:
                self.stdout.write(f"  {verb}: {name}")
        if no_publish:
            return
        try:
            published = content_publish_together(objects=_loaded(documents), languages=CODES)
        except PublishRefused as refusal:
            raise CommandError(f"The drafts are loaded, but not published: {refusal}") from None
        self.stdout.write(self.style.SUCCESS(f"Published: {len(published)} changed."))


def _loaded(documents):
    """The objects the documents hold, what roles refer to first."""
    shared = {s.name: s for s in SHARED}
    objects = []
    for document in documents:
        if document.kind in shared:
            spec = shared[document.kind]
            keys = [row[spec.key] for row in document.content[document.kind]]
            objects += list(spec.model.objects.filter(**{f"{spec.key}__in": keys}))
    slugs = [d.content["role"]["slug"] for d in documents if d.kind == "role"]
    return objects + list(Role.objects.filter(slug__in=slugs))
