"""Documents written in other councils' styles: title case headings, "4a" numbering, "Resolved
that", "Action:" lines and "[action: CK/EM]" markers, a markdown conversion with its noise."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack

MINUTES = """\
Safer Northtown Partnership

Minutes of the Safer Northtown Partnership Board held on Thursday 14 March 2019 at 10.00 am\
 at Town Hall, Market Square, Northtown

Present: Jane Smith (Chair), Ravi Patel, Superintendent Alan Jones and Mary O'Neill

In attendance:
Chris King, Community Safety Officer
Emma Moss, Clerk

1. Welcome and apologies
Apologies were received from Tom Brown (Sam White substituted) and Lucy Green.

1a. Declarations of interest
Cllr Ravi Patel declared a personal interest in item 4a as a trustee of Northtown Youth Trust.

2. Minutes of the last meeting
Resolved that the minutes of the meeting held on 8 November 2018 be approved.

4a. Knife crime action plan
Report of the Community Safety Manager.
The Board discussed the draft plan. [action: CK/EM]
Action: Police and Council
It was RESOLVED:
(i) that the plan be approved;
(ii) that progress be reported in June.

4b. Domestic abuse update
This item was deferred to the next meeting.

5. Date of next meeting
Tuesday 11 June at 2pm.

Page 3 of 4
"""

AGENDA_MARKDOWN = """\
# **AGENDA**

## <u>Eastford Community Safety Partnership</u>

**Monday 2nd December 2019, 6.30 pm – Room 4, Eastford House**

This page is intentionally left blank

### 1. Declarations of Interest

### 2. ASB Strategy Refresh (Pages 5 - 12)

For Decision

### 3. Crime Figures pdf icon PDF 153 KB

For Information
"""


def parse(text: str, name: str = "minutes.txt") -> dict:
    return parse_pack(read_pack(name=name, data=text.encode()), source=name)


def test_title_case_minutes_with_time_and_venue_in_the_heading():
    (minutes,) = parse(MINUTES)["meetings"]

    assert minutes["role"] == "minutes"
    assert minutes["body"] == "Safer Northtown Partnership Board"
    assert minutes["date"] == "2019-03-14"
    assert minutes["start_time"] == "10:00"
    assert minutes["venue"] == "Town Hall, Market Square, Northtown"
    assert minutes["chair"] == "Jane Smith"
    assert [p["name"] for p in minutes["present"]] == [
        "Jane Smith",
        "Ravi Patel",
        "Superintendent Alan Jones",
        "Mary O'Neill",
    ]
    assert [p["name"] for p in minutes["in_attendance"]] == ["Chris King", "Emma Moss"]
    assert minutes["in_attendance"][0]["role"] == "Community Safety Officer"


def test_sub_items_apologies_and_deferred_items():
    (minutes,) = parse(MINUTES)["meetings"]

    assert [i["number"] for i in minutes["items"]] == ["1", "1a", "2", "4a", "4b", "5"]
    assert minutes["apologies"] == [
        {"name": "Tom Brown", "substitute": "Sam White"},
        {"name": "Lucy Green", "substitute": None},
    ]
    statuses = {i["number"]: i["status"] for i in minutes["items"]}
    assert statuses["4b"] == "deferred"
    assert statuses["4a"] == "taken"


def test_resolutions_and_actions_in_other_forms():
    (minutes,) = parse(MINUTES)["meetings"]
    items = {i["number"]: i for i in minutes["items"]}

    assert items["2"]["resolutions"] == [
        "that the minutes of the meeting held on 8 November 2018 be approved."
    ]
    assert items["4a"]["resolutions"] == [
        "that the plan be approved",
        "that progress be reported in June.",
    ]
    assert items["4a"]["presenter"] == "Community Safety Manager"
    owners = [action["owners"] for action in items["4a"]["actions"]]
    assert ["CK", "EM"] in owners
    assert ["Police", "Council"] in owners


def test_next_meeting_year_is_inferred_from_the_meeting():
    (minutes,) = parse(MINUTES)["meetings"]

    assert minutes["future_meetings"] == [{"date": "2019-06-11", "time": "14:00"}]


def test_markdown_agenda_loses_its_markup_and_page_noise():
    (agenda,) = parse(AGENDA_MARKDOWN, "agenda.md")["meetings"]

    assert agenda["role"] == "agenda"
    assert agenda["body"] == "Eastford Community Safety Partnership"
    assert agenda["date"] == "2019-12-02"
    assert agenda["start_time"] == "18:30"
    assert agenda["venue"] == "Room 4, Eastford House"
    items = {i["number"]: i for i in agenda["items"]}
    assert items["2"]["title"] == "ASB Strategy Refresh"
    assert items["2"]["pages"] == [5, 12]
    assert items["2"]["decision_type"] == "decision"
    assert items["3"]["title"] == "Crime Figures"
    assert items["3"]["decision_type"] == "information"
    assert items["3"]["documents"] == [
        {"title": "Crime Figures", "format": "PDF", "size": "153 KB"}
    ]
    assert not any("*" in i["title"] or "<u>" in i["title"] for i in agenda["items"])


def test_items_written_as_item_numbers_in_title_case():
    text = "AGENDA\nSafer Southby Board\n1 May 2020, 10am\n\nItem 1: Welcome\nItem 2: Hate Crime\n"

    (agenda,) = parse(text)["meetings"]

    assert agenda["body"] == "Safer Southby Board"
    assert [(i["number"], i["title"]) for i in agenda["items"]] == [
        ("1", "Welcome"),
        ("2", "Hate Crime"),
    ]


def test_declarations_name_the_member_item_and_interest():
    (minutes,) = parse(MINUTES)["meetings"]

    assert minutes["declarations"] == [
        {
            "member": "Cllr Ravi Patel",
            "item": "4a",
            "interest": "personal interest as a trustee of Northtown Youth Trust",
        }
    ]


def test_agenda_heading_variants():
    for heading in ("AGENDA (PART 1)", "Agenda – Part A", "Order of Business", "Summons"):
        text = f"{heading}\nSafer Southby Board\n1 May 2020, 10am\n\n1. Welcome\n2. Hate Crime\n"

        (agenda,) = parse(text)["meetings"]

        assert (agenda["role"], agenda["date"], agenda["body"]) == (
            "agenda",
            "2020-05-01",
            "Safer Southby Board",
        ), heading
        assert [i["number"] for i in agenda["items"]] == ["1", "2"], heading


def test_long_titles_wrapped_onto_the_next_line_with_their_page_notes():
    text = (
        "AGENDA\nSafer Southby Board\n1 May 2020, 10am\n\n"
        "1. SERIOUS YOUTH VIOLENCE STRATEGY AND\nPARTNERSHIP RESPONSE (PAGES 3 - 12)\n"
        "2. Community Safety Partnership Plan\n2020-23 (Pages 13 - 30)\n"
        "3. HATE CRIME\nThe report sets out the figures.\n"
    )

    (agenda,) = parse(text)["meetings"]

    assert [(i["number"], i["title"], i["pages"]) for i in agenda["items"]] == [
        ("1", "SERIOUS YOUTH VIOLENCE STRATEGY AND PARTNERSHIP RESPONSE", [3, 12]),
        ("2", "Community Safety Partnership Plan 2020-23", [13, 30]),
        ("3", "HATE CRIME", None),
    ]
