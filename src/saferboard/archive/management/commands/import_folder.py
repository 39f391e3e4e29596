"""`saferboard import-folder FOLDER --partnership SLUG --body PK [--json]`: read every file of
a folder into one batch for review in the web app.

A line per file on stderr as it is read; one JSON report on stdout (per file: status, what
was found, warnings, error). Files that cannot be read are kept in the batch as failed; the
exit code is 0 as long as the batch was made. Nothing is committed: a clerk reviews each file.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from saferboard.archive.intake import FileRead, batch_read_steps, found_counts
from saferboard.core.models import Partnership
from saferboard.registry.models import Body


def folder_files(folder: Path) -> list[Path]:
    """The folder's files (not sub-folders, not hidden files), in name order."""
    return sorted(
        (path for path in folder.iterdir() if path.is_file() and not path.name.startswith(".")),
        key=lambda path: path.name.lower(),
    )


class Command(BaseCommand):
    help = "Read every file in a folder into a batch of archive imports, for review."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="FOLDER")
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--body", required=True, type=int, metavar="PK")
        parser.add_argument("--json", action="store_true", help="Accepted; output is JSON.")

    def handle(self, *args, folder: str, partnership: str, body: int, **options):
        path = Path(folder)
        if not path.is_dir():
            raise CommandError(f"{folder} is not a folder")
        found_partnership = Partnership.objects.filter(slug=partnership).first()
        if found_partnership is None:
            raise CommandError(f"there is no partnership {partnership!r}")
        found_body = Body.objects.filter(partnership=found_partnership, pk=body).first()
        if found_body is None:
            raise CommandError(f"{partnership} has no body {body}")
        files = folder_files(path)
        if not files:
            raise CommandError(f"{folder} has no files to import")
        steps = batch_read_steps(
            partnership=found_partnership,
            body=found_body,
            files=((file.name, file.read_bytes()) for file in files),
            by=None,
            total=len(files),
        )
        batch, report = None, []
        for step in steps:
            if not isinstance(step, FileRead):
                batch = step
                continue
            import_file = step.import_file
            counts = found_counts(import_file.found)
            report.append(
                {
                    "file": import_file.original_name,
                    "import": import_file.pk,
                    "status": import_file.status,
                    **counts,
                    "error": import_file.error or None,
                }
            )
            outcome = (
                f"could not be read: {import_file.error}"
                if import_file.error
                else f"{counts['meetings']} meetings, {counts['items']} items, "
                f"{counts['actions']} actions, {counts['warnings']} warnings"
            )
            self.stderr.write(
                f"[{step.number}/{step.total}] {import_file.original_name}: {outcome}"
            )
        summary = {
            "batch": batch.pk,
            "partnership": found_partnership.slug,
            "body": found_body.pk,
            "review": reverse("archive:batch", args=[found_partnership.slug, batch.pk]),
            "files": report,
        }
        self.stdout.write(json.dumps(summary, ensure_ascii=False))
