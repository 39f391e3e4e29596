"""Other councils' layouts, each a small document written for these tests (fixtures/PROVENANCE.md):
a ModernGov "Agenda and minutes" page, a county council's upper-case minutes with "RESOLVED –"
and "(substitute: …)", a county PDF with "Minute No." and "ACTION BY" columns that wrap, a Word
minutes with a resolutions table, and a markdown action tracker. Expectations written by hand."""

import io
from pathlib import Path

import docx

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.meetings.packs import html_to_pdf

FIXTURES = Path(__file__).parent / "fixtures"


def parse(name: str, data: bytes | None = None) -> dict:
    data = (FIXTURES / name).read_bytes() if data is None else data
    return parse_pack(read_pack(name=name, data=data), source=name)


def by_number(meeting: dict) -> dict:
    return {item["number"]: item for item in meeting["items"]}


def test_moderngov_agenda_and_minutes_page():
    (meeting,) = parse("moderngov-agenda-and-minutes.html")["meetings"]
    items = by_number(meeting)

    assert meeting["role"] == "agenda_and_minutes"
    assert meeting["body"] == "Safer Stockbridge Partnership Board"
    assert (meeting["date"], meeting["start_time"]) == ("2023-03-14", "18:30")
    assert meeting["venue"] == "Council Chamber, Stockbridge Town Hall, SK1 3XE"
    assert meeting["apologies"] == [
        {"name": "Councillor Grace Obi", "substitute": "Councillor Tom Reed"},
        {"name": "Inspector Mike Dunn", "substitute": None},
    ]
    assert meeting["declarations"] == [
        {
            "member": "Councillor Tom Reed",
            "item": "4",
            "interest": "personal interest as a board member of Stockbridge Homes",
        }
    ]
    assert list(items) == ["1", "2", "3", "4", "5", "6"]
    assert items["3"]["title"] == "Minutes of the Previous Meeting"
    assert items["3"]["documents"] == [
        {"title": "Minutes of the Previous Meeting", "format": "PDF", "size": "245 KB"}
    ]
    strategy = items["4"]
    assert strategy["presenter"] == "Head of Community Safety"
    assert strategy["minutes_text"].startswith("The Head of Community Safety introduced")
    assert "Report of" not in strategy["minutes_text"]  # the agenda's words, not the minute
    assert strategy["resolutions"] == [
        "That the draft strategy be approved for consultation.",
        "That the final strategy be brought back in June.",
    ]
    assert strategy["actions"] == [
        {
            "text": "That the final strategy be brought back in June.",
            "owners": ["Head of Community Safety", "Policy and Performance Officer"],
            "due": None,
        }
    ]
    assert [d["size"] for d in strategy["documents"]] == ["1 MB", "2 MB"]
    assert items["5"]["status"] == "withdrawn"
    assert meeting["future_meetings"] == [
        {"date": "2023-06-13", "time": "18:30"},
        {"date": "2023-09-12", "time": "18:30"},
    ]
    assert items["6"]["minutes_text"] == "13 June and 12 September 2023 at 6.30 pm."


def test_upper_case_county_minutes_with_dashes_and_substitutes():
    (meeting,) = parse("county-minutes-upper-case.txt")["meetings"]
    items = by_number(meeting)

    assert meeting["body"] == "Safer Northshire Partnership Board"
    assert meeting["venue"] == "COUNTY HALL, MARKET STREET, NORTHTON"
    assert (meeting["date"], meeting["start_time"]) == ("2023-03-08", "10:00")
    assert meeting["chair"] == "Councillor P Harris"
    assert meeting["present"][2] == {
        "name": "Chief Superintendent R Evans",
        "role": None,
        "organisation": "Northshire Police",
    }
    assert meeting["in_attendance"][0] == {
        "name": "Mrs K Wright",
        "role": "Community Safety Manager",
        "organisation": None,
    }
    assert meeting["apologies"] == [
        {"name": "Councillor M Price", "substitute": "Councillor A Bell"},
        {"name": "Superintendent G Ford", "substitute": "Inspector H Lane"},
        {"name": "Ms S Cole", "substitute": None},
    ]
    assert items["4"]["resolutions"] == [
        "That the strategic needs assessment be endorsed.",
        "That the response strategy be published by 31 January 2024.",
    ]
    assert items["4"]["actions"][0]["owners"] == ["Community Safety Manager"]
    assert items["5"]["status"] == "deferred"
    assert meeting["future_meetings"] == [{"date": "2023-06-14", "time": "10:00"}]


def test_county_pdf_with_minute_numbers_and_a_wrapping_action_by_column():
    pdf = html_to_pdf((FIXTURES / "county-minutes-action-by.html").read_text()).write_pdf()

    (meeting,) = parse("county-minutes.pdf", pdf)["meetings"]
    items = by_number(meeting)

    assert meeting["body"] == "Westshire Community Safety Partnership"
    assert (meeting["date"], meeting["venue"]) == ("2022-09-22", "Shire Hall, Westbury")
    assert [p["name"] for p in meeting["present"]] == [
        "Cllr Ann Lee",
        "Supt Bob Hale",
        "Cath Moss",
        "Dev Rao",
    ]
    assert meeting["in_attendance"] == [
        {"name": "Ellen Ross", "role": "Community Safety Officer", "organisation": None}
    ]
    assert list(items) == ["31", "32", "33", "34"]
    assert items["33"]["actions"] == [
        {
            "text": "Officers to extend the safe haven pilot to the two market towns.",
            "owners": ["Community Safety Manager"],
            "due": None,
        },
        {"text": "Police to share licensing data.", "owners": ["BH", "ER"], "due": None},
    ]
    assert items["33"]["resolutions"] == ["That the report be noted."]


def word_minutes() -> bytes:
    word = docx.Document()
    word.add_paragraph("Westbrook Community Safety Partnership")
    word.add_paragraph("Minutes of the meeting held on Thursday 20 April 2023 at 2pm")
    word.add_paragraph("Present: Cllr Ian Ford (Chair), Jo Hart, Sam Reid and Priya Das")
    rows = [
        ("Item", "Discussion", "Resolution", "Action by"),
        ("1", "Apologies", "Apologies were received from Tom Kerr (substitute: Priya Das).", ""),
        (
            "2",
            "Burglary Reduction Plan",
            "RESOLVED: That the plan be approved.",
            "JH / SR",
        ),
        ("", "The partnership asked for a target.", "NOTED the target of 5%.", ""),
        ("3", "Date of Next Meeting", "20 July at 2pm.", ""),
    ]
    table = word.add_table(rows=len(rows), cols=4)
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_word_minutes_with_a_resolutions_table():
    (meeting,) = parse("minutes.docx", word_minutes())["meetings"]
    items = by_number(meeting)

    assert meeting["body"] == "Westbrook Community Safety Partnership"
    assert (meeting["date"], meeting["start_time"]) == ("2023-04-20", "14:00")
    assert meeting["chair"] == "Cllr Ian Ford"
    assert meeting["apologies"] == [{"name": "Tom Kerr", "substitute": "Priya Das"}]
    assert [(i["number"], i["title"]) for i in meeting["items"]] == [
        ("1", "Apologies"),
        ("2", "Burglary Reduction Plan"),
        ("3", "Date of Next Meeting"),
    ]
    assert items["2"]["resolutions"] == [
        "That the plan be approved.",
        "NOTED the target of 5%.",
    ]
    assert items["2"]["actions"] == [
        {"text": "RESOLVED: That the plan be approved.", "owners": ["JH", "SR"], "due": None}
    ]
    assert meeting["future_meetings"] == [{"date": "2023-07-20", "time": "14:00"}]


def test_markdown_action_tracker():
    document = parse("markdown-action-tracker.md")

    assert document["meetings"] == []
    assert document["action_log"] == [
        {
            "number": "SEP/23/01",
            "raised": "2023-02-14",
            "reference": "Item 4 Knife crime",
            "action": "Map knife crime hotspots for the summer plan",
            "owners": ["Police", "Council"],
            "status": "complete",
            "update": "Maps shared on 1 March",
        },
        {
            "number": "SEP/23/02",
            "raised": "2023-02-14",
            "reference": "Item 6 ASB",
            "action": "Review the CCTV contract and report the savings to the board",
            "owners": ["Head of ASB"],
            "status": "ongoing",
            "update": "Tender in progress Savings of 5% expected",
        },
        {
            "number": "SEP/23/03",
            "raised": "2023-05-09",
            "reference": "Item 3 Prevent",
            "action": "Circulate the Prevent training offer",
            "owners": ["Prevent Co-ordinator"],
            "status": "complete",
            "update": "Sent 12 May",
        },
        {
            "number": "SEP/23/04",
            "raised": "2023-05-09",
            "reference": "Item 5 Hate crime",
            "action": "Bring the third-party reporting review",
            "owners": ["Community Safety Manager", "Victim Support"],
            "status": "carried_forward",
            "update": "To the September meeting",
        },
    ]


def test_printed_agenda_with_its_front_page_before_the_agenda_heading():
    (agenda,) = parse("moderngov-printed-agenda.txt")["meetings"]

    assert agenda["role"] == "agenda"
    assert agenda["body"] == "Safer Stronger Communities Board"
    assert (agenda["date"], agenda["start_time"]) == ("2023-01-12", "10:00")
    assert agenda["venue"] == "Committee Room 2, County Hall, Lewes"
    assert agenda["members"] == [
        {"name": "Jane Smith", "role": "Chair", "organisation": None},
        {"name": "Adam Brown", "role": "Vice-Chair", "organisation": None},
        {"name": "Carol Dean", "role": None, "organisation": None},
        {"name": "Faisal Khan", "role": None, "organisation": None},
        {"name": "Superintendent Gary Hope", "role": None, "organisation": "Sussex Police"},
    ]
    assert [(i["number"], i["title"], i["pages"]) for i in agenda["items"]] == [
        ("1", "Apologies for absence", None),
        ("2", "Declarations of interest", None),
        ("3", "Minutes of the previous meeting", [1, 6]),
        ("4", "Community Safety Partnership Plan 2023-24", [7, 20]),
        ("5", "Domestic Abuse Strategy update", [21, 34]),
        ("6", "Work programme", [35, 38]),
        ("7", "Date of next meeting", None),
    ]
    assert agenda["items"][3]["presenter"] == "Assistant Director, Communities"
    assert agenda["future_meetings"] == [{"date": "2023-04-13", "time": "10:00"}]
