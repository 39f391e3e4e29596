"""Reads of meetings, always scoped to one partnership: lists, seats, quorum, calendars.

Municipal years run from 1 May to 30 April, as councils' do: the 2025/26
municipal year is 1 May 2025 to 30 April 2026.
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, Prefetch, QuerySet

from saferboard.core.models import Partnership
from saferboard.meetings.models import (
    DISQUALIFYING_INTERESTS,
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
)
from saferboard.registry import quorum
from saferboard.registry.models import Body, Membership, TermsOfReference
from saferboard.registry.selectors import body_membership_on, body_terms_of_reference_on

MUNICIPAL_YEAR_START_MONTH = 5


def meeting_list(*, partnership: Partnership) -> QuerySet[Meeting]:
    return Meeting.objects.filter(partnership=partnership).prefetch_related(
        Prefetch("bodies", queryset=Body.objects.order_by("name"))
    )


def meeting_bodies(*, meeting: Meeting) -> list[Body]:
    """The meeting's bodies by name; the first one's terms of reference govern quorum."""
    return list(meeting.bodies.order_by("name"))


def meeting_seats_by_body(*, meeting: Meeting) -> list[tuple[Body, list[Membership]]]:
    """For each of the meeting's bodies, the seats held on the meeting date."""
    return [
        (body, list(body_membership_on(body=body, on=meeting.date)))
        for body in meeting_bodies(meeting=meeting)
    ]


def meeting_seats(*, meeting: Meeting) -> list[Membership]:
    return [seat for _, seats in meeting_seats_by_body(meeting=meeting) for seat in seats]


def meeting_attendance(*, meeting: Meeting) -> QuerySet[Attendance]:
    return meeting.attendance.select_related(
        "membership__person", "membership__organisation", "membership__body", "substitute_person"
    ).order_by("membership__body__name", "membership__role", "membership__organisation__name")


@dataclass(frozen=True)
class MeetingQuorum:
    """The quorum verdict for a meeting, or why there is none yet."""

    terms: TermsOfReference | None
    result: quorum.QuorumResult | None
    recorded: bool  # has any attendance been recorded?

    @property
    def label(self) -> str:
        if self.result is None:
            return ""
        if self.result.is_quorate:
            return "Quorate"
        return "Not quorate: " + "; ".join(self.result.missing)


def meeting_quorum(*, meeting: Meeting, records: list[Attendance] | None = None) -> MeetingQuorum:
    """Quorum by the first body's terms of reference in force on the meeting date.

    Only that body's seats count: its terms of reference say who must be present.
    `records` (unsaved rows, for a verdict on attendance not yet saved) replace the
    meeting's recorded attendance when given.
    """
    bodies = meeting_bodies(meeting=meeting)
    terms = body_terms_of_reference_on(body=bodies[0], on=meeting.date) if bodies else None
    rows = list(meeting_attendance(meeting=meeting)) if records is None else records
    if terms is None or not rows:
        return MeetingQuorum(terms=terms, result=None, recorded=bool(rows))
    present = []
    for row in rows:
        if row.membership.body_id != terms.body_id:
            continue
        if row.status == AttendanceStatus.PRESENT:
            present.append(quorum.Attendance(membership=row.membership))
        elif row.status == AttendanceStatus.APOLOGIES and row.substitute:
            present.append(
                quorum.Attendance(membership=row.membership, substitute_name=row.substitute)
            )
    result = quorum.quorum_check(terms=terms, attendance=present)
    return MeetingQuorum(terms=terms, result=result, recorded=True)


def municipal_year_of(day: datetime.date) -> int:
    """The municipal year `day` falls in, named by the year it starts (2025 for 2025/26)."""
    return day.year if day.month >= MUNICIPAL_YEAR_START_MONTH else day.year - 1


def municipal_year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(year, MUNICIPAL_YEAR_START_MONTH, 1)
    return start, datetime.date(year + 1, MUNICIPAL_YEAR_START_MONTH, 1) - datetime.timedelta(1)


def municipal_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


@dataclass(frozen=True)
class FrequencyCheck:
    municipal_year: int
    meetings: int  # held or scheduled, not cancelled
    minimum: int | None  # None when no terms of reference apply
    terms: TermsOfReference | None

    @property
    def label(self) -> str:
        return municipal_year_label(self.municipal_year)

    @property
    def is_short(self) -> bool:
        return self.minimum is not None and self.meetings < self.minimum

    @property
    def message(self) -> str:
        counted = f"{self.meetings} meeting{'s' if self.meetings != 1 else ''} held or scheduled"
        if self.minimum is None:
            return f"{self.label}: {counted}; no terms of reference set a minimum"
        if self.is_short:
            return (
                f"{self.label}: {counted}, the terms of reference ask for at least {self.minimum}"
            )
        return (
            f"{self.label}: {counted}, meeting the terms of reference's minimum of {self.minimum}"
        )


def body_meeting_frequency_check(*, body: Body, municipal_year: int) -> FrequencyCheck:
    """The terms of reference's minimum-meetings-a-year rule for one municipal year.

    Meetings count whether held or still to come; cancelled ones do not. The
    minimum is the one in the terms of reference in force at the year's end
    (so a version adopted part-way through the year applies to that year).
    """
    start, end = municipal_year_bounds(municipal_year)
    count = (
        body.meetings.filter(date__range=(start, end))
        .exclude(status=MeetingStatus.CANCELLED)
        .count()
    )
    terms = body_terms_of_reference_on(body=body, on=end)
    return FrequencyCheck(
        municipal_year=municipal_year,
        meetings=count,
        minimum=terms.min_meetings_per_year if terms else None,
        terms=terms,
    )


@dataclass(frozen=True)
class BodyCalendar:
    past: list[Meeting]
    upcoming: list[Meeting]
    checks: list[FrequencyCheck]  # newest municipal year first


def body_calendar(*, body: Body, today: datetime.date) -> BodyCalendar:
    """A body's past and future meetings and the frequency check for each municipal year
    from its first meeting to the current one (and any later year with meetings)."""
    meetings = list(
        body.meetings.order_by("date", "start_time").prefetch_related(
            Prefetch("bodies", queryset=Body.objects.order_by("name"))
        )
    )
    years = {municipal_year_of(m.date) for m in meetings} | {municipal_year_of(today)}
    years = set(range(min(years), max(years) + 1))
    return BodyCalendar(
        past=[m for m in reversed(meetings) if m.date < today],
        upcoming=[m for m in meetings if m.date >= today],
        checks=[
            body_meeting_frequency_check(body=body, municipal_year=year)
            for year in sorted(years, reverse=True)
        ],
    )


# --- agenda order and who may vote --------------------------------------------------


def meeting_agenda(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """The meeting's items in agenda order: by section, then position within it.

    Items without a section come first. Every screen, pack, minutes and feed uses this order.
    """
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("section")
        .order_by(F("section__position").asc(nulls_first=True), "section_id", "position", "pk")
    )


@dataclass(frozen=True)
class ItemVoters:
    """Who may vote on an item: voting members present (and substitutes, where the terms
    of reference allow), less anyone with a prejudicial or pecuniary interest in it."""

    voters: list[Attendance]
    excluded: list[Declaration]  # interests that removed a present voter from the count

    @property
    def count(self) -> int:
        return len(self.voters)


def item_voters(*, item: AgendaItem) -> ItemVoters:
    """As for quorum, the first body (by name) governs: at a meeting held in common, only
    its members vote on the count checked here, under its terms of reference."""
    meeting = item.meeting
    bodies = meeting_bodies(meeting=meeting)
    if not bodies:
        return ItemVoters(voters=[], excluded=[])
    terms = body_terms_of_reference_on(body=bodies[0], on=meeting.date)
    substitutes_vote = terms.substitutes_may_vote if terms else True
    disqualified = {
        d.membership_id: d
        for d in item.declarations.select_related("membership__person")
        if d.interest_type in DISQUALIFYING_INTERESTS
    }
    voters, excluded = [], []
    for row in meeting_attendance(meeting=meeting).filter(membership__body=bodies[0]):
        if not row.membership.is_voting:
            continue
        present = row.status == AttendanceStatus.PRESENT
        substituted = row.status == AttendanceStatus.APOLOGIES and bool(row.substitute)
        if not (present or (substituted and substitutes_vote)):
            continue
        if present and row.membership_id in disqualified:
            excluded.append(disqualified[row.membership_id])
            continue
        voters.append(row)
    return ItemVoters(voters=voters, excluded=excluded)
