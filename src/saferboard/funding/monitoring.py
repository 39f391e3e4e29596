"""Monitoring a grant once it is awarded: milestones and targets, progress reports, the
in-grant review, variations (change and extension requests) and the end of the grant.

Money moves only through funding/ledger.py: ending a grant at its review cancels the
planned tranches and gives the unreleased money back to the fund (`ledger.award_reduce`);
completing a grant records any unused money the grantee returns (`ledger.money_return`)
and gives back what was never released. Who may call what is the views' business (the
grantee submits reports and asks for variations; the funding officer does the rest).
"""

import datetime

from django.db import transaction

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.funding import ledger
from saferboard.funding.models import (
    Award,
    AwardStatus,
    Fund,
    Milestone,
    MilestoneStatus,
    MonitoringReport,
    ReportKind,
    ReportStatus,
    ReviewOutcome,
    Tranche,
    TrancheStatus,
    Variation,
    VariationKind,
    VariationStatus,
)
from saferboard.meetings.models import Resolution

PROGRESS_EVERY_MONTHS = 3
REVIEW_CONTINUE = ReviewOutcome.CONTINUE
REVIEW_END = ReviewOutcome.END
REVIEW_OUTCOMES = dict(ReviewOutcome.choices)


def day(on: datetime.date) -> str:
    """A date as GOV.UK writes it: 10 December 2020."""
    return f"{on.day} {on:%B %Y}"


def _active(award: Award, *, doing: str) -> None:
    if award.status != AwardStatus.ACTIVE:
        raise BusinessRuleError(
            f"This grant is {award.get_status_display().lower()}; you cannot {doing}."
        )


def _fresh(award: Award) -> Award:
    """The award as saved now, its fund's row locked (ledger writes lock it too, in the same
    order, so two officers ending one grant at once cannot both give the money back)."""
    Fund.objects.select_for_update().get(pk=award.fund_id)
    return Award.objects.select_related("fund", "bid").get(pk=award.pk)


# Milestones and targets ----------------------------------------------------------------


def _milestone_dates(award: Award, due_on: datetime.date) -> None:
    if due_on < award.starts_on:
        raise BusinessRuleError(
            f"The due date cannot be before the grant starts ({day(award.starts_on)}).",
            field="due_on",
        )


@transaction.atomic
def milestone_add(
    *, award: Award, title: str, due_on: datetime.date, target: str = "", by: User | None
) -> Milestone:
    _active(award, doing="add milestones")
    _milestone_dates(award, due_on)
    return record_create(
        model=Milestone,
        partnership=award.partnership,
        by=by,
        award=award,
        title=title,
        target=target,
        due_on=due_on,
    )


@transaction.atomic
def milestone_edit(
    *,
    milestone: Milestone,
    title: str,
    due_on: datetime.date,
    target: str = "",
    by: User | None,
    expected_version: int | None,
) -> Milestone:
    _milestone_dates(milestone.award, due_on)
    return record_update(
        instance=milestone,
        by=by,
        expected_version=expected_version,
        title=title,
        target=target,
        due_on=due_on,
    )


@transaction.atomic
def milestone_record(
    *,
    milestone: Milestone,
    status: str,
    achieved: str,
    by: User | None,
    expected_version: int | None,
) -> Milestone:
    """Record what was achieved against a milestone: met, partly met or missed."""
    if status not in {MilestoneStatus.MET, MilestoneStatus.PARTLY_MET, MilestoneStatus.MISSED}:
        raise BusinessRuleError("Select met, partly met or missed.", field="status")
    if status != MilestoneStatus.MET and not achieved.strip():
        raise BusinessRuleError(
            "Say what was achieved when a milestone is partly met or missed.", field="achieved"
        )
    return record_update(
        instance=milestone,
        by=by,
        expected_version=expected_version,
        status=status,
        achieved=achieved,
    )


# Reports: progress, review, evaluation --------------------------------------------------


@transaction.atomic
def report_schedule(
    *, award: Award, kind: str, due_on: datetime.date, by: User | None
) -> MonitoringReport:
    """The officer asks for a report on a date."""
    _active(award, doing="ask for reports")
    if due_on < award.starts_on:
        raise BusinessRuleError(
            f"A report cannot be due before the grant starts ({day(award.starts_on)}).",
            field="due_on",
        )
    if (
        kind in {ReportKind.REVIEW, ReportKind.EVALUATION}
        and award.reports.filter(kind=kind).exclude(status=ReportStatus.ACCEPTED).exists()
    ):
        label = ReportKind(kind).label.lower()
        raise BusinessRuleError(f"This grant already has an {label} to come.", field="kind")
    return record_create(
        model=MonitoringReport,
        partnership=award.partnership,
        by=by,
        award=award,
        kind=kind,
        due_on=due_on,
    )


def _add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def award_monitoring_schedule(*, award: Award, by: User | None) -> list[MonitoringReport]:
    """The standard schedule: a progress report every three months of the grant (none on
    the review's or the end's date), the review on `award.review_on` and the end-of-grant
    evaluation on `award.ends_on`. Reports the award already has (same kind and date) are
    not made twice, so calling it again is harmless. Returns the reports made."""
    existing = set(award.reports.values_list("kind", "due_on"))
    wanted: list[tuple[str, datetime.date]] = []
    quarter = 1
    while (due := _add_months(award.starts_on, PROGRESS_EVERY_MONTHS * quarter)) < award.ends_on:
        if due != award.review_on:
            wanted.append((ReportKind.PROGRESS, due))
        quarter += 1
    if award.review_on:
        wanted.append((ReportKind.REVIEW, award.review_on))
    wanted.append((ReportKind.EVALUATION, award.ends_on))
    return [
        record_create(
            model=MonitoringReport,
            partnership=award.partnership,
            by=by,
            award=award,
            kind=kind,
            due_on=due_on,
        )
        for kind, due_on in wanted
        if (kind, due_on) not in existing
    ]


@transaction.atomic
def report_submit(
    *,
    report: MonitoringReport,
    narrative: str,
    outputs: str = "",
    spend_to_date=None,
    on: datetime.date,
    by: User | None,
    expected_version: int | None,
) -> MonitoringReport:
    """The grantee sends the report: what happened, the outputs against the targets and
    the money spent so far. A submitted report can be sent again until it is accepted."""
    if report.status == ReportStatus.ACCEPTED:
        raise BusinessRuleError("This report has been accepted; it cannot be changed.")
    if not narrative.strip():
        raise BusinessRuleError("Enter what happened in this period.", field="narrative")
    if spend_to_date is not None and spend_to_date < 0:
        raise BusinessRuleError("Spend to date cannot be less than £0.", field="spend_to_date")
    return record_update(
        instance=report,
        by=by,
        expected_version=expected_version,
        narrative=narrative,
        outputs=outputs,
        spend_to_date=spend_to_date,
        status=ReportStatus.SUBMITTED,
        submitted_on=on,
        submitted_by=by,
    )


@transaction.atomic
def report_accept(
    *,
    report: MonitoringReport,
    comments: str = "",
    on: datetime.date,
    by: User | None,
    expected_version: int | None,
    review_outcome: str = "",
) -> MonitoringReport:
    """The officer accepts a submitted report with comments. For the review, say what it
    decided: `REVIEW_CONTINUE`, or `REVIEW_END`, which ends the grant early (see
    `award_end_early`): nothing more is released and the unreleased money goes back."""
    if report.status != ReportStatus.SUBMITTED:
        raise BusinessRuleError(
            f"This report is {report.get_status_display().lower()}; only a submitted report "
            "can be accepted."
        )
    if report.kind == ReportKind.REVIEW:
        if review_outcome not in REVIEW_OUTCOMES:
            raise BusinessRuleError(
                "Select whether the grant continues or ends.", field="review_outcome"
            )
    else:
        review_outcome = ""
    report = record_update(
        instance=report,
        by=by,
        expected_version=expected_version,
        status=ReportStatus.ACCEPTED,
        officer_comments=comments,
        review_outcome=review_outcome,
        accepted_on=on,
    )
    if report.kind == ReportKind.REVIEW and review_outcome == REVIEW_END:
        award_end_early(award=report.award, on=on, by=by, note="Ended at its review.")
    return report


def _cancel_planned_tranches(award: Award, *, by: User | None) -> None:
    for tranche in Tranche.objects.filter(award=award, status=TrancheStatus.PLANNED):
        record_update(
            instance=tranche, by=by, expected_version=None, status=TrancheStatus.CANCELLED
        )


def _give_back_unreleased(award: Award, *, on: datetime.date, by: User | None, note: str):
    committed = ledger.award_position(award).committed
    if committed > 0:
        ledger.award_reduce(award=award, amount=committed, on=on, by=by, note=note)


@transaction.atomic
def award_end_early(*, award: Award, on: datetime.date, by: User | None, note: str = "") -> Award:
    """End an active grant now (it failed its review): release nothing more, cancel its
    planned tranches and give every unreleased pound back to the fund."""
    award = _fresh(award)
    _active(award, doing="end it")
    _cancel_planned_tranches(award, by=by)
    _give_back_unreleased(award, on=on, by=by, note=note or "Grant ended early.")
    return record_update(
        instance=award, by=by, expected_version=None, status=AwardStatus.ENDED_EARLY
    )


# Variations --------------------------------------------------------------------------


def _extension_date(award: Award, new_ends_on: datetime.date | None) -> None:
    if new_ends_on is None:
        raise BusinessRuleError("Give the new end date of the grant.", field="new_ends_on")
    if new_ends_on <= award.ends_on:
        raise BusinessRuleError(
            f"The new end date must be after the current one ({day(award.ends_on)}).",
            field="new_ends_on",
        )


@transaction.atomic
def variation_request(
    *,
    award: Award,
    kind: str,
    description: str,
    new_ends_on: datetime.date | None = None,
    on: datetime.date,
    by: User | None,
) -> Variation:
    """A change of use or an extension, asked for by the grantee or the officer; nothing
    changes until a manager approves it."""
    _active(award, doing="ask to vary it")
    if not description.strip():
        raise BusinessRuleError("Describe the change and why it is needed.", field="description")
    if kind == VariationKind.EXTENSION:
        _extension_date(award, new_ends_on)
    else:
        new_ends_on = None
    return record_create(
        model=Variation,
        partnership=award.partnership,
        by=by,
        award=award,
        kind=kind,
        description=description,
        new_ends_on=new_ends_on,
        requested_on=on,
        requested_by=by,
    )


@transaction.atomic
def variation_decide(
    *,
    variation: Variation,
    approve: bool,
    note: str = "",
    resolution: Resolution | None = None,
    on: datetime.date,
    by: User | None,
    expected_version: int | None,
) -> Variation:
    """A manager approves or refuses a variation, perhaps citing the resolution that
    approved it. Approving an extension moves the grant's end date and the end-of-grant
    evaluation's due date with it."""
    if variation.status != VariationStatus.REQUESTED:
        raise BusinessRuleError(
            f"This request is already {variation.get_status_display().lower()}."
        )
    if not approve and not note.strip():
        raise BusinessRuleError("Give the reason for refusing the request.", field="note")
    if resolution is not None and resolution.partnership_id != variation.partnership_id:
        raise BusinessRuleError("Choose one of the partnership's resolutions.", field="resolution")
    award = _fresh(variation.award)
    if approve:
        _active(award, doing="vary it")
    variation = record_update(
        instance=variation,
        by=by,
        expected_version=expected_version,
        status=VariationStatus.APPROVED if approve else VariationStatus.REFUSED,
        decided_on=on,
        decided_by=by,
        decision_note=note,
        resolution=resolution,
    )
    if approve and variation.kind == VariationKind.EXTENSION:
        _extension_date(award, variation.new_ends_on)
        record_update(instance=award, by=by, expected_version=None, ends_on=variation.new_ends_on)
        for report in award.reports.filter(kind=ReportKind.EVALUATION).exclude(
            status=ReportStatus.ACCEPTED
        ):
            record_update(
                instance=report, by=by, expected_version=None, due_on=variation.new_ends_on
            )
    return variation


# Money back and the end of the grant ----------------------------------------------------


@transaction.atomic
def award_money_return(*, award: Award, amount, on: datetime.date, by: User | None, note: str = ""):
    """Unused money the grantee pays back (no more than they hold): a ledger return."""
    return ledger.money_return(award=award, amount=amount, on=on, by=by, note=note)


@transaction.atomic
def award_complete(
    *,
    award: Award,
    returned=None,
    on: datetime.date,
    by: User | None,
    note: str = "",
    expected_version: int | None,
) -> Award:
    """The end of the grant: record the unused money the grantee returns (if any), give any
    money never released back to the fund, cancel tranches still planned, and mark the
    award completed."""
    award = _fresh(award)
    if expected_version is not None and award.version != expected_version:
        raise StaleEditError("This grant")
    _active(award, doing="complete it")
    if returned not in (None, "", 0):
        try:
            ledger.money_return(
                award=award, amount=returned, on=on, by=by, note=note or "Unused at the end."
            )
        except BusinessRuleError as error:
            raise BusinessRuleError(str(error), field="returned") from error
    _cancel_planned_tranches(award, by=by)
    _give_back_unreleased(award, on=on, by=by, note=note or "Not released by the end.")
    return record_update(instance=award, by=by, expected_version=None, status=AwardStatus.COMPLETED)
