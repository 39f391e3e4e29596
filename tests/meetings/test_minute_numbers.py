"""Minute numbers run on across a body's meetings with its prefix, in agenda order,
are given when the draft minutes start, and never change once the minutes are approved."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.minutes import minutes_number
from saferboard.meetings.models import MeetingStatus
from saferboard.meetings.services import meeting_transition
from tests.factories import AgendaItemFactory, AgendaSectionFactory, BodyFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def held_meeting(partnership, body, date, items=3):
    meeting = MeetingFactory(
        partnership=partnership, bodies=[body], date=date, status=MeetingStatus.HELD
    )
    for position in range(items):
        AgendaItemFactory(partnership=partnership, meeting=meeting, position=position)
    return meeting


def numbers(meeting):
    return [item.minute_number for item in meeting.items.order_by("position")]


def test_numbers_run_on_across_three_meetings_of_a_body_with_its_prefix(
    partnership_a, the_board, clerk_a
):
    the_board.minute_number_prefix = "CSP"
    the_board.save()
    first = held_meeting(partnership_a, the_board, datetime.date(2025, 3, 6), items=4)
    second = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=3)
    third = held_meeting(partnership_a, the_board, datetime.date(2025, 9, 18), items=2)
    # Another body's minutes do not affect this body's numbers.
    other = held_meeting(partnership_a, BodyFactory(partnership=partnership_a), first.date, 5)
    minutes_number(meeting=other, by=clerk_a)

    for meeting in (first, second, third):
        minutes_number(meeting=meeting, by=clerk_a)

    assert numbers(first) == ["CSP1", "CSP2", "CSP3", "CSP4"]
    assert numbers(second) == ["CSP5", "CSP6", "CSP7"]
    assert numbers(third) == ["CSP8", "CSP9"]
    assert numbers(other) == ["HSP1", "HSP2", "HSP3", "HSP4", "HSP5"]  # the partnership's prefix


def test_numbers_continue_from_the_highest_earlier_number(partnership_a, the_board, clerk_a):
    earlier = held_meeting(partnership_a, the_board, datetime.date(2012, 3, 1), items=2)
    items = list(earlier.items.order_by("position"))
    items[0].minute_number, items[1].minute_number = "HSP14", "HSP15"
    for item in items:
        item.save()
    meeting = held_meeting(partnership_a, the_board, datetime.date(2012, 6, 26), items=3)

    minutes_number(meeting=meeting, by=clerk_a)

    assert numbers(meeting) == ["HSP16", "HSP17", "HSP18"]


def test_numbers_follow_agenda_order_not_the_order_items_were_added(
    partnership_a, the_board, clerk_a
):
    meeting = MeetingFactory(partnership=partnership_a, bodies=[the_board])
    main = AgendaSectionFactory(partnership=partnership_a, meeting=meeting, position=2)
    standing = AgendaSectionFactory(partnership=partnership_a, meeting=meeting, position=1)
    late = AgendaItemFactory(partnership=partnership_a, meeting=meeting, section=main, position=1)
    early = AgendaItemFactory(partnership=partnership_a, meeting=meeting, section=main, position=0)
    apologies = AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, section=standing, position=5
    )

    minutes_number(meeting=meeting, by=clerk_a)

    for item in (apologies, early, late):
        item.refresh_from_db()
    assert [apologies.minute_number, early.minute_number, late.minute_number] == [
        "HSP1",
        "HSP2",
        "HSP3",
    ]


def test_plain_numbers_when_no_prefix_is_set(partnership_a, the_board, clerk_a):
    partnership_a.minute_number_prefix = ""
    partnership_a.save()
    meeting = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=2)

    minutes_number(meeting=meeting, by=clerk_a)

    assert numbers(meeting) == ["1", "2"]


def test_starting_the_draft_minutes_numbers_them(partnership_a, the_board, clerk_a):
    meeting = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=2)

    meeting_transition(
        meeting=meeting, to=MeetingStatus.DRAFT_MINUTES, by=clerk_a, expected_version=None
    )

    assert numbers(meeting) == ["HSP1", "HSP2"]


def test_the_start_button_on_the_minutes_page_numbers_them(
    partnership_a, the_board, clerk_a_client
):
    meeting = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=2)
    kwargs = {"partnership": partnership_a.slug, "pk": meeting.pk}

    response = clerk_a_client.post(
        reverse("meetings:minutes-start", kwargs=kwargs), {"version": meeting.version}
    )

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.DRAFT_MINUTES
    page = clerk_a_client.get(reverse("meetings:minutes", kwargs=kwargs)).content.decode()
    assert "HSP1. " in page and "HSP2. " in page


def test_numbers_never_change_once_the_minutes_are_approved(partnership_a, the_board, clerk_a):
    meeting = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=2)
    minutes_number(meeting=meeting, by=clerk_a)
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save()
    AgendaItemFactory(partnership=partnership_a, meeting=meeting, position=0)

    with pytest.raises(BusinessRuleError, match="can no longer change"):
        minutes_number(meeting=meeting, by=clerk_a)

    assert sorted(filter(None, numbers(meeting))) == ["HSP1", "HSP2"]


def test_renumbering_that_would_clash_with_a_later_meeting_is_refused(
    partnership_a, the_board, clerk_a
):
    first = held_meeting(partnership_a, the_board, datetime.date(2025, 3, 6), items=2)
    second = held_meeting(partnership_a, the_board, datetime.date(2025, 6, 12), items=2)
    minutes_number(meeting=first, by=clerk_a)
    minutes_number(meeting=second, by=clerk_a)
    AgendaItemFactory(partnership=partnership_a, meeting=first, position=9)

    with pytest.raises(BusinessRuleError, match="would clash with the minutes of the meeting on"):
        minutes_number(meeting=first, by=clerk_a)

    assert numbers(second) == ["HSP3", "HSP4"]
