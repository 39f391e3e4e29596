"""The demo's year of meetings: built through the real services, so it must hang together.

One test, as building the year's papers and packs takes a while.
"""

import io

import pytest
from django.core.management import call_command
from django.test import Client
from pypdf import PdfReader

from saferboard.actions.models import Action, ActionOwner, ActionStatus, ActionUpdate
from saferboard.actions.selectors import with_due_on
from saferboard.meetings.models import Meeting, MeetingStatus, Pack, PackKind
from saferboard.meetings.selectors import meeting_agenda
from saferboard.performance.models import Indicator
from saferboard.plans.models import KeyAction


@pytest.fixture
def haringey_meetings(db):
    call_command("demo", stdout=io.StringIO(), stderr=io.StringIO())
    return Meeting.objects.filter(partnership__slug="haringey").order_by("date")


def test_demo_year_of_meetings_has_packs_attendance_minutes_and_a_meeting_in_common(
    haringey_meetings,
):
    held = [m for m in haringey_meetings if m.status != MeetingStatus.AGENDA_PUBLISHED]
    statuses = [m.status for m in held]
    # Every meeting's minutes were approved at the next, except the last one's.
    assert statuses == [MeetingStatus.MINUTES_APPROVED] * (len(held) - 1) + [
        MeetingStatus.DRAFT_MINUTES
    ]
    for earlier, later in zip(held, held[1:], strict=False):
        assert earlier.minutes_approved_at == later
        assert earlier.minutes_signed_by is not None
    # Minute numbers run on from one meeting to the next with the partnership's prefix.
    numbers = [
        int(item.minute_number.removeprefix("HSP"))
        for meeting in held
        for item in meeting_agenda(meeting=meeting)
    ]
    assert numbers == list(range(1, len(numbers) + 1))
    # One meeting is held in common with the Health and Wellbeing Board.
    in_common = [m for m in held if m.bodies.count() == 2]
    assert len(in_common) == 1
    assert "Health and Wellbeing Board" in in_common[0].body_names()
    # Attendance is recorded and the late September agenda says why it was late.
    assert all(m.attendance.exists() for m in held)
    assert any(m.late_reason for m in held)
    # The upcoming meeting is published with its forward-plan items and packs.
    upcoming = haringey_meetings.last()
    assert upcoming.status == MeetingStatus.AGENDA_PUBLISHED
    assert upcoming.items.exclude(forward_plan_entry=None).exists()

    # The public pack leaves out the exempt paper that the members' pack has.
    september = haringey_meetings.get(date__month=9)
    public = Pack.objects.get(meeting=september, kind=PackKind.PUBLIC, supplement=0)
    members = Pack.objects.get(meeting=september, kind=PackKind.RESTRICTED, supplement=0)

    def text(pack):
        with pack.file.open("rb") as handle:
            return "".join(page.extract_text() for page in PdfReader(handle).pages)

    assert members.page_count > public.page_count
    assert "Domestic homicide review" not in text(public)
    assert "Domestic homicide review" in text(members)
    # A member signs in and downloads the members' pack from the meeting's packs page.
    client = Client()
    client.post("/sign-in/", {"username": "haringey-member", "password": "saferboard-demo"})
    page = client.get(f"/p/haringey/meetings/{september.pk}/packs/")
    assert page.status_code == 200
    assert "Domestic homicide review" in page.content.decode()

    # Each held meeting's minutes raised actions, owned by people, posts, organisations and
    # bodies; owners' dated updates closed some, carried some forward, and some are overdue.
    # (The demo's assurance returns raise actions of their own, with no meeting.)
    actions = with_due_on(
        Action.objects.filter(partnership__slug="haringey", meeting__isnull=False)
    )
    assert all(3 <= actions.filter(meeting=m).count() <= 6 for m in held)
    assert all(a.agenda_item and a.reference for a in actions)
    owners = ActionOwner.objects.filter(action__in=actions)
    for kind in ("person", "post", "organisation", "body"):
        assert owners.filter(**{f"{kind}__isnull": False}).exists(), kind
    assert ActionUpdate.objects.filter(action__in=actions).count() >= len(held)
    closed = actions.filter(status=ActionStatus.COMPLETE)
    assert closed.exists() and all(a.closing_note and a.closed_on for a in closed)
    assert actions.filter(status=ActionStatus.OBSOLETE).exists()
    assert actions.filter(status=ActionStatus.CARRIED_FORWARD).exists()
    assert actions.filter(status=ActionStatus.IN_PROGRESS, due_on__lt=upcoming.date).exists()
    # "By the next meeting" from the last meeting held falls due at the upcoming one.
    assert actions.filter(meeting=held[-1], by_next_meeting=True, due_on=upcoming.date).exists()
    # The probation contributor finds their organisation's actions under "My actions".
    client = Client()
    client.post("/sign-in/", {"username": "haringey-contributor", "password": "saferboard-demo"})
    mine = client.get("/p/haringey/actions/mine/").content.decode()
    assert "knife crime awareness" in mine

    # The full demo has the performance framework and delivery plan too (test_demo_performance).
    assert Indicator.objects.filter(partnership__slug="haringey").count() >= 15
    assert KeyAction.objects.filter(partnership__slug="city-of-london").count() >= 25
