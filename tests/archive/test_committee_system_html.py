"""An "Agenda and minutes" page from a committee system: number and title in separate cells,
"Minutes:" blocks, attachment links with sizes, a body named before the date."""

from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from tests.archive.conftest import FIXTURES, item

PAGE = FIXTURES / "committee-system-agenda-and-minutes.html"


def test_agenda_and_minutes_page():
    document = parse_pack(read_pack(name=PAGE.name, data=PAGE.read_bytes()), source=PAGE.name)
    (found,) = document["meetings"]

    assert found["role"] == "agenda_and_minutes"
    assert found["body"] == "Community Safety Partnership"
    assert found["date"] == "2019-11-07"
    assert found["start_time"] == "14:00"
    assert found["venue"] == "Committee Room 1, Town Hall, Upper Street, N1 2UD"
    assert [(i["number"], i["title"]) for i in found["items"]] == [
        ("1", "Apologies for Absence"),
        ("2", "Declarations of Interest"),
        ("3", "Violence Reduction Plan"),
        ("4", "Date of next meeting"),
    ]
    assert found["apologies"] == [
        {"name": "Cllr Ward", "substitute": None},
        {"name": "Supt Black", "substitute": "Inspector Grey"},
    ]
    plan = item(found, "3")
    assert plan["presenter"] == "Director of Community Safety"
    assert plan["documents"] == [
        {"title": "Violence Reduction Plan", "format": "PDF", "size": "153 KB"}
    ]
    assert plan["resolutions"] == [
        "That the plan be agreed.",
        "That an update come to the March meeting.",
    ]
    assert plan["actions"] == [
        {
            "text": "That an update come to the March meeting.",
            "owners": ["Head of Community Safety"],
            "due": None,
        }
    ]
    assert found["future_meetings"] == [{"date": "2020-02-13", "time": "14:00"}]
