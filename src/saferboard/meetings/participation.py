"""Who took part in a meeting, and on what terms: attendance, substitutes, officers and
guests in attendance, attendance statistics and declarations of interest.

Reads and writes for these live together because they share one question, "who was
in the room, and could they vote?". The quorum rule itself is `registry.quorum`.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Prefetch, QuerySet

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    InAttendance,
    InterestType,
    Meeting,
    MeetingStatus,
)
from saferboard.meetings.selectors import (
    meeting_agenda,
    meeting_attendance,
    meeting_seats,
    meeting_seats_by_body,
)
from saferboard.registry.models import Body, Membership, Organisation, Person, TermsOfReference
from saferboard.registry.selectors import body_terms_of_reference_on, membership_held_on

# Statuses of a meeting that has taken place.
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.DRAFT_MINUTES, MeetingStatus.MINUTES_APPROVED)


def _day(on: datetime.date) -> str:
    return f"{on:%-d %B %Y}"


def _remove(*, instance, by: User | None, expected_version: int | None) -> None:
    """Delete `instance` unless someone saved it since `expected_version`; history keeps it."""
    model = type(instance)
    version = instance.version if expected_version is None else expected_version
    if not model.objects.filter(pk=instance.pk, version=version).exists():
        raise StaleEditError(f"This {model._meta.verbose_name}")
    if by is not None:
        instance._history_user = by
    instance.delete()


# --- substitutes ---------------------------------------------------------------------


@dataclass(frozen=True)
class SubstituteCheck:
    """What the registry says about a substitute chosen for a seat."""

    is_named_deputy: bool  # holds a deputy seat for this very seat
    organisation_known: bool  # the registry knows which organisation they represent


def substitute_check(*, seat: Membership, person: Person, on: datetime.date) -> SubstituteCheck:
    """Check a registry person as substitute for `seat` on `on`, against the registry.

    A person holding a deputy seat for `seat` is its named deputy. Otherwise a person
    who holds seats in the registry must represent the seat's organisation, and may
    not already sit on the same body in their own right. Someone without any seat is
    accepted: the registry does not know their organisation.
    """
    held = list(
        Membership.objects.filter(membership_held_on(on), person=person).select_related(
            "organisation", "body"
        )
    )
    if any(m.deputy_of_id == seat.pk for m in held):
        return SubstituteCheck(is_named_deputy=True, organisation_known=True)
    holder = seat.person or "the vacant seat"
    own_seats = [m for m in held if m.body_id == seat.body_id and m.deputy_of_id is None]
    if own_seats:
        raise BusinessRuleError(
            f"{person} cannot substitute for {holder}: they hold their own seat on "
            f"{seat.body}, and one person cannot fill two seats."
        )
    if held and all(m.organisation_id != seat.organisation_id for m in held):
        theirs = sorted({m.organisation.name for m in held})
        raise BusinessRuleError(
            f"{person} cannot substitute for {holder}: they represent "
            f"{' and '.join(theirs)}, not {seat.organisation}. A substitute must come "
            f"from the organisation whose seat they fill."
        )
    return SubstituteCheck(is_named_deputy=False, organisation_known=bool(held))


def named_deputies(*, seats: list[Membership], on: datetime.date) -> dict[int, list[Person]]:
    """The people holding a deputy seat for each of `seats` on `on` (one query)."""
    deputies: dict[int, list[Person]] = defaultdict(list)
    rows = (
        Membership.objects.filter(membership_held_on(on), deputy_of__in=seats)
        .exclude(person=None)
        .select_related("person")
        .order_by("person__family_name")
    )
    for row in rows:
        deputies[row.deputy_of_id].append(row.person)
    return deputies


# --- the attendance sheet --------------------------------------------------------------


def meeting_attendance_seats_by_body(*, meeting: Meeting) -> list[tuple[Body, list[Membership]]]:
    """The seats whose attendance is recorded, per body: every seat held on the meeting
    date except deputy seats, whose holders come as substitutes for the member."""
    return [
        (body, [seat for seat in seats if seat.deputy_of_id is None])
        for body, seats in meeting_seats_by_body(meeting=meeting)
    ]


@dataclass(frozen=True)
class SheetRow:
    seat: Membership
    record: Attendance | None
    substitute_may_vote: bool
    named_deputy: bool

    @property
    def status(self) -> str:
        return self.record.status if self.record else ""

    @property
    def substitute(self) -> str:
        return self.record.substitute if self.record else ""


@dataclass(frozen=True)
class BodySheet:
    """One body's seats at a meeting, sorted into present, apologies, absent, not recorded."""

    body: Body
    terms: TermsOfReference | None
    rows: list[SheetRow]

    def _with(self, status: str) -> list[SheetRow]:
        return [row for row in self.rows if row.status == status]

    @property
    def present(self) -> list[SheetRow]:
        return self._with(AttendanceStatus.PRESENT)

    @property
    def apologies(self) -> list[SheetRow]:
        return self._with(AttendanceStatus.APOLOGIES)

    @property
    def absent(self) -> list[SheetRow]:
        return self._with(AttendanceStatus.ABSENT)

    @property
    def not_recorded(self) -> list[SheetRow]:
        return self._with("")


def meeting_attendance_sheet(*, meeting: Meeting) -> list[BodySheet]:
    """For each of the meeting's bodies, who was present, sent apologies (and who came
    instead, and whether they could vote) or was absent."""
    records = {row.membership_id: row for row in meeting_attendance(meeting=meeting)}
    seats_by_body = meeting_attendance_seats_by_body(meeting=meeting)
    deputies = named_deputies(
        seats=[seat for _, seats in seats_by_body for seat in seats], on=meeting.date
    )
    sheets = []
    for body, seats in seats_by_body:
        terms = body_terms_of_reference_on(body=body, on=meeting.date)
        rows = []
        for seat in seats:
            record = records.get(seat.pk)
            substitute = record.substitute_person if record else None
            rows.append(
                SheetRow(
                    seat=seat,
                    record=record,
                    substitute_may_vote=(terms.substitutes_may_vote if terms else True)
                    and seat.is_voting,
                    named_deputy=substitute is not None
                    and any(p.pk == substitute.pk for p in deputies.get(seat.pk, [])),
                )
            )
        sheets.append(BodySheet(body=body, terms=terms, rows=rows))
    return sheets


# --- officers and guests in attendance ----------------------------------------------------


def meeting_in_attendance(*, meeting: Meeting) -> QuerySet[InAttendance]:
    return meeting.in_attendance.select_related("person").order_by("kind", "pk")


@transaction.atomic
def in_attendance_add(
    *,
    meeting: Meeting,
    kind: str,
    person: Person | None = None,
    name: str = "",
    organisation: str = "",
    role: str = "",
    by: User | None,
) -> InAttendance:
    """Record an officer or guest as in attendance: a registry person, or a name."""
    name = name.strip()
    if person is None and not name:
        raise BusinessRuleError(
            "Give the person's name or choose them from the list.", field="name"
        )
    if person is not None and name:
        raise BusinessRuleError(
            "Give the person's name or choose them from the list, not both.", field="name"
        )
    if person is not None and person.partnership_id != meeting.partnership_id:
        raise BusinessRuleError("Choose a person of this partnership.", field="person")
    duplicate = meeting.in_attendance.filter(person=person) if person else None
    if duplicate is not None and duplicate.exists():
        raise BusinessRuleError(f"{person} is already listed as in attendance.", field="person")
    return record_create(
        model=InAttendance,
        partnership=meeting.partnership,
        by=by,
        meeting=meeting,
        kind=kind,
        person=person,
        name=name,
        organisation=organisation.strip(),
        role=role.strip(),
    )


@transaction.atomic
def in_attendance_remove(
    *, in_attendance: InAttendance, by: User | None, expected_version: int | None
) -> None:
    _remove(instance=in_attendance, by=by, expected_version=expected_version)


# --- declarations of interest -----------------------------------------------------------


def meeting_declarations(*, meeting: Meeting) -> list[Declaration]:
    """The meeting's declarations, in agenda order, then by member."""
    order = {item.pk: index for index, item in enumerate(meeting_agenda(meeting=meeting))}
    rows = Declaration.objects.filter(item__meeting=meeting).select_related(
        "item", "membership__person", "membership__organisation", "membership__body"
    )
    return sorted(
        rows,
        key=lambda d: (
            order.get(d.item_id, len(order)),
            d.membership.person.family_name if d.membership.person else "",
            d.pk,
        ),
    )


def declaration_members(*, meeting: Meeting) -> list[Membership]:
    """The seats whose holders may declare an interest at `meeting`: held on its date on
    one of its bodies, by a person (not vacant)."""
    return [seat for seat in meeting_seats(meeting=meeting) if seat.person_id]


def _check_declaration(*, meeting: Meeting, item: AgendaItem, membership: Membership) -> None:
    if item.meeting_id != meeting.pk:
        raise BusinessRuleError(
            f"“{item.title}” is not an item of this meeting: choose one of its items.",
            field="item",
        )
    if membership.pk not in {seat.pk for seat in declaration_members(meeting=meeting)}:
        who = membership.person or "A vacant seat"
        raise BusinessRuleError(
            f"{who} did not hold a seat on this meeting's bodies on {_day(meeting.date)}, "
            "so cannot declare an interest at it.",
            field="membership",
        )


def _check_nature(nature: str) -> str:
    nature = nature.strip()
    if not nature:
        raise BusinessRuleError(
            "Describe the nature of the interest, as it will appear in the minutes.",
            field="nature",
        )
    return nature


@transaction.atomic
def declaration_create(
    *,
    meeting: Meeting,
    item: AgendaItem,
    membership: Membership,
    interest_type: str,
    nature: str,
    by: User | None,
) -> Declaration:
    _check_declaration(meeting=meeting, item=item, membership=membership)
    if Declaration.objects.filter(item=item, membership=membership).exists():
        raise BusinessRuleError(
            f"{membership.person} has already declared an interest in “{item.title}”: "
            "change that declaration instead.",
            field="membership",
        )
    return record_create(
        model=Declaration,
        partnership=meeting.partnership,
        by=by,
        item=item,
        membership=membership,
        interest_type=interest_type,
        nature=_check_nature(nature),
    )


@transaction.atomic
def declaration_update(
    *,
    declaration: Declaration,
    item: AgendaItem,
    membership: Membership,
    interest_type: str,
    nature: str,
    by: User | None,
    expected_version: int | None,
) -> Declaration:
    meeting = declaration.item.meeting
    _check_declaration(meeting=meeting, item=item, membership=membership)
    clash = Declaration.objects.filter(item=item, membership=membership).exclude(pk=declaration.pk)
    if clash.exists():
        raise BusinessRuleError(
            f"{membership.person} has already declared an interest in “{item.title}”.",
            field="membership",
        )
    return record_update(
        instance=declaration,
        by=by,
        expected_version=expected_version,
        item=item,
        membership=membership,
        interest_type=interest_type,
        nature=_check_nature(nature),
    )


@transaction.atomic
def declaration_remove(
    *, declaration: Declaration, by: User | None, expected_version: int | None
) -> None:
    _remove(instance=declaration, by=by, expected_version=expected_version)


# What the minutes say a member did, by type of interest.
_INTEREST_CONSEQUENCE = {
    InterestType.PERSONAL: "remained in the meeting",
    InterestType.PREJUDICIAL: "took no part in the discussion or vote",
    InterestType.PECUNIARY: "took no part in the discussion or vote",
}


def declaration_minute_line(declaration: Declaration) -> str:
    """One sentence for the minutes, e.g. "Cllr Ann Smith declared a prejudicial interest
    (is a trustee of …) and took no part in the discussion or vote."."""
    who = declaration.membership.person or "The holder of a vacant seat"
    kind = declaration.get_interest_type_display().lower()
    article = "an" if kind[0] in "aeiou" else "a"
    nature = declaration.nature.strip().rstrip(".").strip()
    consequence = _INTEREST_CONSEQUENCE[declaration.interest_type]
    return f"{who} declared {article} {kind} interest ({nature}) and {consequence}."


def declarations_in_minute_order() -> QuerySet[Declaration]:
    """Declarations in the order the minutes list them: by the member's family name."""
    return Declaration.objects.select_related("membership__person").order_by(
        "membership__person__family_name", "pk"
    )


def declaration_minute_lines(*, item: AgendaItem) -> list[str]:
    """The sentences the minutes of `item` carry about interests declared in it."""
    declarations = declarations_in_minute_order().filter(item=item)
    return [declaration_minute_line(d) for d in declarations]


# --- attendance statistics and the absence limit -----------------------------------------


@dataclass
class Tally:
    """How often one person or organisation came, over the meetings they were expected at."""

    expected: int = 0
    present: int = 0
    substituted: int = 0  # sent apologies and someone came instead
    apologies: int = 0  # sent apologies and nobody came
    absent: int = 0  # absent, or not recorded at a meeting whose attendance was recorded

    def add(self, *, status: str, substituted: bool) -> None:
        self.expected += 1
        if status == AttendanceStatus.PRESENT:
            self.present += 1
        elif status == AttendanceStatus.APOLOGIES and substituted:
            self.substituted += 1
        elif status == AttendanceStatus.APOLOGIES:
            self.apologies += 1
        else:
            self.absent += 1

    def _percent(self, count: int) -> int | None:
        return round(100 * count / self.expected) if self.expected else None

    @property
    def present_percent(self) -> int | None:
        return self._percent(self.present)

    @property
    def represented(self) -> int:
        return self.present + self.substituted

    @property
    def represented_percent(self) -> int | None:
        return self._percent(self.represented)


@dataclass
class PersonAttendance:
    person: Person
    organisations: list[str]
    tally: Tally


@dataclass
class OrganisationAttendance:
    """An organisation is represented at a meeting if any of its seats had the member or
    a substitute there. `missed` is its latest run of unrepresented meetings, newest first."""

    organisation: Organisation
    expected: int = 0  # meetings at which it held at least one seat
    represented: int = 0
    missed: list[Meeting] = field(default_factory=list)
    flagged: bool = False

    @property
    def represented_percent(self) -> int | None:
        return round(100 * self.represented / self.expected) if self.expected else None

    @property
    def unrepresented(self) -> int:
        return self.expected - self.represented


@dataclass(frozen=True)
class BodyAttendance:
    body: Body
    meetings: list[Meeting]  # held, with attendance recorded, newest first
    unrecorded: list[Meeting]  # held, but no attendance recorded: left out of the figures
    people: list[PersonAttendance]
    organisations: list[OrganisationAttendance]
    terms: TermsOfReference | None

    @property
    def absence_limit(self) -> int | None:
        return self.terms.absence_limit if self.terms else None

    @property
    def flagged(self) -> list[OrganisationAttendance]:
        return [row for row in self.organisations if row.flagged]


def body_attendance_statistics(*, body: Body) -> BodyAttendance:
    """Attendance per person and per organisation over `body`'s held meetings, and the
    organisations past the terms of reference's absence limit.

    The absence limit comes from the terms of reference in force at the latest held
    meeting. A fixed handful of queries, however many meetings the body has had.
    """
    held = list(
        body.meetings.filter(status__in=HELD_STATUSES)
        .order_by("-date", "-start_time")
        .prefetch_related(Prefetch("bodies", queryset=Body.objects.order_by("name")))
    )
    seats = list(
        Membership.objects.filter(body=body, deputy_of__isnull=True).select_related(
            "person", "organisation"
        )
    )
    records = defaultdict(dict)  # meeting id -> membership id -> Attendance
    rows = Attendance.objects.filter(meeting__in=[m.pk for m in held], membership__body=body).only(
        "meeting_id", "membership_id", "status", "substitute_name", "substitute_person_id"
    )
    for row in rows:
        records[row.meeting_id][row.membership_id] = row
    meetings = [m for m in held if records.get(m.pk)]
    terms = body_terms_of_reference_on(body=body, on=meetings[0].date) if meetings else None

    people: dict[int, PersonAttendance] = {}
    organisations: dict[int, OrganisationAttendance] = {}
    for meeting in meetings:  # newest first, so each run of missed meetings ends now
        on = meeting.date
        represented: dict[int, bool] = {}
        for seat in seats:
            if seat.start_date > on or (seat.end_date is not None and seat.end_date < on):
                continue
            record = records[meeting.pk].get(seat.pk)
            status = record.status if record else AttendanceStatus.ABSENT
            substituted = status == AttendanceStatus.APOLOGIES and bool(
                record.substitute_name or record.substitute_person_id
            )
            if seat.person_id:
                row = people.setdefault(seat.person_id, PersonAttendance(seat.person, [], Tally()))
                if seat.organisation.name not in row.organisations:
                    row.organisations.append(seat.organisation.name)
                row.tally.add(status=status, substituted=substituted)
            organisations.setdefault(
                seat.organisation_id, OrganisationAttendance(seat.organisation)
            )
            came = status == AttendanceStatus.PRESENT or substituted
            represented[seat.organisation_id] = represented.get(seat.organisation_id) or came
        for organisation_id, was_represented in represented.items():
            row = organisations[organisation_id]
            # The run is still open if every later meeting it held a seat at was missed.
            run_open = row.expected == len(row.missed)
            row.expected += 1
            if was_represented:
                row.represented += 1
            elif run_open:
                row.missed.append(meeting)
    for row in organisations.values():
        row.flagged = terms is not None and len(row.missed) >= terms.absence_limit

    return BodyAttendance(
        body=body,
        meetings=meetings,
        unrecorded=[m for m in held if not records.get(m.pk)],
        people=sorted(people.values(), key=lambda r: (r.person.family_name, r.person.given_name)),
        organisations=sorted(organisations.values(), key=lambda r: r.organisation.name),
        terms=terms,
    )
