"""Recording what the deciding meeting resolved about a bid: approval (an award with its
tranches, committed in the ledger, the first tranche perhaps paid at once), approval with
conditions, rejection with a reason, or redirection to other funding. All of it is one
transaction: if the fund has not the money, nothing is written.
"""

import calendar
import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import (
    APPROVING,
    Award,
    Bid,
    Decision,
    Fund,
    Outcome,
    Stage,
    Tranche,
    TrancheStatus,
)
from saferboard.funding.stages import stage_set
from saferboard.meetings.models import AgendaItem, Meeting, Resolution

# The in-grant review falls this long after the start unless the meeting says otherwise.
REVIEW_AFTER_MONTHS = 9


def months_after(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or the month's last day, for 31 January + 1 month)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return start.replace(
        year=year, month=month, day=min(start.day, calendar.monthrange(year, month)[1])
    )


def default_review_on(starts_on: datetime.date) -> datetime.date:
    return months_after(starts_on, REVIEW_AFTER_MONTHS)


def term_end(starts_on: datetime.date, term_months: int) -> datetime.date:
    """The last day of a grant of `term_months` starting on `starts_on`."""
    return months_after(starts_on, term_months) - datetime.timedelta(days=1)


# --- where decisions are taken --------------------------------------------------------------


def deciding_meetings(*, fund: Fund) -> QuerySet[Meeting]:
    """The meetings a decision on `fund`'s bids may be linked to: the deciding body's, or any
    of the partnership's if the fund names no body; latest first."""
    meetings = Meeting.objects.filter(partnership=fund.partnership)
    if fund.deciding_body_id:
        meetings = meetings.filter(bodies=fund.deciding_body_id)
    return meetings.distinct().order_by("-date", "-start_time", "-pk")


def deciding_items(*, fund: Fund) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(meeting__in=deciding_meetings(fund=fund))
        .select_related("meeting")
        .order_by("-meeting__date", "meeting_id", "position", "pk")
    )


def deciding_resolutions(*, fund: Fund) -> QuerySet[Resolution]:
    return (
        Resolution.objects.filter(item__in=deciding_items(fund=fund))
        .select_related("item", "item__meeting")
        .order_by("-item__meeting__date", "item__meeting_id", "item__position", "position", "pk")
    )


def _where(*, bid: Bid, meeting, item, resolution):
    """The meeting, item and resolution, made consistent and checked to be the partnership's."""
    if resolution is not None:
        if item is not None and resolution.item_id != item.pk:
            raise BusinessRuleError(
                "That resolution was not made on the chosen agenda item.", field="resolution"
            )
        item = resolution.item
    if item is not None:
        if meeting is not None and item.meeting_id != meeting.pk:
            raise BusinessRuleError(
                "That agenda item is not on the chosen meeting's agenda.", field="item"
            )
        meeting = item.meeting
    for record, name in ((meeting, "meeting"), (item, "item"), (resolution, "resolution")):
        if record is not None and record.partnership_id != bid.partnership_id:
            raise BusinessRuleError(f"Choose a {name} of this partnership.", field=name)
    return meeting, item, resolution


def _tranche_rows(tranches, *, total: Decimal) -> list[tuple[Decimal, datetime.date, str]]:
    rows = []
    for number, (amount, due_on, condition) in enumerate(tranches, start=1):
        amount = ledger.money(amount, field=f"tranche_{number}_amount")
        if due_on is None:
            raise BusinessRuleError(
                f"Enter the date tranche {number} is due.", field=f"tranche_{number}_due_on"
            )
        rows.append((amount, due_on, (condition or "").strip()))
    if not rows:
        raise BusinessRuleError(
            "Set out at least one tranche: how much is paid, and when.", field="tranche_1_amount"
        )
    planned = sum((amount for amount, _, _ in rows), Decimal("0.00"))
    if planned != total:
        raise BusinessRuleError(
            f"The tranches add up to {ledger.pounds(planned)} but the award is "
            f"{ledger.pounds(total)}: they must add up to the total.",
            field="tranche_1_amount",
        )
    return rows


@transaction.atomic
def decision_record(
    *,
    bid: Bid,
    outcome: str,
    decided_on: datetime.date,
    by: User | None,
    meeting: Meeting | None = None,
    item: AgendaItem | None = None,
    resolution: Resolution | None = None,
    reason: str = "",
    conditions: str = "",
    redirected_to: str = "",
    award_total=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    term_months: int | None = None,
    review_on: datetime.date | None = None,
    tranches=(),
    release_first_now: bool = False,
    expected_version: int | None = None,
) -> Decision:
    """Record the decision on `bid` and move it to "decided", in one transaction.

    Approvals (with or without conditions) make the award of `award_total` from `starts_on`
    to `ends_on` (or for `term_months`, by default the bid's term) with `tranches`, a list
    of (amount, due_on, condition) adding up to the total; the total is committed in the
    ledger (refused if the fund has not that much available), with `release_first_now` the
    first tranche is paid on `decided_on`, and the award's monitoring schedule is set up
    (monitoring.award_monitoring_schedule). A rejection needs a `reason`, a redirection
    names the other funding in `redirected_to`. `expected_version` is the bid's.
    """
    bid = Bid.objects.select_related("fund", "partnership").get(pk=bid.pk)
    if bid.stage != Stage.FULL_APPLICATION or Decision.objects.filter(bid=bid).exists():
        raise BusinessRuleError(
            f"Bid {bid.reference} is at the {bid.get_stage_display().lower()} stage. Only a "
            "bid at the full application stage can be decided."
        )
    if outcome not in Outcome.values:
        raise BusinessRuleError("Select the decision.", field="outcome")
    reason, conditions, redirected_to = reason.strip(), conditions.strip(), redirected_to.strip()
    if outcome == Outcome.REJECTED and not reason:
        raise BusinessRuleError(
            "Give the reason for the rejection, for example “outside the partnership's "
            "objectives”.",
            field="reason",
        )
    if outcome == Outcome.APPROVED_WITH_CONDITIONS and not conditions:
        raise BusinessRuleError("Set out the conditions of the approval.", field="conditions")
    if outcome == Outcome.REDIRECTED and not redirected_to:
        raise BusinessRuleError(
            "Say which other funding the bid is redirected to.", field="redirected_to"
        )
    meeting, item, resolution = _where(bid=bid, meeting=meeting, item=item, resolution=resolution)
    decision = record_create(
        model=Decision,
        partnership=bid.partnership,
        by=by,
        bid=bid,
        outcome=outcome,
        decided_on=decided_on,
        meeting=meeting,
        item=item,
        resolution=resolution,
        reason=reason,
        conditions=conditions if outcome == Outcome.APPROVED_WITH_CONDITIONS else "",
        redirected_to=redirected_to if outcome == Outcome.REDIRECTED else "",
        recorded_by=by,
    )
    if outcome in APPROVING:
        award = _award_make(
            decision=decision,
            total=award_total,
            starts_on=starts_on,
            ends_on=ends_on,
            term_months=term_months,
            review_on=review_on,
            tranches=tranches,
            release_first_now=release_first_now,
            by=by,
        )
        # The grant's reports: quarterly progress, the review, the end-of-grant evaluation.
        monitoring.award_monitoring_schedule(award=award, by=by)
    stage_set(
        bid=bid,
        to_stage=Stage.DECISION,
        on=decided_on,
        by=by,
        note=decision.get_outcome_display(),
        expected_version=expected_version,
    )
    return decision


def _award_make(
    *,
    decision: Decision,
    total,
    starts_on,
    ends_on,
    term_months,
    review_on,
    tranches,
    release_first_now: bool,
    by: User | None,
) -> Award:
    bid = decision.bid
    if total is None or str(total).strip() == "":
        raise BusinessRuleError("Enter the total awarded.", field="award_total")
    total = ledger.money(total, field="award_total")
    if starts_on is None:
        raise BusinessRuleError("Enter the date the grant starts.", field="starts_on")
    if ends_on is None:
        ends_on = term_end(starts_on, term_months or bid.term_months)
    if ends_on < starts_on:
        raise BusinessRuleError("The grant cannot end before it starts.", field="ends_on")
    rows = _tranche_rows(tranches, total=total)
    award = record_create(
        model=Award,
        partnership=bid.partnership,
        by=by,
        decision=decision,
        bid=bid,
        fund=bid.fund,
        total=total,
        starts_on=starts_on,
        ends_on=ends_on,
        review_on=review_on,
    )
    made = [
        record_create(
            model=Tranche,
            partnership=bid.partnership,
            by=by,
            award=award,
            number=number,
            amount=amount,
            due_on=due_on,
            condition=condition,
        )
        for number, (amount, due_on, condition) in enumerate(rows, start=1)
    ]
    try:
        ledger.award_commit(award=award, on=decision.decided_on, by=by, note=f"Bid {bid.reference}")
    except BusinessRuleError as error:
        raise BusinessRuleError(str(error), field="award_total") from error
    if release_first_now:
        ledger.tranche_release(tranche=made[0], on=decision.decided_on, by=by)
    return award


def tranche_list(*, award: Award) -> QuerySet[Tranche]:
    return Tranche.objects.filter(award=award).order_by("number")


def tranche_get(*, partnership: Partnership, pk) -> Tranche:
    """A tranche of the partnership (Tranche.DoesNotExist otherwise), with its award and bid."""
    return Tranche.objects.select_related("award__bid__applicant", "award__fund").get(
        partnership=partnership, pk=pk
    )


def planned(tranche: Tranche) -> bool:
    return tranche.status == TrancheStatus.PLANNED
