"""The circulation verdict for the meeting page's status section."""

from django import template

from saferboard.meetings.circulation import Circulation, meeting_circulation

register = template.Library()


@register.simple_tag
def circulation_of(meeting) -> Circulation:
    """{% circulation_of meeting as circulation %}: the deadline and on-time verdict."""
    return meeting_circulation(meeting=meeting)
