"""Writes to the action log: raising actions, changing them and owners' dated updates.

Every write goes through core.services so history records who did it and a
stale copy never overwrites a newer one.
"""

import datetime
from typing import Any

from django.db import transaction

from saferboard.actions.models import (
    CLOSED_STATUSES,
    Action,
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    action_reference,
)
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import Body, Organisation, Person, Post

OWNER_FIELDS = {Person: "person", Post: "post", Organisation: "organisation", Body: "body"}


def _check_closing(*, status: str, closing_note: str, closed_on: datetime.date | None) -> None:
    if status in CLOSED_STATUSES:
        label = ActionStatus(status).label.lower()
        if not (closing_note or "").strip():
            raise BusinessRuleError(
                f"An action marked {label} needs a closing note: say what shows it is done "
                "(or why it is no longer needed).",
                field="closing_note",
            )
        if closed_on is None:
            raise BusinessRuleError(
                f"An action marked {label} needs the date it was closed.", field="closed_on"
            )


def _set_owners(*, action: Action, owners: list, by: User | None) -> None:
    if not owners:
        raise BusinessRuleError(
            "Give the action at least one owner: a person, post, organisation or body.",
            field="people",
        )
    action.owners.all().delete()
    for owner in owners:
        record_create(
            model=ActionOwner,
            partnership=action.partnership,
            by=by,
            action=action,
            **{OWNER_FIELDS[type(owner)]: owner},
        )


@transaction.atomic
def action_create(
    *,
    partnership: Partnership,
    by: User | None,
    text: str,
    owners: list,
    agenda_item=None,
    resolution=None,
    meeting=None,
    reference: str = "",
    status: str = ActionStatus.OPEN,
    closing_note: str = "",
    closed_on: datetime.date | None = None,
    **fields: Any,
) -> Action:
    """Raise an action from a minute (item or resolution) or directly.

    The reference defaults to the meeting date and item number ("04.12.20 Item 11").
    """
    if resolution is not None:
        agenda_item = agenda_item or resolution.item
    if agenda_item is not None:
        meeting = meeting or agenda_item.meeting
    _check_closing(status=status, closing_note=closing_note, closed_on=closed_on)
    action = record_create(
        model=Action,
        partnership=partnership,
        by=by,
        text=text,
        meeting=meeting,
        agenda_item=agenda_item,
        resolution=resolution,
        reference=reference.strip() or action_reference(meeting=meeting, item=agenda_item),
        status=status,
        closing_note=closing_note,
        closed_on=closed_on,
        **fields,
    )
    _set_owners(action=action, owners=owners, by=by)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    by: User | None,
    expected_version: int | None,
    owners: list | None = None,
    **changes: Any,
) -> Action:
    """Change an action; refused if someone saved it since `expected_version`."""
    if "agenda_item" in changes and changes["agenda_item"] is not None:
        changes.setdefault("meeting", changes["agenda_item"].meeting)
    if "reference" in changes and not (changes["reference"] or "").strip():
        changes["reference"] = action_reference(
            meeting=changes.get("meeting", action.meeting),
            item=changes.get("agenda_item", action.agenda_item),
        )
    _check_closing(
        status=changes.get("status", action.status),
        closing_note=changes.get("closing_note", action.closing_note),
        closed_on=changes.get("closed_on", action.closed_on),
    )
    action = record_update(instance=action, by=by, expected_version=expected_version, **changes)
    if owners is not None:
        _set_owners(action=action, owners=owners, by=by)
    return action


@transaction.atomic
def action_add_update(
    *,
    action: Action,
    by: User | None,
    expected_version: int | None,
    on: datetime.date,
    note: str,
    status: str,
) -> ActionUpdate:
    """An owner's dated progress note; it sets the action's status.

    Closing (complete or obsolete) needs a note and a date: the note becomes the
    action's closing note. The action's version is checked, so an update made
    from a stale page is refused.
    """
    if not (note or "").strip():
        raise BusinessRuleError(
            "Enter the update: what has happened since the last one.", field="note"
        )
    changes: dict[str, Any] = {"status": status}
    if status in CLOSED_STATUSES:
        _check_closing(status=status, closing_note=note, closed_on=on)
        changes |= {"closing_note": note, "closed_on": on}
    elif action.is_closed:
        changes |= {"closing_note": "", "closed_on": None}  # reopened
    record_update(instance=action, by=by, expected_version=expected_version, **changes)
    return record_create(
        model=ActionUpdate,
        partnership=action.partnership,
        by=by,
        action=action,
        author=by,
        on=on,
        note=note,
        status=status,
    )
