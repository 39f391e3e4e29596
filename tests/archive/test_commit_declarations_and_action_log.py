"""Declarations land on the seat and item they name; substitutes in the registry are
linked; action-log rows become actions with their status, reference and latest update."""

import datetime

import pytest

from saferboard.actions.models import Action, ActionStatus, ActionUpdate
from saferboard.archive.commit import import_commit
from saferboard.archive.models import ImportFile
from saferboard.meetings.models import AttendanceStatus, Declaration, InterestType, MeetingStatus
from tests.factories import (
    BodyFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PostFactory,
)

DOCUMENT = {
    "schema": "saferboard.import/1",
    "source": "csp-2019-11-07.docx",
    "meetings": [
        {
            "body": "Safer Communities Partnership",
            "role": "agenda_and_minutes",
            "date": "2019-11-07",
            "start_time": "18:30",
            "venue": "Town Hall",
            "chair": "Cllr Kirby",
            "present": [{"name": "Chris Kirby", "role": "Chair", "organisation": None}],
            "apologies": [{"name": "Claire Kowalska", "substitute": "Eubert Malcolm"}],
            "declarations": [
                {
                    "member": "Chris Kirby",
                    "item": "Item 6",
                    "interest": "A prejudicial interest as a trustee of the charity",
                }
            ],
            "items": [
                {"number": "5", "title": "Declarations of interest", "minutes_text": "See below."},
                {
                    "number": "6",
                    "title": "Partnership data review",
                    "minutes_text": "The board discussed the review.",
                    "status": "taken",
                    "decision_type": "decision",
                    "resolutions": [
                        "RESOLVED that the review be approved.",
                        "To delegate to the Community Safety Manager in consultation with the "
                        "Chair the final wording.",
                    ],
                    "actions": [
                        {"text": "Publish the review", "owners": ["CK", "EM"], "due": "2019-12-01"}
                    ],
                },
            ],
        }
    ],
    "action_log": [
        {
            "number": "1",
            "raised": "2019-11-07",
            "reference": "Item 6 Partnership Data Review",
            "action": "Circulate the data review to all partners",
            "owners": ["Community Safety Manager", "MPS"],
            "status": "ongoing",
            "update": "Draft circulated on 3 December",
        },
        {
            "number": "2",
            "raised": None,
            "reference": None,
            "action": "Book the venue for the away day",
            "owners": ["CK"],
            "status": "complete",
            "update": None,
        },
        {"number": "3", "action": "", "owners": [], "status": None},
    ],
    "warnings": [],
}


@pytest.fixture
def world(partnership_a):
    board = BodyFactory(partnership=partnership_a, name="Community Safety Partnership")
    council = OrganisationFactory(partnership=partnership_a, name="Haringey Council")
    police = OrganisationFactory(
        partnership=partnership_a, name="Metropolitan Police Service", short_name="MPS"
    )
    manager_post = PostFactory(
        partnership=partnership_a, organisation=council, title="Community Safety Manager"
    )
    people = {}
    for given, family in (("Chris", "Kirby"), ("Claire", "Kowalska")):
        person = PersonFactory(partnership=partnership_a, given_name=given, family_name=family)
        people[family.lower()] = person
    seats = {
        name: MembershipFactory(
            partnership=partnership_a,
            body=board,
            person=person,
            organisation=council,
            start_date=datetime.date(2019, 1, 1),
        )
        for name, person in people.items()
    }
    malcolm = PersonFactory(partnership=partnership_a, given_name="Eubert", family_name="Malcolm")
    return {
        "board": board,
        "police": police,
        "post": manager_post,
        "seats": seats,
        "malcolm": malcolm,
        **people,
    }


@pytest.fixture
def report(world, manager_a):
    import_file = ImportFile.objects.create(
        partnership=world["board"].partnership,
        body=world["board"],
        original_name=DOCUMENT["source"],
        sha256="3" * 64,
        size=1,
        found=DOCUMENT,
        uploaded_by=manager_a,
    )
    return import_commit(
        import_file=import_file,
        people={"Cllr Kirby": world["kirby"].pk, "Eubert Malcolm": world["malcolm"].pk},
        by=manager_a,
        version=1,
    )


def test_the_meeting_its_chair_attendance_and_substitute(report, world):
    meeting = world["board"].meetings.get()
    assert meeting.status == MeetingStatus.DRAFT_MINUTES  # no later meeting approved them
    assert (meeting.start_time, meeting.venue, meeting.chair) == (
        datetime.time(18, 30),
        "Town Hall",
        world["kirby"],
    )
    rows = {row.membership.person: row for row in meeting.attendance.all()}
    assert rows[world["kirby"]].status == AttendanceStatus.PRESENT
    apology = rows[world["kowalska"]]
    assert (apology.status, apology.substitute_person) == (
        AttendanceStatus.APOLOGIES,
        world["malcolm"],
    )
    assert not meeting.in_attendance.exists()
    assert any("Safer Communities Partnership" in note for note in report["notes"])


def test_a_declaration_lands_on_the_seat_and_the_item_it_names(report, world):
    declaration = Declaration.objects.get()
    assert declaration.membership == world["seats"]["kirby"]
    assert declaration.item.title == "Partnership data review"
    assert declaration.interest_type == InterestType.PREJUDICIAL


def test_resolutions_get_their_kind_and_a_delegation_its_delegate(report, world):
    item = world["board"].meetings.get().items.get(number=6)
    assert [(r.kind, r.delegated_to) for r in item.resolutions.all()] == [
        ("approved", ""),
        ("delegated", "Community Safety Manager"),
    ]
    assert item.decision_type == "decision"


def test_a_minute_action_takes_owners_from_initials_and_keeps_ambiguous_ones(report, world):
    action = Action.objects.get(text="Publish the review")
    # EM is the substitute who attended; CK fits two members, so the clerk must choose.
    assert [o.person for o in action.owners.all()] == [world["malcolm"]]
    assert action.owners_to_confirm == "CK"
    assert action.due_date == datetime.date(2019, 12, 1)
    assert action.agenda_item.title == "Partnership data review"


def test_action_log_rows_keep_status_reference_owners_and_latest_update(report, world):
    circulate = Action.objects.get(text="Circulate the data review to all partners")
    assert circulate.status == ActionStatus.IN_PROGRESS
    assert circulate.reference == "Item 6 Partnership Data Review"
    assert circulate.meeting == world["board"].meetings.get()
    assert {o.owner for o in circulate.owners.all()} == {world["post"], world["police"]}
    update = circulate.updates.get()
    assert (update.note, update.status, update.on) == (
        "Draft circulated on 3 December",
        ActionStatus.IN_PROGRESS,
        datetime.date(2019, 11, 7),
    )

    venue = Action.objects.get(text="Book the venue for the away day")
    assert venue.status == ActionStatus.COMPLETE
    assert venue.closing_note == "Shown as complete in the imported action log."
    assert venue.closed_on == datetime.date(2019, 11, 7)
    assert venue.reference == "Action log 2"
    assert report["skipped"] == ["Action log row 3: no action text, not recorded."]


def test_committing_again_adds_no_second_update(report, world, manager_a):
    import_file = ImportFile.objects.get()
    again = import_commit(import_file=import_file, people={}, by=manager_a, version=2)

    assert again["created"] == {}
    assert ActionUpdate.objects.count() == 1
    assert Declaration.objects.count() == 1


def test_a_later_tracker_moves_an_action_on_with_a_dated_update(report, world, manager_a):
    later = ImportFile.objects.create(
        partnership=world["board"].partnership,
        body=world["board"],
        original_name="csp-2020-01-16-tracker.pdf",
        sha256="6" * 64,
        size=1,
        found={
            "schema": "saferboard.import/1",
            "meetings": [
                {"role": "agenda", "date": "2020-01-16", "start_time": "18:30", "items": []}
            ],
            "action_log": [
                {
                    "number": "1",
                    "raised": "2019-11-07",
                    "action": "Circulate the data review to all partners",
                    "owners": ["Community Safety Manager"],
                    "status": "complete",
                    "update": "Sent to every partner on 10 January",
                }
            ],
        },
        uploaded_by=manager_a,
    )

    again = import_commit(import_file=later, people={}, by=manager_a, version=1)

    circulate = Action.objects.get(text="Circulate the data review to all partners")
    assert (circulate.status, circulate.closed_on, circulate.closing_note) == (
        ActionStatus.COMPLETE,
        datetime.date(2020, 1, 16),
        "Sent to every partner on 10 January",
    )
    assert [(u.on, u.status) for u in circulate.updates.all()] == [
        (datetime.date(2020, 1, 16), ActionStatus.COMPLETE),
        (datetime.date(2019, 11, 7), ActionStatus.IN_PROGRESS),
    ]
    assert again["created"] == {"actions.actionupdate": 1, "meetings.meeting": 1}
    assert again["updated"] == {"actions.action": 1}
