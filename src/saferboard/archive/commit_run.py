"""The state of one archive commit: what it created, reused, filled in and skipped, and the
`ImportedRecord` rows it will list (docs/archive.md, "Committing an import"). The commit's
parts (commit.py, commit_people.py, commit_actions.py) write through it."""

import datetime
import re
from collections import Counter

from saferboard.archive.models import ImportedRecord, ImportFile
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import Body, Person

ROLE_LABELS = {"agenda": "agenda", "minutes": "minutes", "agenda_and_minutes": "agenda and minutes"}
TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def squash(text) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def text_key(text: str) -> str:
    return squash(text).lower()


def iso_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def hhmm_time(value) -> datetime.time | None:
    match = TIME.match(value or "") if isinstance(value, str) else None
    return datetime.time(int(match[1]), int(match[2])) if match else None


def day_label(on: datetime.date) -> str:
    return f"{on.day} {on:%B %Y}"


def meeting_label(number: int, meeting: dict) -> str:
    """How the report and errors name a meeting: "Meeting 2 (minutes of 25 July 2018)"."""
    on = iso_date(meeting.get("date"))
    role = ROLE_LABELS.get(meeting.get("role"), "meeting")
    return f"Meeting {number} ({role} of {day_label(on)})" if on else f"Meeting {number} ({role})"


class CommitRun:
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
