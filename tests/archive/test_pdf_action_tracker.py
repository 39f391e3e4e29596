"""Tables in PDFs, whose columns the plain text layer loses: an action tracker made with
WeasyPrint and broken across a page is read from the layout text, one row per action (the row
split by the page break joined), and a minutes table keeps its "Action by" column."""

import io

from pypdf import PdfReader

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.meetings.packs import html_to_pdf
from tests.archive.test_readers_read_each_format import check, minutes_html

ROWS = 18


def tracker_pdf(count: int = ROWS) -> bytes:
    rows = "".join(
        f"<tr><td>{n}</td><td>{n} March 2020</td><td>Item {n} Topic number {n}</td>"
        f"<td>Share the hotspot maps with ward councillors and the police safer neighbourhood "
        f"teams for area {n}</td>"
        f"<td>Community Safety Manager / Head of Corporate Strategy and Performance</td>"
        f"<td>{'Ongoing' if n % 2 else 'Complete'}</td>"
        f"<td>Maps drafted; sharing agreed with the teams in area {n}</td></tr>"
        for n in range(1, count + 1)
    )
    html = f"""<html><head><style>
      @page {{ size: A4 landscape; margin: 1.5cm }}
      td, th {{ border: 1px solid #000; vertical-align: top; font-size: 10pt }}
      table {{ border-collapse: collapse }}
    </style></head><body>
    <h1>Safer Westbury Partnership</h1>
    <p>Action tracker: outstanding actions at 12 March 2020</p>
    <table><thead><tr><th>No.</th><th>Date raised</th><th>Item</th><th>Action</th>
    <th>Owner</th><th>Status</th><th>Update</th></tr></thead><tbody>{rows}</tbody></table>
    </body></html>"""
    return html_to_pdf(html).write_pdf()


def test_tracker_rows_come_out_once_each_across_the_page_break():
    pdf = tracker_pdf()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    broken = [n for n in range(1, ROWS + 1) if f"Item {n} Topic" in pages[0]][-1]
    assert len(pages) == 2 and f"area {broken}" in pages[1]  # the fixture breaks a row

    log = parse_pack(read_pack(name="tracker.pdf", data=pdf), source="tracker.pdf")["action_log"]

    assert [row["number"] for row in log] == [str(n) for n in range(1, ROWS + 1)]
    for n, row in enumerate(log, start=1):
        assert row == {
            "number": str(n),
            "raised": f"2020-03-{n:02d}",
            "reference": f"Item {n} Topic number {n}",
            "action": "Share the hotspot maps with ward councillors and the police safer "
            f"neighbourhood teams for area {n}",
            "owners": ["Community Safety Manager", "Head of Corporate Strategy and Performance"],
            "status": "ongoing" if n % 2 else "complete",
            "update": f"Maps drafted; sharing agreed with the teams in area {n}",
        }


def test_minutes_table_in_a_pdf_keeps_its_action_by_column():
    pdf = html_to_pdf(minutes_html()).write_pdf()

    check(parse_pack(read_pack(name="minutes.pdf", data=pdf), source="minutes.pdf"))


def test_pages_without_a_table_read_as_before():
    pdf = html_to_pdf(
        "<h1>Minutes of the Safer Westbury Partnership held on 5 March 2019</h1>"
        "<p>1. APOLOGIES</p><p>Apologies were received from Cath Moss.</p>"
        "<p>Action: the clerk to write to absent members.</p>"
    ).write_pdf()

    lines = read_pack(name="minutes.pdf", data=pdf)

    assert "Apologies were received from Cath Moss." in lines
    assert not any("\t" in line for line in lines)


def test_a_tracker_over_many_pages_keeps_its_repeated_header():
    log = parse_pack(read_pack(name="t.pdf", data=tracker_pdf(45)), source="t.pdf")["action_log"]

    assert [row["number"] for row in log] == [str(n) for n in range(1, 46)]
    owners = ["Community Safety Manager", "Head of Corporate Strategy and Performance"]
    assert all(row["owners"] == owners for row in log)
