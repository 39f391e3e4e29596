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

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from saferboard.archive.commit_actions import action_log, meeting_actions
from saferboard.archive.commit_people import attendance, declarations
from saferboard.archive.commit_run import (
    CommitRun,
    hhmm_time,
    iso_date,
    meeting_label,
    squash,
    text_key,
)
from saferboard.archive.matching import names_found, people_match
from saferboard.archive.models import ImportedRecord, ImportFile, ImportStatus
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import User
from saferboard.core.services import record_update
from saferboard.meetings.models import (
    AgendaItem,
    DecisionType,
    Meeting,
    MeetingStatus,
    Resolution,
    ResolutionKind,
)
from saferboard.registry.models import Person

# Statuses a meeting made from an agenda alone has.
AGENDA_ONLY = (MeetingStatus.HELD, MeetingStatus.AGENDA_PUBLISHED)
# A meeting whose source gives no start time, and no other hint, is recorded at midnight
# (the model needs a time); the report says so.
UNKNOWN_START = datetime.time(0, 0)
DELEGATE = re.compile(
    r"\bdelegated?\s+(?:authority\s+)?to\s+(?:the\s+)?(.+?)(?:\s+in consultation|\s+to\s|,|;|$)",
    re.IGNORECASE,
)


def kind_label(kind: str) -> str:
    """How a page names a kind of record in the report: "meetings.agendaitem" -> "agenda
    items", "meetings.inattendance" -> "in attendance"."""
    try:
        return str(apps.get_model(kind)._meta.verbose_name_plural)
    except (LookupError, ValueError):
        return kind


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


def _check_entries(entries, where: str) -> None:
    if entries is not None and not (
        isinstance(entries, list) and all(isinstance(entry, dict) for entry in entries)
    ):
        raise BusinessRuleError(f"{where} must be a list of entries.")


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
        if iso_date(meeting.get("date")) is None:
            raise BusinessRuleError(
                f"{label} has no date: enter it on the correct page, or leave the meeting out."
            )
        if meeting.get("start_time") and hhmm_time(meeting["start_time"]) is None:
            raise BusinessRuleError(f"{label} has a start time that is not a 24-hour time.")
        for key in ("present", "in_attendance", "apologies", "declarations", "items"):
            _check_entries(meeting.get(key), f"{label}: {key.replace('_', ' ')}")
        for position, item in enumerate(meeting.get("items") or [], 1):
            number_text = item.get("number") if isinstance(item, dict) else None
            where = f"{label}, item {number_text or position}"
            if not isinstance(item, dict) or not squash(item.get("title")):
                raise BusinessRuleError(f"{where} has no title.")
            if item.get("decision_type") not in (None, *DecisionType.values):
                raise BusinessRuleError(
                    f"{where}: the decision type must be decision or information."
                )
            _check_entries(item.get("actions"), f"{where}: actions")
            if not all(isinstance(text, str) for text in item.get("resolutions") or []):
                raise BusinessRuleError(f"{where}: each resolution must be text.")
            for action in item.get("actions") or []:
                if isinstance(action, dict) and action.get("due") and not iso_date(action["due"]):
                    raise BusinessRuleError(f"{where}: an action's due date is not a real date.")


def _start_time(run: CommitRun, label: str, meeting: dict, document: dict) -> datetime.time:
    """The source's time; else a time another meeting of the document gives this date
    ("dates of future meetings"), else the time this body's other meetings start."""
    given = hhmm_time(meeting.get("start_time"))
    if given:
        return given
    on = meeting.get("date")
    for other in document.get("meetings") or []:
        for future in (other.get("future_meetings") or []) if isinstance(other, dict) else []:
            if (
                isinstance(future, dict)
                and future.get("date") == on
                and hhmm_time(future.get("time"))
            ):
                run.notes.append(
                    f"{label}: no start time in its heading; took {future['time']} from the "
                    "dates of future meetings."
                )
                return hhmm_time(future["time"])
    usual = Counter(
        Meeting.objects.filter(partnership=run.partnership, bodies=run.body).values_list(
            "start_time", flat=True
        )
    ).most_common(1)
    if usual:
        run.notes.append(
            f"{label}: no start time given; recorded at {usual[0][0]:%H:%M}, when "
            f"{run.body} usually meets. Correct it on the meeting if it is wrong."
        )
        return usual[0][0]
    run.notes.append(f"{label}: no start time given; recorded at 00:00. Correct it on the meeting.")
    return UNKNOWN_START


def _meeting(run: CommitRun, number: int, found: dict, document: dict) -> Meeting:
    label = meeting_label(number, found)
    on = iso_date(found["date"])
    chair = run.persons.get(squash(found.get("chair")))
    written_body = squash(found.get("body"))
    names = {text_key(run.body.name), text_key(run.body.short_name)}
    names |= {text_key(alias) for alias in run.body.aliases or [] if isinstance(alias, str)}
    if written_body and text_key(written_body) not in names:
        run.notes.append(
            f"{label} is headed “{written_body}”; it was recorded as a meeting of {run.body}."
        )
    key = f"{run.body.pk}:{on.isoformat()}"
    existing = list(Meeting.objects.filter(partnership=run.partnership, bodies=run.body, date=on))
    if existing:
        time = hhmm_time(found.get("start_time"))
        record = next((m for m in existing if m.start_time == time), existing[0])
        run.note(record, key=key, created=False)
        has_minutes = found.get("role") in ("minutes", "agenda_and_minutes")
        if record.pk in run.new_meetings and has_minutes and record.status in AGENDA_ONLY:
            # The agenda and the minutes of one meeting in the same file: one meeting.
            record_update(
                instance=record,
                by=run.by,
                expected_version=None,
                status=MeetingStatus.DRAFT_MINUTES,
            )
        return run.fill(record, venue=squash(found.get("venue"))[:300], chair=chair)
    if found.get("role") == "agenda":
        status = MeetingStatus.HELD if on < timezone.localdate() else MeetingStatus.AGENDA_PUBLISHED
    else:
        status = MeetingStatus.DRAFT_MINUTES  # approved below where a later meeting shows it
    record = run.create(
        Meeting,
        key=key,
        date=on,
        start_time=_start_time(run, label, found, document),
        venue=squash(found.get("venue"))[:300],
        chair=chair,
        status=status,
    )
    record.bodies.set([run.body])
    run.new_meetings.add(record.pk)
    return record


def _approval(run: CommitRun, meeting: Meeting) -> None:
    """Minutes in an archive were approved at the body's next meeting that took a
    "Minutes" item: record that where such a meeting is known. Only meetings this
    commit created are changed."""
    if meeting.pk not in run.new_meetings or meeting.status != MeetingStatus.DRAFT_MINUTES:
        return
    later = (
        Meeting.objects.filter(
            partnership=run.partnership,
            bodies=run.body,
            date__gt=meeting.date,
            items__title__icontains="minutes",
        )
        .order_by("date", "start_time")
        .first()
    )
    if later is not None:
        record_update(
            instance=meeting,
            by=run.by,
            expected_version=None,
            status=MeetingStatus.MINUTES_APPROVED,
            minutes_approved_at=later,
        )


def _items(run: CommitRun, meeting: Meeting, found: dict) -> dict[str, AgendaItem]:
    existing = list(meeting.items.all())
    # Titles are matched only against items saved before this commit: two items of one
    # document may share a title ("Update"), but not a number.
    before = list(existing)
    position = max((item.position for item in existing), default=0)
    by_label: dict[str, AgendaItem] = {}
    for found_item in found.get("items") or []:
        label = squash(found_item.get("number"))
        title = squash(found_item["title"])[:300]
        number = int(label) if label.isdigit() and len(label) < 6 else None
        minute_number = "" if number is not None else label[:30]
        match = next(
            (
                item
                for item in existing
                if label and (item.number == number if number else item.minute_number == label)
            ),
            None,
        ) or next((item for item in before if text_key(item.title) == text_key(title)), None)
        key = f"{meeting.pk}:{text_key(label or title)}"
        minute = squash(found_item.get("minutes_text"))
        deferred = found_item.get("status") in ("deferred", "withdrawn")
        if match is not None:
            run.note(match, key=key, created=False)
            item = run.fill(match, minute_text=minute, is_deferred=deferred)
        else:
            position += 1
            item = run.create(
                AgendaItem,
                key=key,
                meeting=meeting,
                position=position,
                number=number,
                minute_number=minute_number,
                title=title,
                decision_type=found_item.get("decision_type") or DecisionType.FOR_INFORMATION,
                presenter=squash(found_item.get("presenter"))[:200],
                minute_text=minute,
                is_deferred=deferred,
            )
            existing.append(item)
        if label:
            by_label.setdefault(text_key(label), item)
        _resolutions(run, item, found_item.get("resolutions") or [], new=match is None)
    return by_label


def _resolutions(run: CommitRun, item: AgendaItem, texts: list, *, new: bool) -> None:
    """The item's resolutions, matched by text; a `new` item has none to look up."""
    saved = [] if new else item.resolutions.all()
    existing = {text_key(resolution.text): resolution for resolution in saved}
    for position, text in enumerate(texts, 1):
        text = squash(text)
        if not text:
            continue
        key = f"{item.pk}:{text_key(text)}"[:300]
        if text_key(text) in existing:
            run.note(existing[text_key(text)], key=key, created=False)
            continue
        kind, delegated_to = _resolution_kind(text)
        existing[text_key(text)] = run.create(
            Resolution,
            key=key,
            item=item,
            position=position,
            kind=kind,
            text=text,
            delegated_to=delegated_to,
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
    persons = {squash(name): found.get(pk) for name, pk in people.items()}
    missing = [entry.name for entry in names_found(document) if entry.name not in persons]
    dates = [iso_date(m.get("date")) for _, m in _included(document)]
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
    run = CommitRun(
        import_file=locked,
        persons=_persons(import_file=locked, document=document, people=people or {}),
        by=by,
    )
    committed = []
    for number, found in _included(document):
        label = meeting_label(number, found)
        meeting = _meeting(run, number, found, document)
        items = _items(run, meeting, found)
        attendance(run, meeting, found, label)
        declarations(run, meeting, found, items, label)
        meeting_actions(run, meeting, found, items)
        committed.append(meeting)
    for meeting in committed:
        _approval(run, meeting)
    log_date = max((m.date for m in committed), default=timezone.localdate())
    action_log(run, document.get("action_log") or [], log_date)
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
