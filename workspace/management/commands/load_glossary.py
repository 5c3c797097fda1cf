from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from content import languages
from workspace.models import GlossaryTerm, GlossaryTranslation


class Command(BaseCommand):
    help = (
        "Load the approved terms (reference/glossary.yaml) into the glossary the workspace "
        "and its checks use: each term's note, whether it stays untranslated, and its "
        "approved translation in every language. Idempotent; terms edited in the admin are "
        "replaced by the file's."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path",
            default=Path(settings.BASE_DIR) / "reference" / "glossary.yaml",
            help="The glossary file.",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Load only when the glossary is empty."
        )

    def handle(self, *args, path, if_empty, **options):
        if if_empty and GlossaryTerm.objects.exists():
            self.stdout.write("The glossary already holds terms; nothing loaded.")
            return
        try:
            entries = yaml.safe_load(Path(path).read_text(encoding="utf-8"))["terms"]
        except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
            raise CommandError(f"{path}: not a glossary file ({error}).") from None
        problems = []
        for n, entry in enumerate(entries, start=1):
            if not entry.get("term"):
                problems.append(f"entry {n}: no term")
            unknown = set(entry.get("translations") or {}) - set(languages.TARGETS)
            if unknown:
                problems.append(f"{entry.get('term')}: unknown languages {sorted(unknown)}")
            if not entry.get("do_not_translate") and not entry.get("translations"):
                problems.append(f"{entry.get('term')}: no translations")
        if problems:
            raise CommandError(f"{path}: " + "; ".join(problems) + ". Nothing was loaded.")
        with transaction.atomic():
            for entry in entries:
                term, _created = GlossaryTerm.objects.update_or_create(
                    term=entry["term"],
                    defaults={
                        "note": " ".join((entry.get("note") or "").split()),
                        "do_not_translate": bool(entry.get("do_not_translate")),
                    },
                )
                translations = entry.get("translations") or {}
                term.translations.exclude(language__in=list(translations)).delete()
                for code, text in translations.items():
                    GlossaryTranslation.objects.update_or_create(
                        term=term, language=code, defaults={"text": text}
                    )
        self.stdout.write(self.style.SUCCESS(f"Glossary loaded: {len(entries)} terms."))
