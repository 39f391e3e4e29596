"""A body's public meetings as an iCalendar feed, for visitors' calendar apps.

Built only from the meeting itself: its name, time, venue and the address of its public page.
Agenda items are left to that page, so nothing about an exempt or OFFICIAL-SENSITIVE item can
reach a feed, and the feed costs the same few queries however many meetings it has.
"""

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar

from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.registry.models import Body

LONDON = ZoneInfo("Europe/London")


def meeting_uid(meeting: Meeting) -> str:
    """Stable across edits, so calendar apps update the event rather than add another."""
    return f"meeting-{meeting.pk}@{meeting.partnership.slug}.saferboard"


def _description(meeting: Meeting, url: str) -> str:
    if meeting.status == MeetingStatus.CANCELLED:
        return f"This meeting has been cancelled.\n{url}"
    return f"Agenda, papers, minutes and decisions: {url}"


def body_calendar_feed(
    *, body: Body, meetings: list[Meeting], meeting_url: Callable[[Meeting], str]
) -> bytes:
    """One VEVENT per meeting, in Europe/London time, cancelled ones marked CANCELLED."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//saferboard//public meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{body.name}: meetings")
    calendar.add("x-wr-timezone", "Europe/London")
    for meeting in meetings:
        url = meeting_url(meeting)
        event = icalendar.Event()
        event.add("uid", meeting_uid(meeting))
        event.add("dtstamp", meeting.updated_at.astimezone(datetime.UTC))
        event.add("summary", str(meeting))
        start = datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=LONDON)
        event.add("dtstart", start)
        if meeting.end_time:
            end = datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=LONDON)
            event.add("dtend", end)
        if meeting.venue:
            event.add("location", meeting.venue)
        event.add("url", url)
        event.add("description", _description(meeting, url))
        cancelled = meeting.status == MeetingStatus.CANCELLED
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("sequence", meeting.version)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
