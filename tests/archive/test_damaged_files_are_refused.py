"""Empty, binary, truncated or mislabelled files give one clear error and a non-zero exit."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from saferboard.meetings.packs import html_to_pdf


def real_pdf() -> bytes:
    return html_to_pdf("<h1>Agenda</h1><p>Safer Town Partnership</p>").write_pdf()


def junk_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("junk.bin", os.urandom(64))
    return buffer.getvalue()


DAMAGED = {
    "empty.txt": (b"", "is empty"),
    "garbage.txt": (b"\x00\x01\x02\xff" * 200, "binary"),
    "cut-short.pdf": (None, "PDF"),
    "junk.docx": (None, "not a Word document"),
    "not-a-zip.docx": (b"this is plain text pretending", "not a valid .docx"),
}


def damaged(name: str) -> tuple[bytes, str]:
    data, message = DAMAGED[name]
    if name == "cut-short.pdf":
        data = real_pdf()[:300]
    if name == "junk.docx":
        data = junk_zip()
    return data, message


@pytest.mark.parametrize("name", sorted(DAMAGED))
def test_damaged_file_gives_a_clear_error(tmp_path, name):
    data, message = damaged(name)
    path = tmp_path / name
    path.write_bytes(data)
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_pack", str(path), "--json", stdout=out)

    assert name in str(error.value)
    assert message in str(error.value)
    assert out.getvalue() == ""


@pytest.mark.parametrize("name", ["junk.docx", "cut-short.pdf"])
def test_damaged_file_exits_non_zero_with_one_line(tmp_path, name):
    data, message = damaged(name)
    path = tmp_path / name
    path.write_bytes(data)

    result = subprocess.run(
        [sys.executable, "-m", "saferboard.cli", "import-pack", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode != 0
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1  # pypdf's own warnings are not shown
    assert message in result.stderr


def test_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="cannot read .*nowhere.pdf"):
        call_command("import_pack", str(tmp_path / "nowhere.pdf"), "--json")
