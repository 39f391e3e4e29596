"""Taking files in for review: each uploaded file is read and parsed once, and stored with
its original, the reader's lines and what the parser found (docs/archive.md, "Reviewing in
the web app" and "Bulk import"). Nothing becomes a meeting or an action here; that is the
commit, after a clerk has looked.
"""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F

from saferboard.archive.models import ImportBatch, ImportFile, ImportStatus
from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import ImportPackError, read_pack
from saferboard.core.errors import BusinessRuleError
from saferboard.core.roles import Role
from saferboard.core.services import record_create

# Importing old packs writes meetings and actions: the people who may edit those.
ARCHIVE_EDITORS = frozenset({Role.MANAGER, Role.CLERK})
PACK_EXTENSIONS = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")


def _check_body(*, partnership, body) -> None:
    if body.partnership_id != partnership.pk:
        raise BusinessRuleError(f"{body} is not a body of {partnership}.", field="body")


@transaction.atomic
def batch_create(*, partnership, body, by, file_count: int = 0) -> ImportBatch:
    """An empty batch for files read together (a folder of old packs) into `body`."""
    _check_body(partnership=partnership, body=body)
    return record_create(
        model=ImportBatch,
        partnership=partnership,
        by=by,
        body=body,
        uploaded_by=by,
        file_count=file_count,
    )


@transaction.atomic
def import_file_read(
    *, partnership, body, name: str, data: bytes, by, batch: ImportBatch | None = None
) -> ImportFile:
    """Read and parse one file and store it, its lines and what was found, for review.

    A file that cannot be read is refused with ImportPackError naming it when uploaded on its
    own (nothing is stored); inside a batch it is stored as failed, with the reason, so the
    batch's report lists it beside the files that could be read.
    """
    _check_body(partnership=partnership, body=body)
    if batch is not None and batch.partnership_id != partnership.pk:
        raise BusinessRuleError("The batch belongs to another partnership.")
    name = (name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1] or "unnamed file"
    sha256 = hashlib.sha256(data).hexdigest()
    fields = {"status": ImportStatus.READ, "error": "", "source_text": "", "found": {}}
    try:
        lines = read_pack(name=name, data=data)
    except ImportPackError as error:
        if batch is None:
            raise ImportPackError(f"{name} cannot be imported: {error}") from error
        fields |= {"status": ImportStatus.FAILED, "error": str(error)}
    else:
        fields |= {"source_text": "\n".join(lines), "found": parse_pack(lines, source=name)}
    import_file = record_create(
        model=ImportFile,
        partnership=partnership,
        by=by,
        batch=batch,
        body=body,
        original_name=name[:255],
        sha256=sha256,
        size=len(data),
        original=ContentFile(data, name=name[-100:]),
        uploaded_by=by,
        **fields,
    )
    if batch is not None:
        ImportBatch.objects.filter(pk=batch.pk).update(file_count=F("file_count") + 1)
        batch.refresh_from_db(fields=["file_count"])
    return import_file


@dataclass(frozen=True)
class FileRead:
    """One step of reading a batch: which file (1-based) of how many, and what came of it."""

    number: int
    total: int
    import_file: ImportFile


def batch_read_steps(
    *, partnership, body, files: Iterable[tuple[str, bytes]], by, total: int | None = None
) -> Iterator[ImportBatch | FileRead]:
    """Read `files` (name, bytes) into a new batch one after another, yielding the batch
    first and then each file as it is stored, so a page or a terminal can show progress.
    Each file is stored in its own transaction: a file that cannot be read is kept as
    failed and the others carry on. `files` may be a generator (a folder read lazily);
    then say how many there are in `total`."""
    if total is None:
        files = list(files)
        total = len(files)
    batch = batch_create(partnership=partnership, body=body, by=by)
    yield batch
    for number, (name, data) in enumerate(files, start=1):
        import_file = import_file_read(
            partnership=partnership, body=body, name=name, data=data, by=by, batch=batch
        )
        yield FileRead(number=number, total=total, import_file=import_file)


def found_counts(document: dict) -> dict[str, int]:
    """How much a document holds: meetings, items, actions (minutes' and the action log's)
    and warnings, for progress lines and reports."""
    meetings = document.get("meetings") or []
    items = [item for meeting in meetings for item in meeting.get("items") or []]
    return {
        "meetings": len(meetings),
        "items": len(items),
        "actions": sum(len(item.get("actions") or []) for item in items)
        + len(document.get("action_log") or []),
        "warnings": len(document.get("warnings") or []),
    }


def already_imported(*, import_file: ImportFile) -> ImportFile | None:
    """The earliest committed import of the same bytes into the same body, if any."""
    return (
        ImportFile.objects.filter(
            partnership_id=import_file.partnership_id,
            body_id=import_file.body_id,
            sha256=import_file.sha256,
            status=ImportStatus.COMMITTED,
        )
        .exclude(pk=import_file.pk)
        .order_by("committed_at", "pk")
        .first()
    )
