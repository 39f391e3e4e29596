"""Helpers for the archive web tests: a body to import into, and uploading files through the
upload page as a browser would."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import BodyFactory


def csp_board(partnership, name: str = "Community Safety Partnership"):
    return BodyFactory(partnership=partnership, name=name)


def as_upload(file: Path | tuple[str, bytes]) -> SimpleUploadedFile:
    name, data = (file.name, file.read_bytes()) if isinstance(file, Path) else file
    return SimpleUploadedFile(name, data)


def upload(client, partnership, body, *files):
    """POST the upload form with `files` (paths or (name, bytes)); returns the response."""
    return client.post(
        reverse("archive:upload", args=[partnership.slug]),
        {"body": body.pk, "files": [as_upload(file) for file in files]},
    )


def streamed(response) -> str:
    """The whole text of a streamed page (reading it runs the work behind it)."""
    return b"".join(response.streaming_content).decode()
