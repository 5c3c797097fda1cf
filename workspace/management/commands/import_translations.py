from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from content import languages
from workspace import files
from workspace.files import exchange


class Command(BaseCommand):
    help = (
        "Import an XLIFF (1.2, 2.0) or PO file into the drafts of a language, as a user; a "
        "TMX into the language's memory; a TBX into the glossary (editors). The file is "
        "checked as a whole first; units whose English changed since the export are skipped, "
        "drafts changed since it are kept and the file's text set aside as a conflict; the "
        "rest go through the workspace's checks. --dry-run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--language", required=True, choices=languages.TARGETS)
        parser.add_argument("--user", required=True, help="The username the drafts are saved as.")
        parser.add_argument("--dry-run", action="store_true", help="Report only; change nothing.")

    def handle(self, *args, file, language, user, dry_run, **options):
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"There is no active user {user!r}.")
        try:
            data = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}.") from None
        try:
            report = files.any_import(
                data=data, language=language, user=account, dry_run=dry_run, name=Path(file).name
            )
        except files.FileRefused as refusal:
            raise CommandError(f"{file}: {refusal}") from None
        if isinstance(report, exchange.Summary):
            self.stdout.write(
                f"{'Checked only, nothing changed: ' if dry_run else 'Imported: '}"
                f"{report.added} added, {report.changed} changed, {report.unchanged} already "
                f"there, {report.skipped} skipped."
            )
            return
        for outcome in report.outcomes:
            line = f"{outcome.segment_id}: {outcome.label}"
            if outcome.message:
                line += f" ({outcome.message})"
            warnings = [p.message for p in outcome.warnings]
            if warnings:
                line += " – " + " ".join(warnings)
            if outcome.status == "conflict":
                line += f"\n    draft: {outcome.their_text}\n    file:  {outcome.mine}"
            self.stdout.write(line)
        summary = ", ".join(f"{n} {label}" for label, n in report.summary)
        prefix = "Checked only, nothing changed: " if dry_run else "Imported: "
        self.stdout.write(self.style.SUCCESS(prefix + summary + "."))
