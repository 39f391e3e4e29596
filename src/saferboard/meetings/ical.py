"""A body's public meetings as an iCalendar feed, for visitors' calendar apps.

Built only from what the public pages show: the meeting's name, time, venue, link and public
item titles. Exempt and OFFICIAL-SENSITIVE items appear only as their withheld line.
"""

import datetime
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar

from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.meetings.public import public_agenda
from saferboard.registry.models import Body

LONDON = ZoneInfo("Europe/London")


def meeting_uid(meeting: Meeting) -> str:
    """Stable across edits, so calendar apps update the event rather than add another."""
    return f"meeting-{meeting.pk}@{meeting.partnership.slug}.saferboard"


def _description(meeting: Meeting, url: str) -> str:
    lines = []
    for row in public_agenda(meeting=meeting):
        prefix = f"{row.number}. " if row.number else ""
        lines.append(prefix + (row.withheld or row.item.title))
    if lines:
        lines = ["Agenda:", *lines, ""]
    return "\n".join([*lines, f"Agenda, papers and minutes: {url}"])


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
