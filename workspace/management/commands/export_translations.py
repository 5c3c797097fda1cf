import sys

from django.core.management.base import BaseCommand, CommandError

from content import languages
from workspace import files
from workspace.segments import Corpus


class Command(BaseCommand):
    help = (
        "Write a language's translation work as XLIFF 1.2 or PO, for a translation tool: "
        "everything with work in that language, or one object (--object roles.role:3)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=languages.TARGETS)
        parser.add_argument("--format", default=files.XLIFF, choices=list(files.FORMATS))
        parser.add_argument("--object", default="", help="kind:id, such as roles.role:3")
        parser.add_argument("--output", "-o", default="-", help="A file; - for standard output.")

    def handle(self, *args, language, format, object, output, **options):
        corpus = Corpus(language)
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
        data = files.export(documents, format, language)
        if output == "-":
            sys.stdout.buffer.write(data)
        else:
            with open(output, "wb") as out:
                out.write(data)
            count = sum(len(d.segments) for d in documents)
            self.stderr.write(f"{count} units of {len(documents)} objects written to {output}.")
