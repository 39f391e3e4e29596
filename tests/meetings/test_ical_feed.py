"""A body's iCalendar feed: public meetings only, London times, cancelled ones marked."""

import datetime

import icalendar
import pytest
from django.test import Client

from saferboard.meetings.models import MeetingStatus, SecurityMarking
from tests.factories import AgendaItemFactory, MeetingFactory

S = MeetingStatus


@pytest.fixture
def publishing(partnership_a):
    partnership_a.publishes_public_pages = True
    partnership_a.save()
    return partnership_a


def feed(partnership, body) -> tuple:
    response = Client().get(f"/public/{partnership.slug}/bodies/{body.pk}/calendar.ics")
    return response, icalendar.Calendar.from_ical(response.content)


def test_the_feed_has_one_event_per_public_meeting(publishing, the_board):
    summer = MeetingFactory(
        partnership=publishing,
        bodies=[the_board],
        title="Summer sitting",
        date=datetime.date(2025, 7, 10),
        start_time=datetime.time(14, 0),
        end_time=datetime.time(16, 30),
        venue="Civic Centre",
        status=S.AGENDA_PUBLISHED,
    )
    MeetingFactory(
        partnership=publishing,
        bodies=[the_board],
        title="Winter sitting",
        date=datetime.date(2025, 12, 4),
        status=S.CANCELLED,
    )
    MeetingFactory(partnership=publishing, bodies=[the_board], title="Unpublished draft")

    response, calendar = feed(publishing, the_board)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert set(events) == {"Summer sitting, 10 July 2025", "Winter sitting, 4 December 2025"}
    summer_event = events["Summer sitting, 10 July 2025"]
    start, end = summer_event.decoded("dtstart"), summer_event.decoded("dtend")
    assert (start.hour, start.minute, end.hour, end.minute) == (14, 0, 16, 30)
    assert str(start.tzinfo) == "Europe/London"
    # British Summer Time: 14:00 in London is 13:00 UTC.
    assert start.astimezone(datetime.UTC).hour == 13
    assert str(summer_event["location"]) == "Civic Centre"
    assert str(summer_event["url"]).endswith(f"/public/{publishing.slug}/meetings/{summer.pk}/")
    assert str(summer_event["status"]) == "CONFIRMED"
    assert str(events["Winter sitting, 4 December 2025"]["status"]) == "CANCELLED"
    assert calendar.walk("VTIMEZONE"), "the feed names the Europe/London time zone"


def test_uids_stay_the_same_when_a_meeting_changes(publishing, the_board):
    meeting = MeetingFactory(partnership=publishing, bodies=[the_board], status=S.HELD)
    _, before = feed(publishing, the_board)
    meeting.venue = "Town Hall"
    meeting.save()

    _, after = feed(publishing, the_board)

    uid_before = [str(e["uid"]) for e in before.walk("VEVENT")]
    uid_after = [str(e["uid"]) for e in after.walk("VEVENT")]
    assert uid_before == uid_after == [f"meeting-{meeting.pk}@{publishing.slug}.saferboard"]
    assert str(after.walk("VEVENT")[0]["location"]) == "Town Hall"


def test_exempt_and_sensitive_titles_never_reach_the_feed(publishing, the_board):
    meeting = MeetingFactory(partnership=publishing, bodies=[the_board], status=S.AGENDA_PUBLISHED)
    AgendaItemFactory(partnership=publishing, meeting=meeting, number=1, title="Budget report")
    AgendaItemFactory(
        partnership=publishing,
        meeting=meeting,
        number=2,
        title="Secret landlord prosecution",
        is_exempt=True,
        exempt_paragraph=3,
    )
    AgendaItemFactory(
        partnership=publishing,
        meeting=meeting,
        number=3,
        title="Hidden gang mapping",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
    )

    _, calendar = feed(publishing, the_board)
    # Every property, unfolded: a long line folded in the raw feed could hide a match.
    text = "\n".join(str(value) for event in calendar.walk("VEVENT") for value in event.values())
    description = str(calendar.walk("VEVENT")[0]["description"])
    address = f"/public/{publishing.slug}/meetings/{meeting.pk}/"

    assert description.endswith(address)
    for secret in ("Secret landlord", "Hidden gang"):
        assert secret not in text


def test_the_feed_of_a_partnership_that_does_not_publish_is_404(partnership_a, the_board):
    MeetingFactory(partnership=partnership_a, bodies=[the_board], status=S.AGENDA_PUBLISHED)

    response = Client().get(f"/public/{partnership_a.slug}/bodies/{the_board.pk}/calendar.ics")

    assert response.status_code == 404
