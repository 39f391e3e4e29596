"""Committing the 2018 seed pack: the agenda of 25 July 2018 and the minutes of the
26 February 2018 meeting held with the Health and Wellbeing Board, with apologies whose
substitutes the clerk confirmed."""

import datetime

import pytest

from saferboard.archive.commit import import_commit
from saferboard.meetings.models import AttendanceStatus, Meeting, MeetingStatus
from tests.archive.conftest import PACK_2018
from tests.archive.test_commit_seed_pack_2012 import import_file_of
from tests.factories import BodyFactory, MembershipFactory, PersonFactory

SUBSTITUTE = "Des Fahy Detective Chief Superintendent"


@pytest.fixture
def committed(partnership_a, manager_a):
    csp = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    people = {}
    for given, family in (("Claire", "Kober"), ("Helen", "Millichap"), ("Sharon", "Grant")):
        people[family] = PersonFactory(
            partnership=partnership_a, given_name=given, family_name=family
        )
        MembershipFactory(
            partnership=partnership_a,
            body=csp,
            person=people[family],
            start_date=datetime.date(2017, 4, 1),
        )
    people["Fahy"] = PersonFactory(partnership=partnership_a, given_name="Des", family_name="Fahy")
    import_file = import_file_of(PACK_2018, body=csp, by=manager_a)
    report = import_commit(
        import_file=import_file,
        people={SUBSTITUTE: people["Fahy"].pk, f"{SUBSTITUTE} attended": people["Fahy"].pk},
        by=manager_a,
        version=import_file.version,
    )
    return csp, people, report


def test_the_agenda_of_july_is_a_meeting_with_seventeen_items(committed):
    csp, _, _ = committed
    july = Meeting.objects.get(bodies=csp, date=datetime.date(2018, 7, 25))

    assert july.start_time == datetime.time(14, 0)
    assert july.venue == "Civic Centre, High Road, Wood Green, N22 8LE"
    assert july.status == MeetingStatus.HELD
    assert july.items.count() == 17
    assert july.items.get(number=9).title == "COMMUNITY SAFETY STRATEGY DEVELOPMENTS"


def test_the_february_minutes_record_the_chair_seats_and_the_confirmed_substitute(committed):
    csp, people, report = committed
    february = Meeting.objects.get(bodies=csp, date=datetime.date(2018, 2, 26))

    # "Councillor Claire Kober" matched exactly, titles aside, without being confirmed.
    assert february.chair == people["Kober"]
    rows = {row.membership.person: row for row in february.attendance.all()}
    assert rows[people["Kober"]].status == AttendanceStatus.PRESENT
    apology = rows[people["Millichap"]]
    assert (apology.status, apology.substitute_person) == (
        AttendanceStatus.APOLOGIES,
        people["Fahy"],
    )
    # The substitute is on Helen Millichap's seat, so not in attendance as well.
    assert not february.in_attendance.filter(person=people["Fahy"]).exists()
    assert not february.in_attendance.filter(name__startswith="Des Fahy").exists()
    assert february.in_attendance.filter(name="Tim Miller").exists()
    # Headed as the Health and Wellbeing Board: recorded for the chosen body, with a note.
    assert any("Health and Wellbeing Board" in note for note in report["notes"])
