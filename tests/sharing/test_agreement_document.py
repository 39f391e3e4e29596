"""The agreement's document: a PDF or Word file checked by its contents, downloaded through
a page that only the partnership's users can open."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from saferboard.meetings.packs import html_to_pdf
from tests.sharing.conftest import signed_in


def _url(name, protocol):
    return reverse(f"sharing:{name}", kwargs={"partnership": "haringey", "pk": protocol.pk})


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_pdf_is_uploaded_and_downloaded(partnership_a, protocol, manager_a, viewer_a):
    pdf = html_to_pdf("<p>Information sharing protocol</p>").write_pdf()
    upload = SimpleUploadedFile("protocol.pdf", pdf, content_type="application/pdf")

    response = signed_in(manager_a, second_factor=False).post(
        _url("agreement-document-upload", protocol), {"file": upload, "version": protocol.version}
    )
    download = signed_in(viewer_a, second_factor=False).get(_url("agreement-document", protocol))

    assert response.status_code == 302
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf
    assert download["Content-Disposition"].endswith('.pdf"')


def test_a_word_document_is_accepted(partnership_a, protocol, manager_a):
    upload = SimpleUploadedFile("protocol.docx", _docx())

    signed_in(manager_a, second_factor=False).post(
        _url("agreement-document-upload", protocol), {"file": upload, "version": protocol.version}
    )

    protocol.refresh_from_db()
    assert protocol.document.name.endswith(".docx")


def test_a_file_that_is_not_pdf_or_word_is_refused_whatever_its_name(
    partnership_a, protocol, manager_a
):
    upload = SimpleUploadedFile("protocol.pdf", b"MZ this is a program, not a PDF")

    response = signed_in(manager_a, second_factor=False).post(
        _url("agreement-document-upload", protocol), {"file": upload, "version": protocol.version}
    )

    protocol.refresh_from_db()
    assert response.status_code == 200
    assert "is not a PDF or a Word (.docx) document" in response.content.decode()
    assert not protocol.document


def test_another_partnership_cannot_download_it(partnership_a, protocol, manager_a, manager_b):
    pdf = html_to_pdf("<p>Protocol</p>").write_pdf()
    signed_in(manager_a, second_factor=False).post(
        _url("agreement-document-upload", protocol),
        {"file": SimpleUploadedFile("p.pdf", pdf), "version": protocol.version},
    )

    response = signed_in(manager_b, second_factor=False).get(_url("agreement-document", protocol))

    assert response.status_code == 404
