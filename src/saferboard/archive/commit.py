"""Committing a reviewed import: the document's meetings, items, attendance,
resolutions and actions become real records of the chosen body, in one transaction,
without duplicating what an earlier import made (docs/archive.md, "Committing an import").

Records are found again by natural keys (body and date for a meeting, meeting and number or
title for an item, item and text for a resolution, meeting and text for an action), so a
second import of the same file, or the same minutes printed again in the next agenda pack,
reuses them. Every record created or reused is listed in `ImportedRecord`.
"""

import datetime
import re
from collections import Counter

from django.db import transaction
from django.utils import timezone

from saferboard.actions.models import Action, ActionStatus, ActionUpdate
from saferboard.actions.owners import OwnerMatch, OwnerPool, owner_pool, owners_from_text
from saferboard.actions.services import action_create
from saferboard.archive.matching import names_found, people_match
from saferboard.archive.models import ImportedRecord, ImportFile, ImportStatus
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    DecisionType,
    Declaration,
    InAttendance,
    InterestType,
    Meeting,
    MeetingStatus,
    Resolution,
    ResolutionKind,
)
from saferboard.registry.models import Body, Membership, Organisation, Person, Post
from saferboard.registry.selectors import membership_held_on

ROLE_LABELS = {"agenda": "agenda", "minutes": "minutes", "agenda_and_minutes": "agenda and minutes"}
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")
# A meeting whose source gives no start time, and no other hint, is recorded at midnight
# (the model needs a time); the report says so.
UNKNOWN_START = datetime.time(0, 0)
# The action log's words for a status, as the saferboard.import/1 format gives them.
LOG_STATUSES = {
    "ongoing": ActionStatus.IN_PROGRESS,
    "complete": ActionStatus.COMPLETE,
    "obsolete": ActionStatus.OBSOLETE,
    "carried_forward": ActionStatus.CARRIED_FORWARD,
}
NO_OWNER = "Not named in the source"
DELEGATE = re.compile(
    r"\bdelegated?\s+(?:authority\s+)?to\s+(?:the\s+)?(.+?)(?:\s+in consultation|\s+to\s|,|;|$)",
    re.IGNORECASE,
)


def _squash(text) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _key(text: str) -> str:
    return _squash(text).lower()


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _time(value) -> datetime.time | None:
    match = TIME.match(value or "") if isinstance(value, str) else None
    return datetime.time(int(match[1]), int(match[2])) if match else None


def _day(on: datetime.date) -> str:
    return f"{on.day} {on:%B %Y}"


def meeting_label(number: int, meeting: dict) -> str:
    """ "Meeting 2 (minutes of 25 July 2018)": how the report and errors name a meeting."""
    on = _date(meeting.get("date"))
    role = ROLE_LABELS.get(meeting.get("role"), "meeting")
    return f"Meeting {number} ({role} of {_day(on)})" if on else f"Meeting {number} ({role})"


def _resolution_kind(text: str) -> tuple[str, str]:
    """The kind of a resolution from its words, and who a delegation goes to."""
    lower = text.lower()
    delegated = DELEGATE.search(text)
    if delegated and delegated[1].strip(" ."):
        return ResolutionKind.DELEGATED, delegated[1].strip(" .")[:200]
    for words, kind in (
        (("noted", "to note", "be noted", "note "), ResolutionKind.NOTED),
        (("received", "to receive", "be received"), ResolutionKind.RECEIVED),
        (("recommend",), ResolutionKind.RECOMMENDED),
        (("approve",), ResolutionKind.APPROVED),
    ):
        if any(word in lower for word in words):
            return kind, ""
    return ResolutionKind.AGREED, ""


def _interest_type(text: str) -> str:
    lower = text.lower()
    if "pecuniary" in lower:
        return InterestType.PECUNIARY
    if "prejudicial" in lower:
        return InterestType.PREJUDICIAL
    return InterestType.PERSONAL


def _included(document: dict) -> list[tuple[int, dict]]:
    """The meetings to commit, numbered as the document numbers them. A meeting the clerk
    left out on the correct page may be removed or carry "include": false."""
    meetings = document.get("meetings")
    if not isinstance(meetings, list):
        raise BusinessRuleError("The document has no list of meetings.")
    return [
        (number, meeting)
        for number, meeting in enumerate(meetings, 1)
        if isinstance(meeting, dict) and meeting.get("include", True) is not False
    ]


def _check(document: dict, file_name: str) -> None:
    """Refuse, before anything is written, a document the commit cannot make records from."""
    if not isinstance(document, dict):
        raise BusinessRuleError(f"{file_name}: there is no document to import.")
    meetings = _included(document)
    log = document.get("action_log") or []
    if not meetings and not log:
        raise BusinessRuleError(f"{file_name} holds no meetings or action log rows to import.")
    for number, meeting in meetings:
        label = meeting_label(number, meeting)
        if _date(meeting.get("date")) is None:
            raise BusinessRuleError(
                f"{label} has no date: enter it on the correct page, or leave the meeting out."
            )
        if meeting.get("start_time") and _time(meeting["start_time"]) is None:
            raise BusinessRuleError(f"{label} has a start time that is not a 24-hour time.")
        for position, item in enumerate(meeting.get("items") or [], 1):
            number_text = item.get("number") if isinstance(item, dict) else None
            where = f"{label}, item {number_text or position}"
            if not isinstance(item, dict) or not _squash(item.get("title")):
                raise BusinessRuleError(f"{where} has no title.")
            if item.get("decision_type") not in (None, *DecisionType.values):
                raise BusinessRuleError(
                    f"{where}: the decision type must be decision or information."
                )
            for action in item.get("actions") or []:
                if isinstance(action, dict) and action.get("due") and not _date(action["due"]):
                    raise BusinessRuleError(f"{where}: an action's due date is not a real date.")


class _Commit:
    """One commit's state: the counts for the report and the records to list."""

    def __init__(self, *, import_file: ImportFile, persons: dict[str, Person | None], by):
        self.file = import_file
        self.body: Body = import_file.body
        self.partnership = import_file.partnership
        self.persons = persons
        self.by = by
        self.created: Counter = Counter()
        self.reused: Counter = Counter()
        self.updated: Counter = Counter()
        self.skipped: list[str] = []
        self.notes: list[str] = []
        self.rows: list[ImportedRecord] = []
        self.new_meetings: set[int] = set()
        self.listed = set(
            ImportedRecord.objects.filter(import_file=import_file).values_list("kind", "object_id")
        )

    # --- bookkeeping -------------------------------------------------------------------

    def note(self, record, *, key: str, created: bool) -> None:
        kind = record._meta.label_lower
        (self.created if created else self.reused)[kind] += 1
        if (kind, record.pk) in self.listed:
            return
        self.listed.add((kind, record.pk))
        self.rows.append(
            ImportedRecord(
                partnership=self.partnership,
                import_file=self.file,
                kind=kind,
                object_id=record.pk,
                key=key[:300],
                created=created,
            )
        )

    def create(self, model, *, key: str, **fields):
        record = record_create(model=model, partnership=self.partnership, by=self.by, **fields)
        self.note(record, key=key, created=True)
        return record

    def fill(self, record, **changes):
        """Fill fields an earlier import or a person left empty; never overwrite."""
        changes = {name: value for name, value in changes.items() if not getattr(record, name)}
        changes = {name: value for name, value in changes.items() if value}
        if changes:
            record_update(instance=record, by=self.by, expected_version=None, **changes)
            self.updated[record._meta.label_lower] += 1
        return record

    def report(self) -> dict:
        report = {
            "created": dict(sorted(self.created.items())),
            "reused": dict(sorted(self.reused.items())),
            "skipped": self.skipped,
        }
        if self.updated:
            report["updated"] = dict(sorted(self.updated.items()))
        if self.notes:
            report["notes"] = self.notes
        return report

    # --- meetings ----------------------------------------------------------------------

    def start_time(self, label: str, meeting: dict, document: dict) -> datetime.time:
        """The source's time; else a time another meeting of the document gives this date
        ("dates of future meetings"), else the time this body's other meetings start."""
        given = _time(meeting.get("start_time"))
        if given:
            return given
        on = meeting.get("date")
        for other in document.get("meetings") or []:
            for future in (other.get("future_meetings") or []) if isinstance(other, dict) else []:
                if (
                    isinstance(future, dict)
                    and future.get("date") == on
                    and _time(future.get("time"))
                ):
                    self.notes.append(
                        f"{label}: no start time in its heading; took {future['time']} from the "
                        "dates of future meetings."
                    )
                    return _time(future["time"])
        usual = Counter(
            Meeting.objects.filter(partnership=self.partnership, bodies=self.body).values_list(
                "start_time", flat=True
            )
        ).most_common(1)
        if usual:
            self.notes.append(
                f"{label}: no start time given; recorded at {usual[0][0]:%H:%M}, when "
                f"{self.body} usually meets. Correct it on the meeting if it is wrong."
            )
            return usual[0][0]
        self.notes.append(
            f"{label}: no start time given; recorded at 00:00. Correct it on the meeting."
        )
        return UNKNOWN_START

    def meeting(self, number: int, found: dict, document: dict) -> Meeting:
        label = meeting_label(number, found)
        on = _date(found["date"])
        chair = self.persons.get(_squash(found.get("chair")))
        written_body = _squash(found.get("body"))
        names = {_key(self.body.name), _key(self.body.short_name)}
        names |= {_key(alias) for alias in self.body.aliases or [] if isinstance(alias, str)}
        if written_body and _key(written_body) not in names:
            self.notes.append(
                f"{label} is headed “{written_body}”; it was recorded as a meeting of {self.body}."
            )
        key = f"{self.body.pk}:{on.isoformat()}"
        existing = list(
            Meeting.objects.filter(partnership=self.partnership, bodies=self.body, date=on)
        )
        if existing:
            time = _time(found.get("start_time"))
            record = next((m for m in existing if m.start_time == time), existing[0])
            self.note(record, key=key, created=False)
            return self.fill(record, venue=_squash(found.get("venue"))[:300], chair=chair)
        if found.get("role") == "agenda":
            status = (
                MeetingStatus.HELD if on < timezone.localdate() else MeetingStatus.AGENDA_PUBLISHED
            )
        else:
            status = MeetingStatus.DRAFT_MINUTES  # approved below where a later meeting shows it
        record = self.create(
            Meeting,
            key=key,
            date=on,
            start_time=self.start_time(label, found, document),
            venue=_squash(found.get("venue"))[:300],
            chair=chair,
            status=status,
        )
        record.bodies.set([self.body])
        self.new_meetings.add(record.pk)
        return record

    def approval(self, meeting: Meeting) -> None:
        """Minutes in an archive were approved at the body's next meeting that took a
        "Minutes" item: record that where such a meeting is known. Only meetings this
        commit created are changed."""
        if meeting.pk not in self.new_meetings or meeting.status != MeetingStatus.DRAFT_MINUTES:
            return
        later = (
            Meeting.objects.filter(
                partnership=self.partnership,
                bodies=self.body,
                date__gt=meeting.date,
                items__title__icontains="minutes",
            )
            .order_by("date", "start_time")
            .first()
        )
        if later is not None:
            record_update(
                instance=meeting,
                by=self.by,
                expected_version=None,
                status=MeetingStatus.MINUTES_APPROVED,
                minutes_approved_at=later,
            )

    # --- items -------------------------------------------------------------------------

    def items(self, meeting: Meeting, found: dict) -> dict[str, AgendaItem]:
        existing = list(meeting.items.all())
        position = max((item.position for item in existing), default=0)
        by_label: dict[str, AgendaItem] = {}
        for found_item in found.get("items") or []:
            label = _squash(found_item.get("number"))
            title = _squash(found_item["title"])[:300]
            number = int(label) if label.isdigit() and len(label) < 6 else None
            minute_number = "" if number is not None else label[:30]
            match = next(
                (
                    item
                    for item in existing
                    if label and (item.number == number if number else item.minute_number == label)
                ),
                None,
            ) or next((item for item in existing if _key(item.title) == _key(title)), None)
            key = f"{meeting.pk}:{_key(label or title)}"
            minute = _squash(found_item.get("minutes_text"))
            deferred = found_item.get("status") in ("deferred", "withdrawn")
            if match is not None:
                self.note(match, key=key, created=False)
                item = self.fill(match, minute_text=minute, is_deferred=deferred)
            else:
                position += 1
                item = self.create(
                    AgendaItem,
                    key=key,
                    meeting=meeting,
                    position=position,
                    number=number,
                    minute_number=minute_number,
                    title=title,
                    decision_type=found_item.get("decision_type") or DecisionType.FOR_INFORMATION,
                    presenter=_squash(found_item.get("presenter"))[:200],
                    minute_text=minute,
                    is_deferred=deferred,
                )
                existing.append(item)
            if label:
                by_label.setdefault(_key(label), item)
            self.resolutions(item, found_item.get("resolutions") or [])
        return by_label

    def resolutions(self, item: AgendaItem, texts: list) -> None:
        existing = {_key(resolution.text): resolution for resolution in item.resolutions.all()}
        for position, text in enumerate(texts, 1):
            text = _squash(text)
            if not text:
                continue
            key = f"{item.pk}:{_key(text)}"[:300]
            if _key(text) in existing:
                self.note(existing[_key(text)], key=key, created=False)
                continue
            kind, delegated_to = _resolution_kind(text)
            existing[_key(text)] = self.create(
                Resolution,
                key=key,
                item=item,
                position=position,
                kind=kind,
                text=text,
                delegated_to=delegated_to,
            )

    # --- people ------------------------------------------------------------------------

    def attendance(self, meeting: Meeting, found: dict, label: str) -> None:
        seats = {}
        for seat in Membership.objects.filter(
            membership_held_on(meeting.date), body=self.body, person__isnull=False
        ).order_by("pk"):
            seats.setdefault(seat.person_id, seat)
        rows = {row.membership_id: row for row in meeting.attendance.all()}
        others = list(meeting.in_attendance.all())
        substitutes = set()

        def seat_of(name: str):
            person = self.persons.get(_squash(name))
            return person, (seats.get(person.pk) if person else None)

        def attend(seat, status: str, **fields) -> None:
            key = f"{meeting.pk}:{seat.pk}"
            if seat.pk in rows:
                self.note(rows[seat.pk], key=key, created=False)
                return
            rows[seat.pk] = self.create(
                Attendance, key=key, meeting=meeting, membership=seat, status=status, **fields
            )

        for apology in found.get("apologies") or []:
            name, substitute = _squash(apology.get("name")), _squash(apology.get("substitute"))
            person, seat = seat_of(name)
            if seat is None:
                why = "is not in the registry" if person is None else f"has no seat on {self.body}"
                self.skipped.append(f"{label}: apologies from {name} not recorded: {why} that day.")
                continue
            stand_in = self.persons.get(substitute) if substitute else None
            attend(
                seat,
                AttendanceStatus.APOLOGIES,
                substitute_person=stand_in,
                substitute_name="" if stand_in else substitute[:200],
            )
            if substitute:
                substitutes.add(_key(substitute))
        for list_name in ("present", "in_attendance"):
            for entry in found.get(list_name) or []:
                name = _squash(entry.get("name"))
                if not name or _key(name) in substitutes:
                    continue
                person, seat = seat_of(name)
                if seat is not None and list_name == "present":
                    attend(seat, AttendanceStatus.PRESENT)
                    continue
                self.in_attendance(meeting, others, person=person, entry=entry, name=name)

    def in_attendance(self, meeting, others: list, *, person, entry: dict, name: str) -> None:
        key = f"{meeting.pk}:{_key(name)}"
        for other in others:
            if (person is not None and other.person_id == person.pk) or _key(other.name) == _key(
                name
            ):
                self.note(other, key=key, created=False)
                return
        others.append(
            self.create(
                InAttendance,
                key=key,
                meeting=meeting,
                person=person,
                name="" if person else name[:200],
                role=_squash(entry.get("role"))[:200],
                organisation=_squash(entry.get("organisation"))[:200],
            )
        )

    def declarations(self, meeting, found: dict, items: dict, label: str) -> None:
        for declaration in found.get("declarations") or []:
            member = _squash(declaration.get("member"))
            person = self.persons.get(member)
            seat = (
                Membership.objects.filter(
                    membership_held_on(meeting.date), body=self.body, person=person
                ).first()
                if person
                else None
            )
            written = _squash(declaration.get("item"))
            number = re.search(r"[A-Za-z]*\d+[a-z]?", written)
            item = items.get(_key(number[0])) if number else None
            item = item or next(
                (i for i in meeting.items.all() if "declaration" in i.title.lower()), None
            )
            if seat is None or item is None:
                why = "has no seat on the body that day" if item else "names no item of the meeting"
                self.skipped.append(f"{label}: the declaration by {member} not recorded: it {why}.")
                continue
            key = f"{item.pk}:{seat.pk}"
            existing = Declaration.objects.filter(item=item, membership=seat).first()
            if existing:
                self.note(existing, key=key, created=False)
                continue
            interest = _squash(declaration.get("interest")) or "Declared at the meeting."
            self.create(
                Declaration,
                key=key,
                item=item,
                membership=seat,
                interest_type=_interest_type(interest),
                nature=interest,
            )

    # --- actions -----------------------------------------------------------------------

    def owners(self, written: list, pool: OwnerPool) -> OwnerMatch:
        tokens = []
        for owner in written:
            if _squash(owner):
                tokens.extend(owners_from_text(_squash(owner), meeting=None, pool=pool).tokens)
        return OwnerMatch(tokens=tuple(tokens))

    def action(self, *, key: str, existing: Action | None, text: str, owners: OwnerMatch, **fields):
        if existing is not None:
            self.note(existing, key=key, created=False)
            return existing
        action = action_create(
            partnership=self.partnership,
            by=self.by,
            text=text,
            owners=owners.owners,
            owners_to_confirm=owners.to_confirm or ("" if owners.owners else NO_OWNER),
            **fields,
        )
        self.note(action, key=key, created=True)
        return action

    def meeting_actions(self, meeting: Meeting, found: dict, items: dict) -> None:
        actions = [
            (found_item, action)
            for found_item in found.get("items") or []
            for action in found_item.get("actions") or []
            if _squash(action.get("text"))
        ]
        if not actions:
            return
        pool = owner_pool(meeting=meeting)
        existing = {_key(action.text): action for action in meeting.actions.all()}
        for found_item, found_action in actions:
            text = _squash(found_action["text"])
            item = (
                items.get(_key(found_item.get("number")))
                or meeting.items.filter(title__iexact=_squash(found_item["title"])[:300]).first()
            )
            existing[_key(text)] = self.action(
                key=f"{meeting.pk}:{_key(text)}",
                existing=existing.get(_key(text)),
                text=text,
                owners=self.owners(found_action.get("owners") or [], pool),
                meeting=meeting,
                agenda_item=item,
                due_date=_date(found_action.get("due")),
            )

    def action_log(self, rows: list, on: datetime.date) -> None:
        """Rows of an action tracker: actions with their status, reference and latest update,
        linked to the body's meeting on the date raised where there is one."""
        pools: dict = {}
        for number, row in enumerate(rows, 1):
            text = _squash(row.get("action")) if isinstance(row, dict) else ""
            if not text:
                self.skipped.append(f"Action log row {number}: no action text, not recorded.")
                continue
            raised = _date(row.get("raised"))
            meeting = (
                Meeting.objects.filter(partnership=self.partnership, bodies=self.body, date=raised)
                .order_by("start_time")
                .first()
                if raised
                else None
            )
            if meeting is not None and meeting.pk not in pools:
                pools[meeting.pk] = owner_pool(meeting=meeting)
            if meeting is None and None not in pools:
                pools[None] = self.body_pool(on)
            status = LOG_STATUSES.get(row.get("status"), ActionStatus.OPEN)
            label = ActionStatus(status).label.lower()
            update = _squash(row.get("update"))
            closed = status in (ActionStatus.COMPLETE, ActionStatus.OBSOLETE)
            reference = _squash(row.get("reference")) or (
                f"Action log {_squash(row.get('number'))}" if row.get("number") else ""
            )
            existing = Action.objects.filter(
                partnership=self.partnership, text=text, meeting=meeting
            ).first()
            action = self.action(
                key=f"log:{_key(text)}",
                existing=existing,
                text=text,
                owners=self.owners(row.get("owners") or [], pools[meeting.pk if meeting else None]),
                meeting=meeting,
                reference=reference[:60],
                status=status,
                closing_note=(update or f"Shown as {label} in the imported action log.")
                if closed
                else "",
                closed_on=on if closed else None,
            )
            if update and not action.updates.filter(note=update).exists():
                self.create(
                    ActionUpdate,
                    key=f"log:{_key(text)}:{_key(update)}",
                    action=action,
                    on=on,
                    note=update,
                    status=status,
                    author=self.by,
                )

    def body_pool(self, on: datetime.date) -> OwnerPool:
        """Who an owner in an action log may name when no meeting is known: the body's
        members on `on`, and the partnership's organisations, bodies and posts."""
        seats = Membership.objects.filter(membership_held_on(on), body=self.body)
        return OwnerPool(
            people=list(
                Person.objects.filter(pk__in=seats.values("person")).order_by(
                    "family_name", "given_name", "pk"
                )
            ),
            organisations=list(Organisation.objects.filter(partnership=self.partnership)),
            bodies=list(Body.objects.filter(partnership=self.partnership)),
            posts=list(
                Post.objects.filter(partnership=self.partnership).select_related("organisation")
            ),
        )


def _persons(*, import_file: ImportFile, document: dict, people: dict) -> dict:
    """Each name as written -> the Person it is taken to be, or None (kept as text).
    Names the page did not send are taken as matched only where the match is exact."""
    partnership = import_file.partnership
    chosen = {pk for pk in people.values() if pk is not None}
    found = Person.objects.filter(partnership=partnership, pk__in=chosen).in_bulk()
    for name, pk in people.items():
        if pk is not None and pk not in found:
            raise BusinessRuleError(
                f"The person chosen for “{name}” is not in this partnership's registry."
            )
    persons = {_squash(name): found.get(pk) for name, pk in people.items()}
    missing = [entry.name for entry in names_found(document) if entry.name not in persons]
    dates = [_date(m.get("date")) for _, m in _included(document)]
    on = max((d for d in dates if d), default=timezone.localdate())
    for match in people_match(body=import_file.body, names=missing, on=on):
        persons[match.name] = match.person if match.how == "exact" else None
    return persons


@transaction.atomic
def import_commit(
    *, import_file: ImportFile, people: dict[str, int | None], by: User, version: int
) -> dict:
    """Write `import_file.document` into records of `import_file.body` and return the
    report ({"created": {kind: n}, "reused": {kind: n}, "skipped": [reasons]}, with
    "updated" and "notes" where there are any).

    `people` maps each name as written to the confirmed Person pk, or None to keep the
    name as text. Refuses a stale `version` (StaleEditError) and raises BusinessRuleError
    naming what and where for a document it cannot commit; either way nothing is written.
    """
    locked = ImportFile.objects.select_for_update().select_related("body").get(pk=import_file.pk)
    if locked.version != version:
        raise StaleEditError("This import")
    if locked.status == ImportStatus.FAILED:
        raise BusinessRuleError(
            f"{locked.original_name} could not be read, so there is nothing to import."
        )
    document = locked.document
    _check(document, locked.original_name)
    run = _Commit(
        import_file=locked,
        persons=_persons(import_file=locked, document=document, people=people or {}),
        by=by,
    )
    committed = []
    for number, found in _included(document):
        label = meeting_label(number, found)
        meeting = run.meeting(number, found, document)
        items = run.items(meeting, found)
        run.attendance(meeting, found, label)
        run.declarations(meeting, found, items, label)
        run.meeting_actions(meeting, found, items)
        committed.append(meeting)
    for meeting in committed:
        run.approval(meeting)
    log_date = max((m.date for m in committed), default=timezone.localdate())
    run.action_log(document.get("action_log") or [], log_date)
    ImportedRecord.objects.bulk_create(run.rows)
    report = run.report()
    record_update(
        instance=locked,
        by=by,
        expected_version=version,
        status=ImportStatus.COMMITTED,
        committed_by=by,
        committed_at=timezone.now(),
        report=report,
    )
    for name in ("version", "status", "committed_by", "committed_at", "report"):
        setattr(import_file, name, getattr(locked, name))
    return report
