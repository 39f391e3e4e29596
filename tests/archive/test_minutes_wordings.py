"""Minutes in other councils' wordings: apologies in the heading block, a present list grouped
by "Councillors:" and organisation, "ACTION: JS to …" with a due date, minute numbers such as
"45/23", a page note on the line under an item, "The Board RESOLVED that …", "DECISION:",
24-hour times and numeric dates."""

from pathlib import Path

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack

MINUTES = """\
Minutes of the Safer Ravensby Board held on 07.02.2023 at 14:00 at Ravensby Civic Centre

Present:
Councillors: Ann Shaw (Chair), Ben Ford
Ravensby Police: Insp Dave Hill, PC Amy Lowe
Jo Black (Community Safety Manager)

Apologies: Cllr Raj Mehta (Cllr Ben Ford substituted), Kim Day

44/23 Minutes of the Last Meeting
(Pages 1 - 6)
The Board RESOLVED that the minutes of 8 November 2022 be approved.

45/23 Violence Against Women and Girls Strategy
The Board discussed the draft.
DECISION: To adopt the strategy.
ACTION: JB to circulate the final strategy by 1 March
ACTION: Police and Probation to agree the data sharing protocol by 31/05/2023

46/23 Date of Next Meeting
2023-05-09 at 14:00.

Signed by Chair
"""


def parse() -> dict:
    (meeting,) = parse_pack(read_pack(name="m.txt", data=MINUTES.encode()), source="m.txt")[
        "meetings"
    ]
    return meeting


def test_heading_with_a_numeric_date_and_a_24_hour_time():
    meeting = parse()

    assert (meeting["date"], meeting["start_time"]) == ("2023-02-07", "14:00")
    assert meeting["venue"] == "Ravensby Civic Centre"
    assert meeting["body"] == "Safer Ravensby Board"


def test_present_list_grouped_by_councillors_and_organisation():
    meeting = parse()

    assert meeting["present"] == [
        {"name": "Ann Shaw", "role": "Chair", "organisation": None},
        {"name": "Ben Ford", "role": None, "organisation": None},
        {"name": "Insp Dave Hill", "role": None, "organisation": "Ravensby Police"},
        {"name": "PC Amy Lowe", "role": None, "organisation": "Ravensby Police"},
        {"name": "Jo Black", "role": "Community Safety Manager", "organisation": None},
    ]
    assert meeting["chair"] == "Ann Shaw"


def test_apologies_in_the_heading_block():
    meeting = parse()

    assert meeting["apologies"] == [
        {"name": "Cllr Raj Mehta", "substitute": "Cllr Ben Ford"},
        {"name": "Kim Day", "substitute": None},
    ]


def test_minute_numbers_with_the_year_and_a_page_note_under_the_title():
    meeting = parse()

    assert [(i["number"], i["title"], i["pages"]) for i in meeting["items"]] == [
        ("44/23", "Minutes of the Last Meeting", [1, 6]),
        ("45/23", "Violence Against Women and Girls Strategy", None),
        ("46/23", "Date of Next Meeting", None),
    ]
    assert meeting["future_meetings"] == [{"date": "2023-05-09", "time": "14:00"}]


def test_resolutions_and_actions_with_owners_and_due_dates():
    first, vawg, _ = parse()["items"]

    assert first["resolutions"] == ["that the minutes of 8 November 2022 be approved."]
    assert vawg["resolutions"] == ["To adopt the strategy."]
    assert vawg["actions"] == [
        {
            "text": "JB to circulate the final strategy by 1 March",
            "owners": ["JB"],
            "due": "2023-03-01",
        },
        {
            "text": "Police and Probation to agree the data sharing protocol by 31/05/2023",
            "owners": ["Police", "Probation"],
            "due": "2023-05-31",
        },
    ]


SEMICOLONS = """\
MINUTES of a meeting of the Safer Kingsford Partnership held in the Council Chamber, Guildhall,\
 Kingsford on Monday 5 June 2023 at 6.00 pm

Present: Councillor Mary Jones (Chair); Councillors Ahmed, Brown and Carter; Chief Inspector\
 Sam Lee (Kingsford Police)

Also present: Zoe Hart (Community Safety Officer) and Lee Ng

Presentation by the Youth Service
1. Apologies for absence
There were none.
"""


def test_councillors_listed_under_one_title_and_also_present():
    document = parse_pack(read_pack(name="m.txt", data=SEMICOLONS.encode()), source="m.txt")
    (meeting,) = document["meetings"]

    assert meeting["venue"] == "Council Chamber, Guildhall, Kingsford"
    assert (meeting["date"], meeting["start_time"]) == ("2023-06-05", "18:00")
    assert meeting["present"] == [
        {"name": "Councillor Mary Jones", "role": "Chair", "organisation": None},
        {"name": "Ahmed", "role": None, "organisation": None},
        {"name": "Brown", "role": None, "organisation": None},
        {"name": "Carter", "role": None, "organisation": None},
        {"name": "Chief Inspector Sam Lee", "role": None, "organisation": "Kingsford Police"},
    ]
    assert meeting["in_attendance"] == [
        {"name": "Zoe Hart", "role": "Community Safety Officer", "organisation": None},
        {"name": "Lee Ng", "role": None, "organisation": None},
    ]
    assert meeting["apologies"] == []


def test_lead_officer_lines_for_approval_and_a_responsible_column():
    text = (
        "AGENDA\nSafer Ravensby Board\nTuesday 4 July 2023, 2pm\n\n"
        "1. Youth Violence Plan\nFor approval\nLead officer: Head of Youth Services\n"
        "2. Crime Figures\nFor noting\nPresented by the Borough Commander\n"
    )
    (agenda,) = parse_pack(read_pack(name="a.txt", data=text.encode()), source="a")["meetings"]

    assert [(i["decision_type"], i["presenter"]) for i in agenda["items"]] == [
        ("decision", "Head of Youth Services"),
        ("information", "Borough Commander"),
    ]

    table = (
        "Minutes of the Safer Ravensby Board held on 4 July 2023\n\n"
        "Minute\tDiscussion\tResponsible\n1.\tYOUTH VIOLENCE PLAN\t\n"
        "\tOfficers to cost the plan.\tHead of Youth Services\n"
    )
    (minutes,) = parse_pack(read_pack(name="m.txt", data=table.encode()), source="m")["meetings"]

    assert minutes["items"][0]["actions"] == [
        {"text": "Officers to cost the plan.", "owners": ["Head of Youth Services"], "due": None}
    ]


def test_a_minutes_heading_alone_with_labelled_date_time_and_venue():
    path = Path(__file__).parent / "fixtures" / "notes-style-minutes.txt"
    document = parse_pack(read_pack(name=path.name, data=path.read_bytes()), source=path.name)
    (minutes,) = document["meetings"]

    assert minutes["role"] == "minutes"
    assert minutes["body"] == "Safer Hillborough Partnership"
    assert (minutes["date"], minutes["start_time"]) == ("2019-03-14", "10:00")
    assert minutes["venue"] == "Room 2, Hillborough House"
    assert [p["name"] for p in minutes["present"]] == ["Ann Lee", "Bob Hale", "Cath Moss"]
    # names one per line under an apologies item, with no "received from" line
    assert minutes["apologies"] == [
        {"name": "Cllr Dan Webb", "substitute": None},
        {"name": "Supt Eve Ray", "substitute": "DI Fay Cole"},
    ]
    assert minutes["items"][1]["actions"] == [
        {
            "text": "Bob Hale to share the data by 1 April",
            "owners": ["Bob Hale"],
            "due": "2019-04-01",
        }
    ]


def test_notes_of_a_meeting_start_minutes_and_prose_under_apologies_is_not_a_name():
    text = (
        "Notes of the Safer Fenwick Group meeting held on 2 February 2021\n\n"
        "1. Apologies\nThe Chair welcomed everyone to the meeting.\nJo Hart\n"
    )
    (minutes,) = parse_pack(read_pack(name="n.txt", data=text.encode()), source="n")["meetings"]

    assert (minutes["role"], minutes["date"]) == ("minutes", "2021-02-02")
    assert minutes["body"] == "Safer Fenwick Group"
    assert minutes["apologies"] == [{"name": "Jo Hart", "substitute": None}]


def test_next_meeting_named_inside_another_item():
    text = (
        "Minutes of the Safer Ravensby Board held on 4 July 2023\n\n"
        "1. Any Other Business\nThere was none.\n"
        "The next meeting will be held on 3 October at 2pm.\n"
    )
    (minutes,) = parse_pack(read_pack(name="m.txt", data=text.encode()), source="m")["meetings"]

    assert minutes["future_meetings"] == [{"date": "2023-10-03", "time": "14:00"}]
