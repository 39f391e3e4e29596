"""Documents on a bid: checked by their contents within 10 MB, listed on the bid's
Documents tab and downloaded only by those who see the bid."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from docx import Document
from PIL import Image

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import bids
from saferboard.funding.models import BidDocument, Stage
from tests.factories import labelled_pdf


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Item", "Cost"])
    book.active.append(["Youth worker", 18000])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("Our constitution.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("budget.pdf", lambda: labelled_pdf("Budget")),
        ("budget.xlsx", _xlsx),
        ("rules.docx", _docx),
        ("logo.png", _png),
    ],
)
def test_real_documents_are_accepted_and_stored(ready_bid, manager_a, name, make):
    bid = ready_bid()
    data = make()
    document = bids.bid_document_add(
        bid=bid, kind="other", title="", name=name, data=data, by=manager_a
    )
    assert document.file_name == name and document.size == len(data)
    with document.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("budget.pdf", b"not a pdf at all", "is not a PDF"),
        ("budget.xlsx", b"PK\x03\x04 broken", "is not a Excel (.xlsx) file"),
        ("rules.docx", _xlsx(), "is not a Word (.docx) file"),
        ("logo.png", b"GIF89a....", "is not the image its name says"),
        ("run.exe", b"MZ", "is not a PDF, Word (.docx), Excel (.xlsx), PNG or JPEG file"),
        ("empty.pdf", b"", "is empty"),
    ],
)
def test_files_whose_contents_are_not_what_they_say_are_refused(
    ready_bid, manager_a, name, data, words
):
    with pytest.raises(BusinessRuleError, match=words.replace("(", r"\(").replace(")", r"\)")):
        bids.bid_document_add(
            bid=ready_bid(), kind="other", title="", name=name, data=data, by=manager_a
        )
    assert not BidDocument.objects.exists()


def test_a_file_over_10_mb_is_refused(ready_bid, manager_a):
    data = labelled_pdf("Big") + b"\n%" + b"x" * (10 * 1024 * 1024)
    with pytest.raises(BusinessRuleError, match="at most 10.0 MB"):
        bids.bid_document_add(
            bid=ready_bid(), kind="other", title="", name="big.pdf", data=data, by=manager_a
        )


def test_the_applicant_uploads_on_the_documents_tab_and_downloads_it(
    ready_bid, applicant, make_contributor
):
    bid = ready_bid()
    client = Client()
    client.force_login(make_contributor(applicant))
    url = reverse("funding:bid-documents", kwargs={"partnership": "haringey", "pk": bid.pk})
    data = labelled_pdf("Accounts")
    response = client.post(
        url,
        {
            "kind": "accounts",
            "title": "Accounts 2019/20",
            "file": SimpleUploadedFile("accounts.pdf", data, "application/pdf"),
        },
    )
    assert response.status_code == 302
    document = bid.documents.get()
    page = client.get(url).content.decode()
    assert "Accounts 2019/20" in page
    download = client.get(
        reverse("funding:bid-document-file", kwargs={"partnership": "haringey", "pk": document.pk})
    )
    assert download["Content-Type"] == "application/pdf"
    assert "accounts.pdf" in download["Content-Disposition"]
    assert b"".join(download.streaming_content) == data


def test_a_refused_upload_says_why_on_the_page(ready_bid, manager_a_client):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    url = reverse("funding:bid-documents", kwargs={"partnership": "haringey", "pk": bid.pk})
    response = manager_a_client.post(
        url,
        {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", b"<html>", "application/pdf")},
    )
    assert response.status_code == 200
    assert "“budget.pdf” is not a PDF" in response.content.decode()
    assert not bid.documents.exists()
