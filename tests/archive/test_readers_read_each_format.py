"""The same minutes as a real PDF, Word file and committee-system HTML page read the same way:
items, table rows with an action column, and resolutions survive each reader."""

import io

import docx

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.meetings.packs import html_to_pdf

HEADING = "Minutes of the Safer Westbury Partnership held on Tuesday 5 March 2019 at 2.00 pm"


def minutes_html() -> str:
    return f"""<html><head><title>Agenda and minutes</title><style>p {{}}</style></head><body>
    <h1>{HEADING}</h1>
    <p>Present: Ann Lee (Chair), Bob Hale</p>
    <table>
      <tr><th>Minute</th><th>Subject</th><th>Action by</th></tr>
      <tr><td>1.</td><td>APOLOGIES</td><td></td></tr>
      <tr><td></td><td>Apologies were received from Cath Moss.</td><td></td></tr>
      <tr><td>2.</td><td>ANTI-SOCIAL BEHAVIOUR</td><td></td></tr>
      <tr><td></td><td>Officers to map hotspots by May.</td><td>AL/BH</td></tr>
      <tr><td></td><td>RESOLVED: That the report be noted.</td><td></td></tr>
    </table>
    <p>Signed by Chair</p>
    </body></html>"""


def check(document: dict) -> None:
    (minutes,) = document["meetings"]
    assert minutes["date"] == "2019-03-05"
    assert minutes["start_time"] == "14:00"
    assert minutes["chair"] == "Ann Lee"
    assert [(i["number"], i["title"]) for i in minutes["items"]] == [
        ("1", "APOLOGIES"),
        ("2", "ANTI-SOCIAL BEHAVIOUR"),
    ]
    assert minutes["apologies"] == [{"name": "Cath Moss", "substitute": None}]
    asb = minutes["items"][1]
    assert asb["resolutions"] == ["That the report be noted."]
    assert asb["actions"] == [
        {"text": "Officers to map hotspots by May.", "owners": ["AL", "BH"], "due": None}
    ]


def read(name: str, data: bytes) -> dict:
    return parse_pack(read_pack(name=name, data=data), source=name)


def test_html_page_of_a_committee_system():
    check(read("minutes.html", minutes_html().encode()))


def test_pdf_text_layer():
    pdf = html_to_pdf(minutes_html()).write_pdf()

    lines = read_pack(name="minutes.pdf", data=pdf)

    assert HEADING in " ".join(lines)
    document = read("minutes.pdf", pdf)
    (minutes,) = document["meetings"]
    assert minutes["date"] == "2019-03-05"
    assert [i["title"] for i in minutes["items"]] == ["APOLOGIES", "ANTI-SOCIAL BEHAVIOUR"]
    assert minutes["items"][1]["resolutions"] == ["That the report be noted."]


def test_word_document_with_a_table():
    word = docx.Document()
    word.add_paragraph(HEADING)
    word.add_paragraph("Present: Ann Lee (Chair), Bob Hale")
    rows = [
        ("Minute", "Subject", "Action by"),
        ("1.", "APOLOGIES", ""),
        ("", "Apologies were received from Cath Moss.", ""),
        ("2.", "ANTI-SOCIAL BEHAVIOUR", ""),
        ("", "Officers to map hotspots by May.", "AL/BH"),
        ("", "RESOLVED: That the report be noted.", ""),
    ]
    table = word.add_table(rows=len(rows), cols=3)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    word.add_paragraph("Signed by Chair")
    buffer = io.BytesIO()
    word.save(buffer)

    check(read("minutes.docx", buffer.getvalue()))
