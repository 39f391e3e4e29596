"""E-mails to a meeting's members when its agenda is published and when its minutes are approved.

Members are the people holding seats on the meeting's bodies on its date, and the meeting's
clerk, each with an e-mail address. The e-mail links to the meeting's page, where members
sign in to read the papers: papers are never attached, so restricted material stays behind
the sign-in. Each person gets their own e-mail, so no one sees the others' addresses.
"""

from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse

from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.meetings.selectors import meeting_seats


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def meeting_recipients(*, meeting: Meeting) -> list[Recipient]:
    """Seat holders on the meeting date, then the clerk; one entry per address."""
    people = [seat.person for seat in meeting_seats(meeting=meeting) if seat.person]
    if meeting.clerk:
        people.append(meeting.clerk)
    recipients: dict[str, Recipient] = {}
    for person in people:
        if person.email and person.email.lower() not in recipients:
            recipients[person.email.lower()] = Recipient(name=str(person), email=person.email)
    return list(recipients.values())


def meeting_url(meeting: Meeting) -> str:
    path = reverse(
        "meetings:meeting-detail",
        kwargs={"partnership": meeting.partnership.slug, "pk": meeting.pk},
    )
    return settings.SITE_URL + path


def _when_and_where(meeting: Meeting) -> str:
    time = meeting.start_label() + (f" to {meeting.end_label()}" if meeting.end_time else "")
    lines = [f"Date: {meeting.date_label()}", f"Time: {time}"]
    if meeting.venue:
        lines.append(f"Venue: {meeting.venue}")
    return "\n".join(lines)


def _clerk_line(meeting: Meeting) -> str:
    clerk = meeting.clerk
    if clerk is None:
        return "If you cannot attend, please send your apologies to the clerk."
    contact = f" ({clerk.email})" if clerk.email else ""
    return f"If you cannot attend, please send your apologies to the clerk, {clerk}{contact}."


def agenda_published_message(*, meeting: Meeting) -> tuple[str, str]:
    """Subject and text of the e-mail sent when the agenda and papers are published."""
    subject = f"Agenda published: {meeting}"
    body = "\n\n".join(
        [
            f"The agenda and papers for {meeting} have been published.",
            _when_and_where(meeting),
            f"Read the agenda and papers (you will be asked to sign in):\n{meeting_url(meeting)}",
            "The papers are not attached to this e-mail. Papers not for publication are "
            "only on the meeting's page.",
            _clerk_line(meeting),
        ]
    )
    return subject, body


def minutes_approved_message(*, meeting: Meeting) -> tuple[str, str]:
    """Subject and text of the e-mail sent when the minutes are approved."""
    subject = f"Minutes approved: {meeting}"
    approved = f"The minutes of {meeting} have been approved as a correct record"
    if meeting.minutes_approved_at:
        approved += f" at the meeting on {meeting.minutes_approved_at.date_label()}"
    if meeting.minutes_signed_by:
        approved += f" and signed by {meeting.minutes_signed_by}"
    body = "\n\n".join(
        [
            approved + ".",
            f"Read the minutes (you will be asked to sign in):\n{meeting_url(meeting)}",
        ]
    )
    return subject, body


MESSAGES = {
    MeetingStatus.AGENDA_PUBLISHED: agenda_published_message,
    MeetingStatus.MINUTES_APPROVED: minutes_approved_message,
}


def meeting_notify(*, meeting: Meeting, status: str) -> int:
    """E-mail the members about `meeting` reaching `status`; returns how many were sent.

    Only publishing the agenda and approving the minutes send anything.
    """
    if status not in MESSAGES:
        return 0
    subject, text = MESSAGES[status](meeting=meeting)
    footer = f"\n\nSent by saferboard for {meeting.partnership.name}."
    messages = [
        EmailMessage(
            subject=subject,
            body=f"Dear {recipient.name},\n\n{text}{footer}",
            to=[recipient.email],
        )
        for recipient in meeting_recipients(meeting=meeting)
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


def meeting_notify_on_commit(*, meeting: Meeting, status: str) -> None:
    """Send the e-mails only once the change is saved: a rolled-back change sends nothing.

    A failure to send does not undo the saved change (robust=True); it is logged.
    """
    if status in MESSAGES:
        transaction.on_commit(partial(meeting_notify, meeting=meeting, status=status), robust=True)
