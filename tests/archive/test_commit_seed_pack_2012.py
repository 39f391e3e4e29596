"""Committing the 2012 seed pack (the agenda of 18 October 2012 with the draft minutes of
26 June 2012) makes real meetings, items, attendance, resolutions and actions of the body."""

import datetime

import pytest

from saferboard.actions.models import Action
from saferboard.archive.commit import import_commit, kind_label
from saferboard.archive.models import ImportedRecord, ImportFile, ImportStatus
from saferboard.archive.parser import parse_pack
from saferboard.archive.readers import read_pack
from saferboard.meetings.models import (
    AttendanceStatus,
    InAttendance,
    Meeting,
    MeetingStatus,
    ResolutionKind,
)
from tests.archive.conftest import PACK_2012
from tests.factories import BodyFactory, MembershipFactory, PersonFactory


def import_file_of(path, *, body, by) -> ImportFile:
    """An ImportFile holding what the reader and parser found in `path`, waiting for review."""
    data = path.read_bytes()
    lines = read_pack(name=path.name, data=data)
    return ImportFile.objects.create(
        partnership=body.partnership,
        body=body,
        original_name=path.name,
        sha256="0" * 64,
        size=len(data),
        source_text="\n".join(lines),
        found=parse_pack(lines, source=path.name),
        uploaded_by=by,
    )


@pytest.fixture
def csp(partnership_a):
    return BodyFactory(partnership=partnership_a, name="Community Safety Partnership")


@pytest.fixture
def pmg(partnership_a):
    return BodyFactory(
        partnership=partnership_a, name="Performance Monitoring Group", short_name="PMG"
    )


def seat(body, *, given, family):
    person = PersonFactory(partnership=body.partnership, given_name=given, family_name=family)
    MembershipFactory(
        partnership=body.partnership, body=body, person=person, start_date=datetime.date(2011, 4, 1)
    )
    return person


@pytest.fixture
def people(csp, partnership_a):
    return {
        "watson": seat(csp, given="Richard", family="Watson"),
        "kowalska": seat(csp, given="Claire", family="Kowalska"),
        "mcdonnell": seat(csp, given="Stephen", family="McDonnell"),
        "newton": seat(csp, given="Martyn", family="Newton"),
        "morris": seat(csp, given="Marion", family="Morris"),
        # In the registry, but with no seat on the partnership.
        "looby": PersonFactory(partnership=partnership_a, given_name="Sandra", family_name="Looby"),
    }


@pytest.fixture
def committed(csp, pmg, people, manager_a):
    import_file = import_file_of(PACK_2012, body=csp, by=manager_a)
    report = import_commit(
        import_file=import_file,
        # The clerk confirmed Martyn Newton for a misspelling, and said the Marion Morris of
        # the minutes is not the one in the registry.
        people={"Councillor Martin Newton": people["newton"].pk, "Marion Morris": None},
        by=manager_a,
        version=import_file.version,
    )
    return import_file, report


def test_the_agenda_becomes_a_held_meeting_with_its_items(committed, csp):
    meeting = Meeting.objects.get(bodies=csp, date=datetime.date(2012, 10, 18))

    assert meeting.status == MeetingStatus.HELD
    assert meeting.start_time == datetime.time(12, 0)
    assert meeting.venue == "CIVIC CENTRE, HIGH ROAD, WOOD GREEN, N22 8LE"
    items = list(meeting.items.order_by("position"))
    assert [item.number for item in items] == list(range(1, 17))
    assert items[3].title == "MINUTES"
    assert items[15].title == "DATES OF FUTURE MEETINGS"


def test_the_minutes_become_an_approved_meeting_with_minutes(committed, csp, people):
    october = Meeting.objects.get(bodies=csp, date=datetime.date(2012, 10, 18))
    june = Meeting.objects.get(bodies=csp, date=datetime.date(2012, 6, 26))

    # Approved at the October meeting, which took the minutes as item 4.
    assert june.status == MeetingStatus.MINUTES_APPROVED
    assert june.minutes_approved_at == october
    assert june.chair == people["watson"]
    # The minutes give no time: the body's usual time (the October meeting's) is used.
    assert june.start_time == datetime.time(12, 0)
    items = {item.minute_number: item for item in june.items.all()}
    assert sorted(items, key=lambda n: int(n[3:])) == [f"HSP{n}" for n in range(16, 35)]
    assert items["HSP17"].title == "URGENT BUSINESS"
    assert items["HSP17"].minute_text == "There were no items of urgent business."
    minutes = items["HSP19"].resolutions.get()
    assert minutes.text.startswith("That the minutes of the meeting held on 1 March")
    assert minutes.kind == ResolutionKind.AGREED
    assert [(r.kind, r.text) for r in items["HSP21"].resolutions.all()] == [
        (ResolutionKind.NOTED, "to note the update.")
    ]


def test_attendance_goes_on_seats_and_everyone_else_is_in_attendance(committed, csp, people):
    june = Meeting.objects.get(bodies=csp, date=datetime.date(2012, 6, 26))
    seats = {row.membership.person: row for row in june.attendance.all()}

    assert seats[people["watson"]].status == AttendanceStatus.PRESENT
    assert seats[people["kowalska"]].status == AttendanceStatus.PRESENT
    # Confirmed by the clerk although spelt differently.
    assert seats[people["newton"]].status == AttendanceStatus.PRESENT
    apology = seats[people["mcdonnell"]]
    assert (apology.status, apology.substitute_name) == (AttendanceStatus.APOLOGIES, "Joan Hancox")
    # Said not to be the registry's Marion Morris: kept as a name, not given her seat.
    assert people["morris"] not in seats
    others = list(june.in_attendance.all())
    names = {other.name for other in others if other.name}
    assert {"Libby Blake", "Marion Morris", "Lisa Redfern"} <= names
    # Recorded as Stephen McDonnell's substitute, so not in attendance as well.
    assert "Joan Hancox" not in names
    assert [o.person for o in others if o.person] == [people["looby"]]


def test_actions_are_raised_on_the_minute_with_owners_read_from_the_text(
    committed, csp, pmg, people
):
    june = Meeting.objects.get(bodies=csp, date=datetime.date(2012, 6, 26))
    item = june.items.get(minute_number="HSP24")
    actions = list(Action.objects.filter(agenda_item=item))

    signed_off = next(a for a in actions if a.text.startswith("That the final document"))
    assert [owner.owner for owner in signed_off.owners.all()] == [pmg]
    assert signed_off.owners_to_confirm == ""
    assert signed_off.meeting == june
    assert signed_off.reference == "26.06.12 Item HSP24"
    # The same words are the minute's resolution: the action carries it out.
    assert signed_off.resolution == item.resolutions.get(text=signed_off.text)
    owned_by_claire = [
        a for a in actions if people["kowalska"] in [o.person for o in a.owners.all()]
    ]
    assert len(owned_by_claire) == 1
    # What matched no one stays written, to confirm later; nothing is dropped.
    assert all(a.owners.exists() or a.owners_to_confirm for a in actions)


def test_the_report_counts_what_was_made_and_says_what_was_skipped(committed, csp):
    import_file, report = committed
    assert kind_label("meetings.agendaitem") == "agenda items"

    assert report["created"]["meetings.meeting"] == 2
    assert report["created"]["meetings.agendaitem"] == 16 + 19
    assert report["created"]["actions.action"] == Action.objects.count()
    assert report["created"]["meetings.inattendance"] == InAttendance.objects.count()
    assert report["reused"] == {}
    assert (
        "Meeting 2 (minutes of 26 June 2012): apologies from Barbara Nicholls not recorded: "
        "Barbara Nicholls is not in the registry." in report["skipped"]
    )
    assert any("26 June 2012" in note and "12:00" in note for note in report["notes"])
    import_file.refresh_from_db()
    assert import_file.status == ImportStatus.COMMITTED
    assert import_file.report == report
    assert ImportedRecord.objects.filter(import_file=import_file, created=True).count() == sum(
        report["created"].values()
    )
    meeting_rows = ImportedRecord.objects.filter(kind="meetings.meeting").values_list("key")
    assert sorted(key for (key,) in meeting_rows) == [
        f"{csp.pk}:2012-06-26",
        f"{csp.pk}:2012-10-18",
    ]
