"""Reads of strategies and delivery plans, always scoped to one partnership."""

import dataclasses
import datetime

from django.db.models import OuterRef, Prefetch, QuerySet, Subquery

from saferboard.actions.selectors import user_organisation_ids
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.plans.models import (
    DeliveryPlan,
    KeyAction,
    KeyActionStatus,
    KeyActionUpdate,
    PlanReport,
    Priority,
    Strategy,
)
from saferboard.registry.models import Organisation

# Managers and clerks write plans; contributors add updates to their organisation's actions.
PLAN_EDITORS = frozenset({Role.MANAGER, Role.CLERK})
PLAN_UPDATERS = PLAN_EDITORS | {Role.CONTRIBUTOR}
# The status filter's value for every status that is not complete.
OPEN = "open"


def strategy_list(*, partnership: Partnership) -> QuerySet[Strategy]:
    return Strategy.objects.filter(partnership=partnership).select_related("owner_body")


def priority_list(*, partnership: Partnership) -> QuerySet[Priority]:
    return (
        Priority.objects.filter(partnership=partnership)
        .select_related("strategy")
        .order_by("-strategy__period_start", "strategy", "position", "pk")
    )


def plan_list(*, partnership: Partnership) -> QuerySet[DeliveryPlan]:
    return DeliveryPlan.objects.filter(partnership=partnership).select_related(
        "strategy", "owner_body"
    )


def with_latest_update(queryset: QuerySet[KeyAction]) -> QuerySet[KeyAction]:
    """Annotate the newest update's date, note and mitigation."""
    latest = KeyActionUpdate.objects.filter(key_action=OuterRef("pk")).order_by("-on", "-pk")
    return queryset.annotate(
        latest_update_on=Subquery(latest.values("on")[:1]),
        latest_update_note=Subquery(latest.values("note")[:1]),
        latest_update_mitigation=Subquery(latest.values("mitigation")[:1]),
    )


def key_action_list(*, partnership: Partnership) -> QuerySet[KeyAction]:
    organisations = Organisation.objects.order_by("name")
    return with_latest_update(
        KeyAction.objects.filter(partnership=partnership)
        .select_related("plan", "priority")
        .prefetch_related(
            Prefetch("lead_organisations", queryset=organisations),
            Prefetch("co_operating_organisations", queryset=organisations),
        )
        .order_by("-plan__period_start", "plan", "sort_key")
    )


def key_action_filter(
    *,
    queryset: QuerySet[KeyAction],
    status: str = "",
    organisation: Organisation | int | None = None,
    plan: DeliveryPlan | int | None = None,
) -> QuerySet[KeyAction]:
    """Narrow key actions by status (or OPEN: not complete), lead organisation and plan."""
    if status == OPEN:
        queryset = queryset.exclude(status=KeyActionStatus.COMPLETE)
    elif status:
        queryset = queryset.filter(status=status)
    if organisation is not None:
        queryset = queryset.filter(lead_organisations=organisation)
    if plan is not None:
        queryset = queryset.filter(plan=plan)
    return queryset.distinct()


def plan_key_actions(*, plan: DeliveryPlan) -> QuerySet[KeyAction]:
    return key_action_list(partnership=plan.partnership).filter(plan=plan).order_by("sort_key")


@dataclasses.dataclass
class PlanSection:
    """The key actions under one priority (or none, for those without a priority)."""

    priority: Priority | None
    key_actions: list[KeyAction]

    @property
    def heading(self) -> str:
        return str(self.priority) if self.priority else "Other key actions"


def plan_sections(*, key_actions) -> list[PlanSection]:
    """Key actions grouped under their priorities, priorities in their strategy's order and
    key actions by number; those without a priority come last."""
    groups: dict[int | None, PlanSection] = {}
    for action in key_actions:
        section = groups.setdefault(action.priority_id, PlanSection(action.priority, []))
        section.key_actions.append(action)

    def order(section: PlanSection) -> tuple:
        priority = section.priority
        return (priority is None, priority.position, priority.pk) if priority else (True, 0, 0)

    return sorted(groups.values(), key=order)


def plan_last_report(*, plan: DeliveryPlan) -> PlanReport | None:
    return plan.reports.order_by("-reported_on", "-pk").first()


def completed_since_last_report(
    *, plan: DeliveryPlan, last_report: PlanReport | None = None
) -> QuerySet[KeyAction]:
    """Key actions completed after the plan was last reported (all completed ones if it has
    never been reported)."""
    queryset = plan_key_actions(plan=plan).filter(status=KeyActionStatus.COMPLETE)
    if last_report is not None:
        queryset = queryset.filter(completed_on__gt=last_report.reported_on)
    return queryset


def key_action_may_add_update(
    *, key_action: KeyAction, user: User, roles: frozenset[str], on: datetime.date
) -> bool:
    """Managers and clerks update any key action; contributors those their organisation leads."""
    if roles & PLAN_EDITORS:
        return True
    if Role.CONTRIBUTOR not in roles:
        return False
    organisations = user_organisation_ids(partnership=key_action.partnership, user=user, on=on)
    return key_action.lead_organisations.filter(pk__in=organisations).exists()
