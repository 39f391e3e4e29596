"""Breaches of an information sharing agreement and barriers to sharing: logging one, moving
it up the protocol's escalation path, and recording how it was resolved.

The path (`EscalationLevel`) runs within the organisation -> directors with their
counterparts -> the Statutory Officers Group -> the full partnership. An incident only moves
up it, one step at a time, or several at once with a note saying why; every step is an
`Escalation` row (date, note, who), the first written when the incident is logged. Summaries
describe what happened without personal details: an incident is not a place for them.
"""

import datetime

from django.db import transaction
from django.db.models import F, QuerySet

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import Organisation
from saferboard.sharing.models import (
    Escalation,
    EscalationLevel,
    Incident,
    IncidentKind,
    SharingAgreement,
)

# Who logs and manages breaches and barriers: information governance, and the community
# safety manager who takes them up the path. To anyone else the pages do not exist (404).
INCIDENT_KEEPERS = frozenset({Role.MANAGER, Role.INFORMATION_GOVERNANCE})


def incident_list(*, partnership: Partnership) -> QuerySet[Incident]:
    """The partnership's incidents, open ones first, each newest first."""
    return (
        Incident.objects.filter(partnership=partnership)
        .select_related("agreement")
        .prefetch_related("organisations")
        .order_by(F("resolved_on").asc(nulls_first=True), "-reported_on", "-pk")
    )


def incident_get(*, partnership: Partnership, pk: int) -> Incident:
    return incident_list(partnership=partnership).get(pk=pk)


def escalation_list(*, incident: Incident) -> QuerySet[Escalation]:
    return incident.escalations.select_related("by").order_by("on", "pk")


def _check_belongs(*, partnership: Partnership, agreement, organisations) -> None:
    if agreement is not None and agreement.partnership_id != partnership.pk:
        raise BusinessRuleError("Choose an agreement of this partnership.", field="agreement")
    if any(organisation.partnership_id != partnership.pk for organisation in organisations):
        raise BusinessRuleError("Choose organisations of this partnership.", field="organisations")


def _escalation_add(
    *, incident: Incident, by: User | None, level: int, on, note: str
) -> Escalation:
    # Not record_create: its `by` names the history's author, and here `by` is also a field.
    escalation = Escalation(
        partnership=incident.partnership, incident=incident, level=level, on=on, note=note, by=by
    )
    escalation.full_clean()
    escalation.save()
    return escalation


@transaction.atomic
def incident_log(
    *,
    partnership: Partnership,
    by: User | None,
    kind: str,
    reported_on: datetime.date,
    summary: str,
    organisations: list[Organisation],
    agreement: SharingAgreement | None = None,
    reported_to_ico: bool = False,
) -> Incident:
    """Log a breach or barrier; it starts on the path's first step, within the organisation."""
    organisations = list(organisations)
    if not organisations:
        raise BusinessRuleError(
            "Select the organisations involved: at least one.", field="organisations"
        )
    _check_belongs(partnership=partnership, agreement=agreement, organisations=organisations)
    if reported_to_ico and kind != IncidentKind.BREACH:
        raise BusinessRuleError(
            "Only a breach is reported to the Information Commissioner's Office: untick "
            "“Reported to the ICO” for a barrier to sharing.",
            field="reported_to_ico",
        )
    incident = record_create(
        model=Incident,
        partnership=partnership,
        by=by,
        kind=kind,
        agreement=agreement,
        reported_on=reported_on,
        summary=summary.strip(),
        reported_to_ico=reported_to_ico,
        level=EscalationLevel.ORGANISATION,
    )
    incident.organisations.set(organisations)
    _escalation_add(
        incident=incident, by=by, level=EscalationLevel.ORGANISATION, on=reported_on, note="Logged."
    )
    return incident


@transaction.atomic
def incident_escalate(
    *,
    incident: Incident,
    by: User | None,
    level: int,
    on: datetime.date,
    note: str = "",
    expected_version: int | None = None,
) -> Escalation:
    """Move `incident` up the path to `level` on `on`. Only upwards; skipping a step needs a
    note saying why; never before the step it is at."""
    if incident.resolved_on is not None:
        raise BusinessRuleError(
            f"This {incident.get_kind_display().lower()} was resolved on "
            f"{incident.resolved_on:%-d %B %Y}, so it cannot be escalated.",
        )
    level = EscalationLevel(int(level))
    current = EscalationLevel(incident.level)
    if level <= current:
        raise BusinessRuleError(
            f"It is already at “{current.label}”: escalate it to a higher level.",
            field="level",
        )
    note = note.strip()
    if level > current + 1 and not note:
        skipped = ", ".join(f"“{EscalationLevel(n).label}”" for n in range(current + 1, level))
        raise BusinessRuleError(
            f"Going to “{level.label}” skips {skipped}: say in the note why.", field="note"
        )
    last = escalation_list(incident=incident).last()
    since = last.on if last is not None else incident.reported_on
    if on < since:
        raise BusinessRuleError(
            f"Give a date on or after {since:%-d %B %Y}, when it reached “{current.label}”.",
            field="on",
        )
    record_update(instance=incident, by=by, expected_version=expected_version, level=level)
    return _escalation_add(incident=incident, by=by, level=level, on=on, note=note)


@transaction.atomic
def incident_resolve(
    *,
    incident: Incident,
    by: User | None,
    resolved_on: datetime.date,
    resolution: str,
    expected_version: int | None = None,
) -> Incident:
    """Record the date and how it was resolved (both are needed)."""
    if incident.resolved_on is not None:
        raise BusinessRuleError(
            f"This {incident.get_kind_display().lower()} was already resolved on "
            f"{incident.resolved_on:%-d %B %Y}."
        )
    resolution = resolution.strip()
    if not resolution:
        raise BusinessRuleError("Describe how it was resolved.", field="resolution")
    last = escalation_list(incident=incident).last()
    since = last.on if last is not None else incident.reported_on
    if resolved_on < since:
        raise BusinessRuleError(
            f"Give a date on or after {since:%-d %B %Y}, its last step on the path.",
            field="resolved_on",
        )
    return record_update(
        instance=incident,
        by=by,
        expected_version=expected_version,
        resolved_on=resolved_on,
        resolution=resolution,
    )
