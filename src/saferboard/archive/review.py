"""A clerk's corrections to what was found in a file: checked against the
`saferboard.import/1` shape and kept in `ImportFile.reviewed`, beside the untouched `found`
(docs/archive.md, "Reviewing in the web app")."""

import datetime
import re

from django.db import transaction

from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.core.errors import BusinessRuleError
from saferboard.core.services import record_update

ROLES = ("agenda", "minutes", "agenda_and_minutes")
ITEM_STATUSES = (None, "taken", "deferred", "withdrawn")
DECISION_TYPES = (None, "decision", "information")
ACTION_STATUSES = (None, "ongoing", "complete", "obsolete", "carried_forward")
TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def meeting_label(number: int, meeting: dict) -> str:
    """'Meeting 2 (minutes of 25 July 2018)': how messages and pages name a meeting."""
    role = {"agenda": "agenda", "minutes": "minutes", "agenda_and_minutes": "agenda and minutes"}
    on = _date(meeting.get("date"))
    when = f" of {on.day} {on:%B %Y}" if on else ""
    return f"Meeting {number} ({role.get(meeting.get('role'), 'meeting')}{when})"


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _check_text(value, where: str, *, required: bool = False) -> None:
    if value is None and not required:
        return
    if not isinstance(value, str) or (required and not value.strip()):
        raise BusinessRuleError(f"{where} must be {'some ' if required else ''}text.")


def _check_list(value, where: str) -> list:
    if not isinstance(value, list):
        raise BusinessRuleError(f"{where} must be a list.")
    return value


def _check_people(meeting: dict, where: str) -> None:
    for key in ("members", "present", "in_attendance"):
        for number, person in enumerate(_check_list(meeting.get(key, []), f"{where}: {key}"), 1):
            label = f"{where}: {key.replace('_', ' ')} {number}"
            if not isinstance(person, dict):
                raise BusinessRuleError(f"{label} must have a name.")
            _check_text(person.get("name"), f"{label}'s name", required=True)
            _check_text(person.get("role"), f"{label}'s role")
            _check_text(person.get("organisation"), f"{label}'s organisation")
    for number, apology in enumerate(_check_list(meeting.get("apologies", []), where), 1):
        label = f"{where}: apology {number}"
        if not isinstance(apology, dict):
            raise BusinessRuleError(f"{label} must have a name.")
        _check_text(apology.get("name"), f"{label}'s name", required=True)
        _check_text(apology.get("substitute"), f"{label}'s substitute")
    for number, declaration in enumerate(_check_list(meeting.get("declarations", []), where), 1):
        label = f"{where}: declaration {number}"
        if not isinstance(declaration, dict):
            raise BusinessRuleError(f"{label} must name a member.")
        _check_text(declaration.get("member"), f"{label}'s member", required=True)
        _check_text(declaration.get("item"), f"{label}'s item")
        _check_text(declaration.get("interest"), f"{label}'s interest")


def _check_item(item, where: str) -> None:
    if not isinstance(item, dict):
        raise BusinessRuleError(f"{where} must have a title.")
    _check_text(item.get("number"), f"{where}'s number")
    _check_text(item.get("title"), f"{where}'s title", required=True)
    _check_text(item.get("minutes_text"), f"{where}'s minute")
    _check_text(item.get("presenter"), f"{where}'s presenter")
    if item.get("status") not in ITEM_STATUSES:
        raise BusinessRuleError(f"{where}'s status must be taken, deferred or withdrawn.")
    if item.get("decision_type") not in DECISION_TYPES:
        raise BusinessRuleError(f"{where}'s decision type must be decision or information.")
    for resolution in _check_list(item.get("resolutions", []), f"{where}'s resolutions"):
        _check_text(resolution, f"A resolution of {where.lower()}", required=True)
    for number, action in enumerate(_check_list(item.get("actions", []), where), 1):
        label = f"{where}, action {number}"
        if not isinstance(action, dict):
            raise BusinessRuleError(f"{label} must have some text.")
        _check_text(action.get("text"), f"{label}", required=True)
        for owner in _check_list(action.get("owners", []), f"{label}'s owners"):
            _check_text(owner, f"An owner of {label.lower()}", required=True)
        if action.get("due") is not None and _date(action.get("due")) is None:
            raise BusinessRuleError(f"{label}'s due date must be a real date.")


def document_check(document) -> None:
    """Raise BusinessRuleError naming the first part of `document` that does not fit the
    `saferboard.import/1` shape the commit relies on ("Meeting 2 (minutes of 25 July 2018),
    item 3: the title must be some text")."""
    if not isinstance(document, dict):
        raise BusinessRuleError("The document must be a saferboard.import/1 document.")
    for number, meeting in enumerate(_check_list(document.get("meetings"), "Meetings"), 1):
        if not isinstance(meeting, dict):
            raise BusinessRuleError(f"Meeting {number} is not a meeting.")
        where = meeting_label(number, meeting)
        if meeting.get("role") not in ROLES:
            raise BusinessRuleError(f"{where}: the role must be agenda, minutes or both.")
        if meeting.get("date") is not None and _date(meeting["date"]) is None:
            raise BusinessRuleError(f"{where}: the date must be a real date.")
        start_time = meeting.get("start_time")
        if start_time is not None and not (isinstance(start_time, str) and TIME.match(start_time)):
            raise BusinessRuleError(f"{where}: the start time must be a 24-hour time like 14:00.")
        for key in ("body", "venue", "chair"):
            _check_text(meeting.get(key), f"{where}: the {key}")
        _check_people(meeting, where)
        for item_number, item in enumerate(_check_list(meeting.get("items", []), where), 1):
            label = (item.get("number") if isinstance(item, dict) else None) or item_number
            _check_item(item, f"{where}, item {label}")
    for number, row in enumerate(_check_list(document.get("action_log", []), "Action log"), 1):
        where = f"Action log row {number}"
        if not isinstance(row, dict):
            raise BusinessRuleError(f"{where} must have an action.")
        _check_text(row.get("action"), f"{where}'s action", required=True)
        if row.get("status") not in ACTION_STATUSES:
            raise BusinessRuleError(f"{where}'s status is not one the action log knows.")
        if row.get("raised") is not None and _date(row.get("raised")) is None:
            raise BusinessRuleError(f"{where}'s date raised must be a real date.")


@transaction.atomic
def review_save(*, import_file: ImportFile, document: dict, by, version: int) -> ImportFile:
    """Keep the clerk's corrected `document` for `import_file`, unless someone saved a review
    since `version` (StaleEditError) or the file is already imported (BusinessRuleError).
    What was found stays as it was read."""
    if import_file.status != ImportStatus.READ:
        raise BusinessRuleError(
            f"{import_file.original_name} is {import_file.get_status_display().lower()}: "
            "there is nothing to correct."
        )
    document_check(document)
    document = {
        "schema": import_file.found.get("schema", "saferboard.import/1"),
        "source": import_file.found.get("source", import_file.original_name),
        "action_log": [],
        "warnings": [],
        **document,
    }
    return record_update(instance=import_file, by=by, expected_version=version, reviewed=document)


@transaction.atomic
def review_discard(*, import_file: ImportFile, by, version: int) -> ImportFile:
    """Throw away the clerk's corrections: the file shows what was found again."""
    if import_file.status != ImportStatus.READ:
        raise BusinessRuleError(f"{import_file.original_name} is already imported.")
    return record_update(instance=import_file, by=by, expected_version=version, reviewed=None)
