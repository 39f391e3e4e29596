"""Writes to meetings: moving a meeting through its life cycle and recording attendance."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.circulation import meeting_circulation
from saferboard.meetings.models import Attendance, AttendanceStatus, Meeting, MeetingStatus
from saferboard.meetings.notifications import meeting_notify_on_commit
from saferboard.meetings.participation import (
    meeting_attendance_seats_by_body,
    substitute_check,
)
from saferboard.registry.models import Membership, Person

S = MeetingStatus
# The only moves a meeting may make. A meeting can be cancelled until it is held.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.AGENDA_PUBLISHED, S.CANCELLED}),
    S.AGENDA_PUBLISHED: frozenset({S.HELD, S.CANCELLED}),
    S.HELD: frozenset({S.DRAFT_MINUTES}),
    S.DRAFT_MINUTES: frozenset({S.MINUTES_APPROVED}),
    S.MINUTES_APPROVED: frozenset(),
    S.CANCELLED: frozenset(),
}
# Button labels for each move, in plain words.
TRANSITION_LABELS = {
    S.AGENDA_PUBLISHED: "Publish the agenda",
    S.HELD: "Mark as held",
    S.DRAFT_MINUTES: "Start the draft minutes",
    S.CANCELLED: "Cancel the meeting",
}


def meeting_next_statuses(*, meeting: Meeting) -> list[str]:
    """The statuses `meeting` may move to next, in life-cycle order."""
    allowed = TRANSITIONS[meeting.status]
    return [status for status in S.values if status in allowed]


@transaction.atomic
def meeting_transition(
    *,
    meeting: Meeting,
    to: str,
    by: User | None,
    expected_version: int | None,
    late_reason: str = "",
    now: datetime.datetime | None = None,
) -> Meeting:
    """Move `meeting` to status `to`, refusing moves the life cycle does not allow.

    Publishing the agenda records when (`now`, default the current time); after the
    circulation deadline it must carry `late_reason`, which is recorded with it.
    """
    labels = dict(S.choices)
    if to not in labels:
        raise BusinessRuleError(f"“{to}” is not a meeting status.")
    if to not in TRANSITIONS[meeting.status]:
        current = labels[meeting.status].lower()
        if meeting.status in (S.MINUTES_APPROVED, S.CANCELLED):
            reason = f"The meeting is {current}, so its status can no longer change."
        elif to == S.CANCELLED:
            reason = "A meeting that has been held cannot be cancelled."
        else:
            reason = (
                f"A meeting whose status is “{labels[meeting.status]}” cannot move to "
                f"“{labels[to]}”."
            )
        allowed = [labels[s] for s in meeting_next_statuses(meeting=meeting)]
        if allowed:
            reason += " It can move to: " + ", ".join(f"“{a}”" for a in allowed) + "."
        raise BusinessRuleError(reason)
    if to == S.MINUTES_APPROVED and meeting.minutes_approved_at_id is None:
        raise BusinessRuleError(
            "Minutes are approved as a correct record at the body's next meeting: record the "
            "approval and the chair's signature at that meeting's “Minutes of the previous "
            "meeting” item (its Minutes tab)."
        )
    changes = {"status": to}
    if to == S.AGENDA_PUBLISHED:
        changes |= _publication(meeting=meeting, late_reason=late_reason, now=now)
    meeting = record_update(instance=meeting, by=by, expected_version=expected_version, **changes)
    if to == S.DRAFT_MINUTES:
        from saferboard.meetings.minutes import minutes_number  # minutes.py imports this module

        minutes_number(meeting=meeting, by=by)
    meeting_notify_on_commit(meeting=meeting, status=to)
    return meeting


def _publication(*, meeting: Meeting, late_reason: str, now: datetime.datetime | None) -> dict:
    """When the agenda went out and, if after the deadline, why."""
    now = now or timezone.now()
    circulation = meeting_circulation(meeting=meeting, today=timezone.localdate(now))
    reason = late_reason.strip()
    if circulation.would_be_late and not reason:
        raise BusinessRuleError(circulation.late_message, field="late_reason")
    return {
        "agenda_published_at": now,
        "late_reason": reason if circulation.would_be_late else "",
    }


@dataclass(frozen=True)
class AttendanceEntry:
    """What the clerk recorded for one seat."""

    membership: Membership
    status: str
    substitute_name: str = ""
    substitute_person: Person | None = None


def _check_entry(*, meeting: Meeting, entry: AttendanceEntry, seat_ids: set[int]) -> None:
    who = entry.membership.person or "the vacant seat"
    if entry.membership.deputy_of_id and entry.membership.pk not in seat_ids:
        raise BusinessRuleError(
            f"{who} holds a deputy seat: record them as the substitute for "
            f"{entry.membership.deputy_of.person or 'the vacant seat'}."
        )
    if entry.membership.pk not in seat_ids:
        raise BusinessRuleError(
            f"{who} did not hold a seat on this meeting's bodies on "
            f"{meeting.date:%-d %B %Y}, so their attendance cannot be recorded."
        )
    if entry.status not in AttendanceStatus.values:
        raise BusinessRuleError(f"Choose present, apologies or absent for {who}.")
    has_substitute = bool(entry.substitute_name or entry.substitute_person)
    if has_substitute and entry.status != AttendanceStatus.APOLOGIES:
        raise BusinessRuleError(
            f"A substitute came for {who}, so record {who} as having sent apologies."
        )
    if entry.substitute_name and entry.substitute_person:
        raise BusinessRuleError(
            f"Give the substitute for {who} either by name or from the list, not both."
        )
    person = entry.substitute_person
    if person is not None and person.partnership_id != meeting.partnership_id:
        raise BusinessRuleError(f"Choose a substitute for {who} from this partnership.")
    if person is not None:
        # Refuses someone from another organisation, or who holds their own seat.
        substitute_check(seat=entry.membership, person=person, on=meeting.date)


@transaction.atomic
def meeting_attendance_record(
    *, meeting: Meeting, entries: list[AttendanceEntry], by: User | None
) -> list[Attendance]:
    """Record attendance for the seats in `entries`, all or nothing.

    Every entry is checked before anything is written, so one bad row saves nothing.
    Deputy seats are not recorded: their holders come as substitutes for the member.
    """
    seat_ids = {
        seat.pk for _, seats in meeting_attendance_seats_by_body(meeting=meeting) for seat in seats
    }
    for entry in entries:
        _check_entry(meeting=meeting, entry=entry, seat_ids=seat_ids)
    existing = {row.membership_id: row for row in meeting.attendance.all()}
    saved = []
    for entry in entries:
        values = {
            "status": entry.status,
            "substitute_name": entry.substitute_name,
            "substitute_person": entry.substitute_person,
        }
        row = existing.get(entry.membership.pk)
        if row is None:
            row = record_create(
                model=Attendance,
                partnership=meeting.partnership,
                by=by,
                meeting=meeting,
                membership=entry.membership,
                **values,
            )
        elif any(getattr(row, name) != value for name, value in values.items()):
            row = record_update(instance=row, by=by, expected_version=None, **values)
        saved.append(row)
    return saved
