"""Word minutes whose items are an automatically numbered list: the numbers Word draws are not
in the text, so the reader puts them back from numbering.xml (and bullets as "- ")."""

import io
import zipfile

import docx

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack


def numbered_minutes() -> bytes:
    word = docx.Document()
    word.add_paragraph("Minutes of the Safer Town Board held on 3 May 2023")
    word.add_paragraph("Present: Ann Lee (Chair), Bob Hale")
    word.add_paragraph("Apologies", style="List Number")
    word.add_paragraph("Apologies were received from Cath Moss.")
    word.add_paragraph("Knife Crime", style="List Number")
    word.add_paragraph("The board discussed the plan.", style="List Bullet")
    word.add_paragraph("RESOLVED: That the plan be approved.")
    word.add_paragraph("Date of Next Meeting", style="List Number")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_numbered_paragraphs_get_their_numbers_back():
    lines = read_pack(name="minutes.docx", data=numbered_minutes())

    assert "1. Apologies" in lines
    assert "2. Knife Crime" in lines
    assert "- The board discussed the plan." in lines
    assert "3. Date of Next Meeting" in lines
    (minutes,) = parse_pack(lines, source="minutes.docx")["meetings"]
    assert [(i["number"], i["title"]) for i in minutes["items"]] == [
        ("1", "Apologies"),
        ("2", "Knife Crime"),
        ("3", "Date of Next Meeting"),
    ]
    assert minutes["items"][1]["resolutions"] == ["That the plan be approved."]


def test_a_damaged_numbering_part_leaves_the_text_readable():
    source = zipfile.ZipFile(io.BytesIO(numbered_minutes()))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, b"<not xml" if name == "word/numbering.xml" else data)

    lines = read_pack(name="minutes.docx", data=damaged.getvalue())

    assert "Apologies" in lines
    assert "Knife Crime" in lines
