"""When a meeting's papers must go out, and whether they went out in time.

The terms of reference say papers are circulated N working days before the
meeting; weekends and England's bank holidays do not count (core.calendar).
The first body's (by name) terms of reference in force on the meeting date
govern, as they do for quorum.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from saferboard.core.calendar import working_days_before
from saferboard.meetings.models import Meeting
from saferboard.meetings.selectors import meeting_bodies
from saferboard.registry.models import TermsOfReference
from saferboard.registry.selectors import body_terms_of_reference_on


def meeting_circulation_terms(*, meeting: Meeting) -> TermsOfReference | None:
    bodies = meeting_bodies(meeting=meeting)
    return body_terms_of_reference_on(body=bodies[0], on=meeting.date) if bodies else None


def circulation_deadline(
    *, meeting: Meeting, terms: TermsOfReference | None = None
) -> datetime.date | None:
    """The last day the papers may go out, or None if no terms of reference apply."""
    terms = terms or meeting_circulation_terms(meeting=meeting)
    if terms is None:
        return None
    return working_days_before(meeting.date, terms.circulation_working_days)


def deadline_label(deadline: datetime.date) -> str:
    return f"{deadline:%A %-d %B %Y}"


@dataclass(frozen=True)
class Circulation:
    """The circulation verdict shown on the meeting page."""

    deadline: datetime.date | None
    working_days: int | None
    published_at: datetime.datetime | None
    late_reason: str
    would_be_late: bool  # publishing today would be late

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def published_on(self) -> datetime.date | None:
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def was_late(self) -> bool:
        return bool(self.published_at and self.deadline and self.published_on > self.deadline)

    @property
    def deadline_label(self) -> str:
        return deadline_label(self.deadline) if self.deadline else ""

    @property
    def late_message(self) -> str:
        """What a late publish is refused with until it carries a reason."""
        days = self.working_days
        return (
            f"The papers are late: the terms of reference ask for them {days} working "
            f"day{'s' if days != 1 else ''} before the meeting, by {self.deadline_label}. "
            "Give the reason they are late."
        )

    @property
    def verdict(self) -> str:
        """ "Published on time" or "Published late (reason)"; empty until published."""
        if not self.is_published:
            return ""
        if self.was_late:
            return f"Published late ({self.late_reason})"
        return "Published on time"


def meeting_circulation(*, meeting: Meeting, today: datetime.date | None = None) -> Circulation:
    """The deadline and, once published, whether the agenda went out in time.

    `today` (default: today's date in London) decides whether publishing now would be late.
    """
    terms = meeting_circulation_terms(meeting=meeting)
    deadline = circulation_deadline(meeting=meeting, terms=terms)
    today = today or timezone.localdate()
    return Circulation(
        deadline=deadline,
        working_days=terms.circulation_working_days if terms else None,
        published_at=meeting.agenda_published_at,
        late_reason=meeting.late_reason,
        would_be_late=deadline is not None and today > deadline,
    )
