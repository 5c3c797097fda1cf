from django.core.management.base import BaseCommand, CommandError

from demo.generate import RealContentPresent, demo_generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with N synthetic roles in all five languages, published, for "
        "measuring (make bench-scale). Deterministic for a given N and seed. Refuses a "
        "database that holds any content. Run render_pages afterwards to store their pages."
    )

    def add_arguments(self, parser):
        parser.add_argument("--roles", type=int, required=True, help="How many roles.")
        parser.add_argument("--seed", type=int, default=1, help="Another seed, other content.")

    def handle(self, *args, roles, seed, verbosity, **options):
        if roles < 1:
            raise CommandError("--roles must be at least 1.")

        def progress(done, total):
            if verbosity:
                self.stdout.write(f"  {done} of {total} roles")

        try:
            counts = demo_generate(roles=roles, seed=seed, progress=progress)
        except RealContentPresent as refusal:
            raise CommandError(str(refusal)) from None
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated and published: {summary}."))
