"""`saferboard import-pack FILE --json`: what an old agenda, minutes or action log holds, as JSON.

Prints one `saferboard.import/1` document (docs/archive.md) on stdout and stores
nothing; a file that cannot be read gives one line on stderr and a non-zero exit.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import ImportPackError, read_pack


class Command(BaseCommand):
    help = "Read a meeting pack (PDF, Word, HTML, text) and print what it holds as JSON."

    def add_arguments(self, parser):
        parser.add_argument("file", metavar="FILE", help="A .pdf, .docx, .html, .txt or .md file.")
        parser.add_argument("--json", action="store_true", help="Accepted; output is always JSON.")

    def handle(self, *args, file: str, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"cannot read {file}: {error.strerror or error}") from error
        try:
            lines = read_pack(name=path.name, data=data)
        except ImportPackError as error:
            raise CommandError(f"cannot import {path.name}: {error}") from error
        self.stdout.write(json.dumps(parse_pack(lines, source=path.name), ensure_ascii=False))
