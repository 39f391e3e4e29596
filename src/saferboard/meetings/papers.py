"""Papers for agenda items: checking uploads, turning Word into PDF, storing both.

An upload is checked whole before anything is written: it must be a real,
readable, unencrypted PDF or a real Word (.docx) document within the size
limit. Word documents become PDF (mammoth turns them into HTML, WeasyPrint
lays that out in a plain council style). The files are written only as part
of saving the paper; if the save fails they are removed again.

A paper added after the main pack was published is late: it goes in the next
supplementary pack (`Paper.supplement`), so the main pack keeps its page numbers.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

import mammoth
import weasyprint
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Prefetch, QuerySet
from django.template.loader import render_to_string
from django.utils.text import get_valid_filename
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Pack,
    Paper,
    paper_upload_to,
)
from saferboard.meetings.selectors import meeting_agenda

DEFAULT_MAX_MB = 20
PDF = "PDF"
DOCX = "DOCX"


def paper_max_bytes() -> int:
    """The largest paper accepted; deployments may change it with SAFERBOARD_PAPER_MAX_MB."""
    return int(getattr(settings, "SAFERBOARD_PAPER_MAX_MB", DEFAULT_MAX_MB) * 1024 * 1024)


def size_label(size: int) -> str:
    """A file size as people read it: "340 KB", "2.4 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check, with its PDF rendering."""

    name: str
    data: bytes
    format: str  # PDF or DOCX
    pdf: bytes
    page_count: int


def _problem(name: str, what: str) -> BusinessRuleError:
    return BusinessRuleError(f"“{name}” {what}", field="file")


def pdf_page_count(*, name: str, data: bytes) -> int:
    """Pages in a PDF that opens, is not encrypted and has at least one page; or why not."""
    if not data.startswith(b"%PDF-"):
        raise _problem(name, "is not a PDF: its contents are not PDF, whatever its name says.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise _problem(
                name,
                "is password-protected. Save a copy without a password and upload that.",
            )
        pages = len(reader.pages)
        for page in reader.pages:
            page.mediabox  # noqa: B018 - reading it fails on a broken page tree
    except BusinessRuleError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise _problem(
            name, "is damaged and cannot be read as a PDF. Save it again as PDF and upload that."
        ) from error
    if pages == 0:
        raise _problem(name, "has no pages.")
    return pages


def word_to_pdf(*, name: str, data: bytes, title: str = "") -> bytes:
    """A Word (.docx) document as a PDF in the plain council style."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise _problem(name, "is not a Word document: it has no document inside.")
        result = mammoth.convert_to_html(io.BytesIO(data))
    except BusinessRuleError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise _problem(
            name, "is not a Word (.docx) document that can be read. Save it again as .docx or PDF."
        ) from error
    html = render_to_string(
        "meetings/pdf/word_paper.html",
        {"title": title or PurePath(name).stem, "body": result.value},
    )
    return weasyprint.HTML(string=html).write_pdf()


def paper_check_upload(*, name: str, data: bytes, title: str = "") -> CheckedUpload:
    """Check an uploaded paper and make its PDF; raise BusinessRuleError saying what is wrong."""
    name = PurePath(name or "the file").name
    if not data:
        raise _problem(name, "is empty (0 bytes). Choose the file again.")
    limit = paper_max_bytes()
    if len(data) > limit:
        raise _problem(
            name,
            f"is {size_label(len(data))}; a paper can be at most {size_label(limit)}. "
            "Make it smaller (for example compress its pictures) or split it.",
        )
    suffix = PurePath(name).suffix.lower()
    if suffix == ".pdf":
        pages = pdf_page_count(name=name, data=data)
        return CheckedUpload(name=name, data=data, format=PDF, pdf=data, page_count=pages)
    if suffix == ".docx":
        pdf = word_to_pdf(name=name, data=data, title=title)
        pages = pdf_page_count(name=name, data=pdf)
        return CheckedUpload(name=name, data=data, format=DOCX, pdf=pdf, page_count=pages)
    if suffix == ".doc":
        raise _problem(name, "is an old-style Word file (.doc). Save it as .docx or PDF first.")
    raise _problem(name, "is not a PDF or Word (.docx) file. Upload papers as PDF or .docx.")


# --- reads -----------------------------------------------------------------------------


def paper_list(*, partnership: Partnership) -> QuerySet[Paper]:
    return Paper.objects.filter(partnership=partnership).select_related("item__meeting")


def meeting_items_with_papers(*, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's items in agenda order, each with its papers (main pack first)."""
    ordered = Paper.objects.order_by("supplement", "position", "pk")
    return list(meeting_agenda(meeting=meeting).prefetch_related(Prefetch("papers", ordered)))


def paper_download_name(*, paper: Paper) -> str:
    return f"{get_valid_filename(paper.title)[:100] or 'paper'}.pdf"


def paper_next_supplement(*, item: AgendaItem) -> int:
    """0 while the main pack is still open; otherwise the supplementary pack a paper joins.

    The main pack is closed once the agenda is published and a main pack exists. Late
    papers gather in the first supplementary pack not yet built.
    """
    meeting = item.meeting
    packs = Pack.objects.filter(meeting=meeting)
    if meeting.status == MeetingStatus.DRAFT or not packs.filter(supplement=0).exists():
        return 0
    return (packs.aggregate(last=Max("supplement"))["last"] or 0) + 1


def _write_files(*, item: AgendaItem, upload: CheckedUpload) -> dict:
    """Write the original and its PDF to storage; the paper's file fields, by name."""
    stem = get_valid_filename(PurePath(upload.name).stem)[:80] or "paper"
    suffix = PurePath(upload.name).suffix.lower()
    storage = Paper._meta.get_field("pdf").storage
    where = Paper(partnership=item.partnership, item=item)
    original = storage.save(paper_upload_to(where, f"{stem}{suffix}"), ContentFile(upload.data))
    try:
        pdf = (
            original
            if upload.format == PDF
            else storage.save(paper_upload_to(where, f"{stem}.pdf"), ContentFile(upload.pdf))
        )
    except BaseException:
        storage.delete(original)
        raise
    return {
        "original": original,
        "original_name": upload.name[:255],
        "original_format": upload.format,
        "original_size": len(upload.data),
        "pdf": pdf,
        "page_count": upload.page_count,
    }


def _delete_files(*names: str) -> None:
    storage = Paper._meta.get_field("pdf").storage
    for name in set(names):
        if name:
            storage.delete(name)


def _saving_files(*, item: AgendaItem, upload: CheckedUpload, save) -> Paper:
    """Write the upload's files, then `save(files)` the row; if that fails, remove the files.

    The row and its files stand or fall together, so nothing is left half-written.
    """
    files = _write_files(item=item, upload=upload)
    try:
        with transaction.atomic():
            return save(files)
    except BaseException:
        _delete_files(files["original"], files["pdf"])
        raise


def paper_add(
    *,
    item: AgendaItem,
    name: str,
    data: bytes,
    title: str = "",
    by: User | None,
    generated: bool = False,
) -> Paper:
    """Check an upload and attach it to `item` as a paper (late papers join a supplement).

    `generated` marks a paper saferboard made itself (see packs.generated_paper_put)."""
    upload = paper_check_upload(name=name, data=data, title=title)
    title = title.strip() or PurePath(upload.name).stem.replace("_", " ")

    def save(files: dict) -> Paper:
        last = item.papers.aggregate(last=Max("position"))["last"]
        return record_create(
            model=Paper,
            partnership=item.partnership,
            by=by,
            item=item,
            title=title[:300],
            position=0 if last is None else last + 1,
            supplement=paper_next_supplement(item=item),
            generated=generated,
            **files,
        )

    return _saving_files(item=item, upload=upload, save=save)


def paper_replace(
    *, paper: Paper, name: str, data: bytes, by: User | None, expected_version: int | None
) -> Paper:
    """Put a new file in place of a paper's; a replacement after publication is late."""
    upload = paper_check_upload(name=name, data=data, title=paper.title)
    old = [paper.original.name, paper.pdf.name]

    def save(files: dict) -> Paper:
        return record_update(
            instance=paper,
            by=by,
            expected_version=expected_version,
            supplement=paper_next_supplement(item=paper.item),
            **files,
        )

    replaced = _saving_files(item=paper.item, upload=upload, save=save)
    transaction.on_commit(lambda: _delete_files(*old))
    return replaced


@transaction.atomic
def paper_remove(*, paper: Paper, by: User | None) -> None:
    """Remove a paper and, once that is committed, its files."""
    names = [paper.original.name, paper.pdf.name]
    if by is not None:
        paper._history_user = by
    paper.delete()
    transaction.on_commit(lambda: _delete_files(*names))
