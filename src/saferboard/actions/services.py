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
from saferboard.actions.owners import OwnerMatch, owners_from_text
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.models import AgendaItem
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


def _owner_keys(owners) -> set[tuple[type, int]]:
    return {(type(owner), owner.pk) for owner in owners}


def _set_owners(*, action: Action, owners: list, by: User | None) -> None:
    # The rule: at least one owner, or owners written in the minutes still to confirm.
    if not owners and not action.owners_to_confirm.strip():
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
    owners_to_confirm: str = "",
    **fields: Any,
) -> Action:
    """Raise an action from a minute (item or resolution) or directly.

    The reference defaults to the meeting date and item number ("04.12.20 Item 11").
    `owners_to_confirm` holds owners written in the minutes that matched no one or
    several people; with it, an action may be saved before its owners are chosen.
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
        owners_to_confirm=owners_to_confirm.strip(),
        **fields,
    )
    _set_owners(action=action, owners=owners, by=by)
    return action


@transaction.atomic
def action_create_from_minute(
    *,
    item: AgendaItem,
    by: User | None,
    text: str,
    owners_written: str = "",
    owners: list | None = None,
    due_date: datetime.date | None = None,
    by_next_meeting: bool = False,
) -> tuple[Action, OwnerMatch]:
    """Raise an action while minuting `item`, its owners written as the minutes have them
    ("CK/EM") and/or chosen from a list.

    Written owners that name exactly one of the meeting's people (or an organisation,
    body or post) become owners; the rest are kept as owners to confirm. Returns the
    action and the match, so the page can say who each owner was taken to be.
    """
    match = owners_from_text(owners_written, meeting=item.meeting)
    chosen = list({(type(o), o.pk): o for o in [*match.owners, *(owners or [])]}.values())
    action = action_create(
        partnership=item.partnership,
        by=by,
        text=text,
        owners=chosen,
        agenda_item=item,
        due_date=due_date,
        by_next_meeting=by_next_meeting,
        owners_to_confirm=match.to_confirm,
    )
    return action, match


@transaction.atomic
def action_update(
    *,
    action: Action,
    by: User | None,
    expected_version: int | None,
    owners: list | None = None,
    **changes: Any,
) -> Action:
    """Change an action; refused if someone saved it since `expected_version`.

    Choosing owners (a change to the owners) settles any owners still to confirm,
    unless `owners_to_confirm` is given too.
    """
    current = [row.owner for row in action.owners.all()]
    owners_chosen = owners is not None and _owner_keys(owners) != _owner_keys(current)
    if owners_chosen and "owners_to_confirm" not in changes:
        changes["owners_to_confirm"] = ""
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
