"""Uploading papers to an agenda item: PDFs are kept as they are, Word becomes PDF,
and anything that is not a sound PDF or .docx is refused with a message naming the
file and the problem, leaving nothing behind."""

import io
from pathlib import Path

import docx
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter

from saferboard.core.errors import StaleEditError
from saferboard.meetings import papers
from saferboard.meetings.models import Paper
from tests.factories import AgendaItemFactory, labelled_pdf, pdf_bytes


@pytest.fixture
def an_item(partnership_a, a_meeting):
    return AgendaItemFactory(
        partnership=partnership_a, meeting=a_meeting, number=5, title="Strategic assessment"
    )


def upload_url(item) -> str:
    return reverse(
        "meetings:item-papers", kwargs={"partnership": item.partnership.slug, "pk": item.pk}
    )


def upload(client, item, name: str, data: bytes, title: str = ""):
    return client.post(
        upload_url(item),
        {"title": title, "file": SimpleUploadedFile(name, data)},
        follow=True,
    )


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def word_document(*paragraphs: str) -> bytes:
    document = docx.Document()
    document.add_heading("Domestic abuse strategy refresh", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt("secret")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_a_pdf_is_stored_with_its_pages_size_and_format(clerk_a_client, an_item):
    data = labelled_pdf("ASSESSMENT", 3)
    response = upload(clerk_a_client, an_item, "assessment.pdf", data, title="Assessment 2025")
    assert response.status_code == 200
    paper = Paper.objects.get(item=an_item)
    assert (paper.title, paper.page_count, paper.original_format) == ("Assessment 2025", 3, "PDF")
    assert paper.original_size == len(data) and paper.original_name == "assessment.pdf"
    assert paper.supplement == 0
    assert paper.pdf.open("rb").read() == data
    assert "“Assessment 2025” added to item 5. Strategic assessment: 3 pages." in (
        response.content.decode()
    )


def test_a_word_document_becomes_a_pdf_with_its_text(clerk_a_client, an_item):
    data = word_document("Reported incidents rose by 4 per cent.", "Recommendation: agree.")
    upload(clerk_a_client, an_item, "Strategy_refresh.docx", data)
    paper = Paper.objects.get(item=an_item)
    assert paper.original_format == "DOCX" and paper.title == "Strategy refresh"
    assert paper.original.open("rb").read() == data
    reader = PdfReader(paper.pdf.open("rb"))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Domestic abuse strategy refresh" in text
    assert "Reported incidents rose by 4 per cent." in text
    assert paper.page_count == len(reader.pages) >= 1


def test_a_long_word_document_runs_to_several_pages(clerk_a_client, an_item):
    data = word_document(
        *[f"Paragraph {n}. " + "Partnership working matters. " * 30 for n in range(40)]
    )
    upload(clerk_a_client, an_item, "long.docx", data)
    paper = Paper.objects.get(item=an_item)
    assert paper.page_count > 2
    pages = PdfReader(paper.pdf.open("rb")).pages
    assert "Paragraph 0." in pages[0].extract_text()
    assert "Paragraph 39." in pages[-2].extract_text() + pages[-1].extract_text()


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("minutes.pdf", b"These are not PDF bytes at all.", "is not a PDF"),
        ("setup.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "is not a PDF"),
        ("report.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, "is not a Word (.docx) document"),
        ("tool.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, "is not a PDF or Word (.docx) file"),
        ("empty.pdf", b"", "is empty"),
        ("locked.pdf", encrypted_pdf(), "is password-protected"),
        ("broken.pdf", pdf_bytes(2)[:300], "is damaged"),
        ("old.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "Save it as .docx or PDF"),
    ],
)
def test_bad_uploads_are_refused_and_save_nothing(clerk_a_client, an_item, name, data, problem):
    response = upload(clerk_a_client, an_item, name, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert f"“{name}” " in page and problem in page
    assert not Paper.objects.exists()
    assert stored_files() == []


def test_a_paper_over_the_size_limit_is_refused(clerk_a_client, an_item, settings):
    settings.SAFERBOARD_PAPER_MAX_MB = 0.01  # about 10 KB
    data = labelled_pdf("BIG", 1) + b"%" + b"x" * 20_000
    response = upload(clerk_a_client, an_item, "big.pdf", data)
    page = response.content.decode()
    assert "“big.pdf” is 2" in page and "a paper can be at most 10 KB" in page
    assert not Paper.objects.exists()
    assert stored_files() == []


def test_a_refused_replacement_removes_the_files_it_wrote(an_item, clerk_a):
    """The row and its files stand or fall together: a save refused after the new files were
    written (here, someone else changed the paper meanwhile) leaves only the old files."""
    paper = papers.paper_add(
        item=an_item, name="first.pdf", data=labelled_pdf("FIRST", 1), by=clerk_a
    )
    before = stored_files()
    with pytest.raises(StaleEditError):
        papers.paper_replace(
            paper=paper,
            name="second.docx",
            data=word_document("A newer version."),
            by=clerk_a,
            expected_version=paper.version - 1,
        )
    assert stored_files() == before
    paper.refresh_from_db()
    assert paper.original_name == "first.pdf"


def test_choosing_no_file_says_so(clerk_a_client, an_item):
    response = clerk_a_client.post(upload_url(an_item), {"title": "Nothing"})
    assert "Choose a file for the paper" in response.content.decode()


def test_viewers_cannot_upload_but_can_read_papers(viewer_a_client, clerk_a_client, an_item):
    upload(clerk_a_client, an_item, "a.pdf", labelled_pdf("READABLE", 1))
    paper = Paper.objects.get()
    assert viewer_a_client.get(upload_url(an_item)).status_code == 403
    response = viewer_a_client.get(
        reverse("meetings:paper-file", kwargs={"partnership": "haringey", "pk": paper.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
