"""Who attended an imported meeting, and what they declared: seats get `Attendance` rows,
everyone else is in attendance, declarations land on the seat and item they name
(docs/archive.md, "Committing an import")."""

import re

from saferboard.archive.commit_run import CommitRun, squash, text_key
from saferboard.archive.matching import normal_name
from saferboard.meetings.models import (
    Attendance,
    AttendanceStatus,
    Declaration,
    InAttendance,
    InterestType,
    Meeting,
)
from saferboard.registry.models import Membership
from saferboard.registry.selectors import membership_held_on


def _interest_type(text: str) -> str:
    lower = text.lower()
    if "pecuniary" in lower:
        return InterestType.PECUNIARY
    if "prejudicial" in lower:
        return InterestType.PREJUDICIAL
    return InterestType.PERSONAL


def attendance(run: CommitRun, meeting: Meeting, found: dict, label: str) -> None:
    """Present and apologising members with a seat on the body that day get an `Attendance`
    row on it; apologies from anyone else are skipped; everyone else present or in
    attendance is recorded as in attendance, unless they were a seat's substitute."""
    seats = {}
    for seat in Membership.objects.filter(
        membership_held_on(meeting.date), body=run.body, person__isnull=False
    ).order_by("pk"):
        seats.setdefault(seat.person_id, seat)
    rows = {row.membership_id: row for row in meeting.attendance.all()}
    others = list(meeting.in_attendance.all())
    substitutes = set()

    def seat_of(name: str):
        person = run.persons.get(squash(name))
        return person, (seats.get(person.pk) if person else None)

    def attend(seat, status: str, **fields) -> None:
        key = f"{meeting.pk}:{seat.pk}"
        if seat.pk in rows:
            run.note(rows[seat.pk], key=key, created=False)
            return
        rows[seat.pk] = run.create(
            Attendance, key=key, meeting=meeting, membership=seat, status=status, **fields
        )

    for apology in found.get("apologies") or []:
        name, substitute = squash(apology.get("name")), squash(apology.get("substitute"))
        person, seat = seat_of(name)
        if seat is None:
            why = (
                "is not in the registry"
                if person is None
                else f"has no seat on {run.body} that day"
            )
            run.skipped.append(f"{label}: apologies from {name} not recorded: {name} {why}.")
            continue
        stand_in = run.persons.get(substitute) if substitute else None
        attend(
            seat,
            AttendanceStatus.APOLOGIES,
            substitute_person=stand_in,
            substitute_name="" if stand_in else substitute[:200],
        )
        if substitute:
            substitutes.add(normal_name(substitute))
        if stand_in:
            substitutes.add(stand_in.pk)
    for list_name in ("present", "in_attendance"):
        for entry in found.get(list_name) or []:
            name = squash(entry.get("name"))
            person, seat = seat_of(name)
            if not name or _stood_in(name, person, substitutes):
                continue
            if seat is not None and list_name == "present":
                attend(seat, AttendanceStatus.PRESENT)
                continue
            _in_attendance(run, meeting, others, person=person, entry=entry, name=name)


def _stood_in(name: str, person, substitutes: set) -> bool:
    """Already recorded as a substitute on a seat ("Des Fahy" for "Des Fahy attended")."""
    if person is not None and person.pk in substitutes:
        return True
    written = normal_name(name)
    return any(
        isinstance(sub, str) and sub and (written == sub or written.startswith(f"{sub} "))
        for sub in substitutes
    )


def _in_attendance(
    run: CommitRun, meeting, others: list, *, person, entry: dict, name: str
) -> None:
    key = f"{meeting.pk}:{text_key(name)}"
    for other in others:
        if (person is not None and other.person_id == person.pk) or text_key(
            other.name
        ) == text_key(name):
            run.note(other, key=key, created=False)
            return
    others.append(
        run.create(
            InAttendance,
            key=key,
            meeting=meeting,
            person=person,
            name="" if person else name[:200],
            role=squash(entry.get("role"))[:200],
            organisation=squash(entry.get("organisation"))[:200],
        )
    )


def declarations(run: CommitRun, meeting, found: dict, items: dict, label: str) -> None:
    """A declaration by a member with a seat that day, on the item it names (else the
    "Declarations of interest" item); others are skipped with the reason."""
    for declaration in found.get("declarations") or []:
        member = squash(declaration.get("member"))
        person = run.persons.get(member)
        seat = (
            Membership.objects.filter(
                membership_held_on(meeting.date), body=run.body, person=person
            ).first()
            if person
            else None
        )
        written = squash(declaration.get("item"))
        number = re.search(r"[A-Za-z]*\d+[a-z]?", written)
        item = items.get(text_key(number[0])) if number else None
        item = item or next(
            (i for i in meeting.items.all() if "declaration" in i.title.lower()), None
        )
        if seat is None or item is None:
            if item is None:
                why = "it names no item of the meeting"
            elif person is None:
                why = f"{member} is not in the registry"
            else:
                why = f"{member} has no seat on {run.body} that day"
            run.skipped.append(f"{label}: the declaration by {member} not recorded: {why}.")
            continue
        key = f"{item.pk}:{seat.pk}"
        existing = Declaration.objects.filter(item=item, membership=seat).first()
        if existing:
            run.note(existing, key=key, created=False)
            continue
        interest = squash(declaration.get("interest")) or "Declared at the meeting."
        run.create(
            Declaration,
            key=key,
            item=item,
            membership=seat,
            interest_type=_interest_type(interest),
            nature=interest,
        )
