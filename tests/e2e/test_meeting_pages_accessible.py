"""axe-core finds no WCAG 2.2 AA failures on the meeting pages and the public meeting pages."""

import datetime

import pytest
from playwright.sync_api import expect

from saferboard.meetings.models import AttendanceStatus, InterestType, MeetingStatus
from saferboard.registry.models import BodyRole, Sector
from tests.factories import (
    AgendaItemFactory,
    AgendaSectionFactory,
    AttendanceFactory,
    BodyFactory,
    DeclarationFactory,
    MeetingFactory,
    MembershipFactory,
    OrganisationFactory,
    PackFactory,
    PaperFactory,
    PersonFactory,
    ResolutionFactory,
    TermsOfReferenceFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def a_held_meeting(partnership_a):
    """A meeting in draft minutes: agenda with an exempt item, papers, a pack, attendance,
    a declaration and a resolution, in a partnership that publishes."""
    partnership_a.publishes_public_pages = True
    partnership_a.save()
    board = BodyFactory(partnership=partnership_a, name="Safer Haringey Board")
    TermsOfReferenceFactory(partnership=partnership_a, body=board, quorum_sectors=[Sector.POLICE])
    seats = [
        MembershipFactory(
            partnership=partnership_a,
            body=board,
            organisation=OrganisationFactory(partnership=partnership_a, sector=sector),
            person=PersonFactory(partnership=partnership_a),
            role=role,
            start_date=datetime.date(2024, 4, 1),
        )
        for sector, role in ((Sector.LOCAL_AUTHORITY, BodyRole.CHAIR), (Sector.POLICE, "member"))
    ]
    meeting = MeetingFactory(
        partnership=partnership_a,
        bodies=[board],
        date=datetime.date(2025, 6, 12),
        status=MeetingStatus.DRAFT_MINUTES,
    )
    section = AgendaSectionFactory(partnership=partnership_a, meeting=meeting)
    item = AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, section=section, number=1, minute_number="1"
    )
    AgendaItemFactory(
        partnership=partnership_a,
        meeting=meeting,
        section=section,
        number=2,
        is_exempt=True,
        exempt_paragraph=1,
    )
    PaperFactory(partnership=partnership_a, item=item)
    PackFactory(partnership=partnership_a, meeting=meeting)
    for seat in seats:
        AttendanceFactory(
            partnership=partnership_a,
            meeting=meeting,
            membership=seat,
            status=AttendanceStatus.PRESENT,
        )
    DeclarationFactory(
        partnership=partnership_a,
        item=item,
        membership=seats[1],
        interest_type=InterestType.PERSONAL,
    )
    ResolutionFactory(partnership=partnership_a, item=item)
    return meeting


@pytest.mark.parametrize(
    "address",
    [
        "",
        "agenda/",
        "packs/",
        "attendance/summary/",
        "attendance/",
        "declarations/",
        "declarations/add/",
        "minutes/",
    ],
)
def test_a_meeting_page_is_accessible(
    address, page, sign_in, clerk_a, a_held_meeting, assert_accessible
):
    sign_in(clerk_a)
    page.goto(f"/p/haringey/meetings/{a_held_meeting.pk}/{address}")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_accessible()


def test_the_minute_form_is_accessible(page, sign_in, clerk_a, a_held_meeting, assert_accessible):
    sign_in(clerk_a)
    item = a_held_meeting.items.get(number=1)
    page.goto(f"/p/haringey/meetings/items/{item.pk}/minute/")
    expect(page.get_by_role("button", name="Save the minute")).to_be_visible()

    assert_accessible()


@pytest.mark.parametrize("which", ["meeting", "body", "decisions"])
def test_a_public_page_is_accessible(which, page, a_held_meeting, assert_accessible):
    body = a_held_meeting.bodies.get()
    address = {
        "meeting": f"/public/haringey/meetings/{a_held_meeting.pk}/",
        "body": f"/public/haringey/bodies/{body.pk}/",
        "decisions": f"/public/haringey/bodies/{body.pk}/decisions/",
    }[which]
    page.goto(address)
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    assert_accessible()
