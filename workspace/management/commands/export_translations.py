import sys

from django.core.management.base import BaseCommand, CommandError

from content import languages
from workspace import files
from workspace.files import exchange
from workspace.segments import Corpus


class Command(BaseCommand):
    help = (
        "Write a language's translation work for a translation tool: XLIFF 1.2, XLIFF 1.2 "
        "for OmegaT, XLIFF 2.0 or PO, of everything with work in that language or one object "
        "(--object roles.role:3); or the language's memory as TMX (--format tmx), or the "
        "glossary as TBX (--format tbx)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=languages.TARGETS)
        parser.add_argument("--format", default=files.XLIFF, choices=[*files.FORMATS, "tmx", "tbx"])
        parser.add_argument("--object", default="", help="kind:id, such as roles.role:3")
        parser.add_argument("--output", "-o", default="-", help="A file; - for standard output.")

    def handle(self, *args, language, format, object, output, **options):
        corpus = Corpus(language)
        if format in ("tmx", "tbx"):
            data = exchange.memory_export(corpus) if format == "tmx" else exchange.glossary_export()
            return self._write(data, output, "")
        if object:
            kind, _sep, pk = object.rpartition(":")
            document = corpus.document(kind, int(pk) if pk.isdigit() else 0)
            if document is None:
                raise CommandError(f"There is no {object}.")
            documents = [document]
        else:
            documents = corpus.queue()
        if not documents:
            raise CommandError(f"Nothing to translate into {language}.")
        count = sum(len(d.segments) for d in documents)
        self._write(
            files.export(documents, format, language),
            output,
            f"{count} units of {len(documents)} objects written to {output}.",
        )

    def _write(self, data, output, done):
        if output == "-":
            sys.stdout.buffer.write(data)
            return
        with open(output, "wb") as out:
            out.write(data)
        self.stderr.write(done or f"Written to {output}.")
