"""Writes to delivery plans: plans, key actions, dated updates, reports and next year's copy.

Every write goes through core.services so history records who made it and a stale
copy never overwrites a newer one. A key action's status changes only through a
dated update, so the trail of updates explains every status it has had.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.plans.models import (
    FIRST_STATUS,
    NUMBER_PATTERN,
    STATUS_KEYS,
    DeliveryPlan,
    KeyAction,
    KeyActionStatus,
    KeyActionUpdate,
    PlanReport,
    Priority,
    status_colour,
)
from saferboard.registry.models import Organisation


def _check_number(*, plan: DeliveryPlan, number: str, priority: Priority | None, pk=None) -> str:
    number = (number or "").strip()
    if not NUMBER_PATTERN.match(number):
        raise BusinessRuleError(
            f"“{number}” is not a key action number: use whole numbers joined by full stops, "
            "such as 1.2 or 4.10.",
            field="number",
        )
    clash = plan.key_actions.filter(number=number).exclude(pk=pk).first()
    if clash is not None:
        raise BusinessRuleError(
            f"{plan} already has key action {number} ({clash.title}): choose another number.",
            field="number",
        )
    numbered = priority is not None and NUMBER_PATTERN.match(priority.number) and "." in number
    if numbered and not number.startswith(f"{priority.number}."):
        raise BusinessRuleError(
            f"Key action {number} is under priority {priority.number}: number it "
            f"{priority.number}.1, {priority.number}.2 and so on, or choose priority "
            f"{number.split('.')[0]}.",
            field="number",
        )
    return number


def _check_priority(*, plan: DeliveryPlan, priority: Priority | None) -> None:
    if priority is not None and plan.strategy_id and priority.strategy_id != plan.strategy_id:
        raise BusinessRuleError(
            f"Priority {priority} is not one of {plan.strategy}'s: choose one of the plan's "
            "strategy's priorities.",
            field="priority",
        )


def _check_status(*, plan: DeliveryPlan, status: str) -> None:
    allowed = [entry.status for entry in STATUS_KEYS[plan.status_key]]
    if status not in allowed:
        labels = ", ".join(KeyActionStatus(s).label.lower() for s in allowed)
        raise BusinessRuleError(
            f"{plan} reports status as {labels}: choose one of those.", field="status"
        )


def _set_organisations(*, key_action: KeyAction, leads, co_operating) -> None:
    for name, organisations in (
        ("lead_organisations", leads),
        ("co_operating_organisations", co_operating),
    ):
        if organisations is None:
            continue
        organisations = list(organisations)
        if any(org.partnership_id != key_action.partnership_id for org in organisations):
            raise BusinessRuleError("Choose this partnership's organisations.", field=name)
        getattr(key_action, name).set(organisations)


@transaction.atomic
def plan_create(*, partnership: Partnership, by: User | None, **fields: Any) -> DeliveryPlan:
    return record_create(model=DeliveryPlan, partnership=partnership, by=by, **fields)


@transaction.atomic
def plan_update(
    *, plan: DeliveryPlan, by: User | None, expected_version: int | None, **changes: Any
) -> DeliveryPlan:
    """Change a plan. A new status key carries each key action to the status of the same
    colour in the new key (the City's green "progressing" becomes green "on track"), each
    with a dated update saying so."""
    old_key = plan.status_key
    plan = record_update(instance=plan, by=by, expected_version=expected_version, **changes)
    if plan.status_key != old_key:
        by_colour = {entry.colour: entry.status for entry in STATUS_KEYS[plan.status_key]}
        today = datetime.date.today()
        for key_action in plan.key_actions.all():
            status = by_colour[status_colour(key=old_key, status=key_action.status)]
            note = (
                f"The plan's status key changed: {key_action.get_status_display()} is now "
                f"{KeyActionStatus(status).label}."
            )
            record_update(instance=key_action, by=by, expected_version=None, status=status)
            record_create(
                model=KeyActionUpdate,
                partnership=plan.partnership,
                by=by,
                key_action=key_action,
                author=by,
                on=today,
                note=note,
                status=status,
            )
    return plan


@transaction.atomic
def key_action_create(
    *,
    plan: DeliveryPlan,
    by: User | None,
    number: str,
    title: str,
    priority: Priority | None = None,
    lead_organisations: Iterable[Organisation] = (),
    co_operating_organisations: Iterable[Organisation] = (),
    status: str | None = None,
    completed_on: datetime.date | None = None,
    **fields: Any,
) -> KeyAction:
    """Add a key action to `plan`; its number is unique in the plan and fits its priority.

    It starts at the key's first status (not started, or on track) unless `status` is
    given; a complete one needs the date it was completed.
    """
    number = _check_number(plan=plan, number=number, priority=priority)
    _check_priority(plan=plan, priority=priority)
    status = status or FIRST_STATUS[plan.status_key]
    _check_status(plan=plan, status=status)
    if status == KeyActionStatus.COMPLETE and completed_on is None:
        raise BusinessRuleError(
            f"Key action {number} is complete: give the date it was completed.",
            field="completed_on",
        )
    key_action = record_create(
        model=KeyAction,
        partnership=plan.partnership,
        by=by,
        plan=plan,
        number=number,
        title=title,
        priority=priority,
        status=status,
        completed_on=completed_on if status == KeyActionStatus.COMPLETE else None,
        **fields,
    )
    _set_organisations(
        key_action=key_action, leads=lead_organisations, co_operating=co_operating_organisations
    )
    return key_action


@transaction.atomic
def key_action_update(
    *,
    key_action: KeyAction,
    by: User | None,
    expected_version: int | None,
    lead_organisations: Iterable[Organisation] | None = None,
    co_operating_organisations: Iterable[Organisation] | None = None,
    **changes: Any,
) -> KeyAction:
    """Change a key action's wording, number, leads or deadline; refused if stale.

    Status is not changed here: that is an update (key_action_add_update), with its note.
    """
    if "status" in changes or "completed_on" in changes:
        raise BusinessRuleError(
            "Change a key action's status by adding an update, so the reason is kept.",
            field="status",
        )
    plan = key_action.plan
    priority = changes.get("priority", key_action.priority)
    if "number" in changes or "priority" in changes:
        changes["number"] = _check_number(
            plan=plan,
            number=changes.get("number", key_action.number),
            priority=priority,
            pk=key_action.pk,
        )
    _check_priority(plan=plan, priority=priority)
    key_action = record_update(
        instance=key_action, by=by, expected_version=expected_version, **changes
    )
    _set_organisations(
        key_action=key_action, leads=lead_organisations, co_operating=co_operating_organisations
    )
    return key_action


@transaction.atomic
def key_action_add_update(
    *,
    key_action: KeyAction,
    by: User | None,
    expected_version: int | None,
    on: datetime.date | None,
    note: str,
    status: str,
    mitigation: str = "",
) -> KeyActionUpdate:
    """A lead's dated progress note; it sets the key action's status.

    Every update needs a note and a date; marking complete makes the date the date
    completed, and moving a complete action back clears it. The key action's version
    is checked, so an update typed on a stale page is refused.
    """
    label = KeyActionStatus(status).label.lower() if status in KeyActionStatus.values else status
    if not (note or "").strip():
        if status == KeyActionStatus.COMPLETE:
            message = "A key action marked complete needs a note: say what shows it is done."
        else:
            message = "Enter the update: what has happened since the last one."
        raise BusinessRuleError(message, field="note")
    if on is None:
        raise BusinessRuleError(f"Enter the date of the update ({label}).", field="on")
    _check_status(plan=key_action.plan, status=status)
    completed_on = on if status == KeyActionStatus.COMPLETE else None
    record_update(
        instance=key_action,
        by=by,
        expected_version=expected_version,
        status=status,
        completed_on=completed_on,
    )
    return record_create(
        model=KeyActionUpdate,
        partnership=key_action.partnership,
        by=by,
        key_action=key_action,
        author=by,
        on=on,
        note=note.strip(),
        mitigation=(mitigation or "").strip(),
        status=status,
    )


@transaction.atomic
def plan_report_record(
    *, plan: DeliveryPlan, by: User | None, reported_on: datetime.date, reported_to: str = ""
) -> PlanReport:
    """Note that the plan was reported on `reported_on`: key actions completed up to and
    including that day are no longer "completed since last report"."""
    return record_create(
        model=PlanReport,
        partnership=plan.partnership,
        by=by,
        plan=plan,
        reported_on=reported_on,
        reported_to=reported_to,
    )


@transaction.atomic
def plan_copy(
    *,
    plan: DeliveryPlan,
    by: User | None,
    name: str,
    period_start: datetime.date,
    period_end: datetime.date,
) -> DeliveryPlan:
    """Next year's plan: the same type, body, strategy and key, with every key action not yet
    complete carried across (same number, wording, leads, deadline and status; each
    remembers the action it continues). Updates stay with last year's plan."""
    if period_start <= plan.period_start:
        raise BusinessRuleError(
            f"The new plan must start after {plan} does ({plan.period_start:%-d %B %Y}).",
            field="period_start",
        )
    copy = plan_create(
        partnership=plan.partnership,
        by=by,
        name=name,
        strategy=plan.strategy,
        plan_type=plan.plan_type,
        period_start=period_start,
        period_end=period_end,
        owner_body=plan.owner_body,
        is_statutory=plan.is_statutory,
        status_key=plan.status_key,
        copied_from=plan,
    )
    open_actions = (
        plan.key_actions.exclude(status=KeyActionStatus.COMPLETE)
        .select_related("priority")
        .prefetch_related("lead_organisations", "co_operating_organisations")
    )
    for action in open_actions:
        key_action_create(
            plan=copy,
            by=by,
            number=action.number,
            title=action.title,
            priority=action.priority,
            description=action.description,
            delivery=action.delivery,
            lead_organisations=action.lead_organisations.all(),
            lead_officers=action.lead_officers,
            co_operating_organisations=action.co_operating_organisations.all(),
            co_operating_note=action.co_operating_note,
            deadline=action.deadline,
            timescale=action.timescale,
            status=action.status,
            carried_from=action,
        )
    return copy
