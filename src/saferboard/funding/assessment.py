"""Assessing bids: each assessor scores the fund's criteria (or declares a conflict of
interest and scores nothing), and the panel's results are weighted and averaged; the summary
paper for the deciding meeting is built from them.

A weighted total is sum(score x weight) / sum(maximum x weight), as a percentage. The
panel's total is the mean of its members' totals, leaving out those who declared a conflict.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import PartnershipRole, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create, record_update
from saferboard.funding import ledger
from saferboard.funding.bids import eligibility_checklists
from saferboard.funding.models import (
    Assessment,
    Bid,
    Criterion,
    Fund,
    Recommendation,
    Score,
    Stage,
)
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.packs import html_to_pdf

# A bid is assessed after its presentation and on its full application.
ASSESSABLE_STAGES = frozenset({Stage.PRESENTATION, Stage.FULL_APPLICATION})
TENTH = Decimal("0.1")


def _is_manager(*, partnership, user: User) -> bool:
    return PartnershipRole.objects.filter(
        partnership=partnership, user=user, role=Role.MANAGER
    ).exists()


def may_assess(*, bid: Bid, user: User) -> bool:
    """The fund's assessors assess its bids; managers may too."""
    return bid.fund.assessors.filter(pk=user.pk).exists() or _is_manager(
        partnership=bid.partnership, user=user
    )


def sees_scores(*, bid: Bid, user: User, roles: frozenset[str]) -> bool:
    """Scores and assessors' comments are for managers and the fund's assessors only; an
    applicant's contributors never see them."""
    return Role.MANAGER in roles or bid.fund.assessors.filter(pk=user.pk).exists()


# --- writing an assessment -------------------------------------------------------------


def _whole_number(value, *, field_name: str, label: str) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return int(str(value).strip())
    except ValueError as error:
        raise BusinessRuleError(
            f"Enter the score for {label} as a whole number, like 3.", field=field_name
        ) from error


@transaction.atomic
def assessment_record(
    *,
    bid: Bid,
    assessor: User,
    on: datetime.date,
    conflict_of_interest: bool,
    conflict_details: str = "",
    scores: dict | None = None,
    recommendation: str = "",
    comments: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """Record (or re-edit) `assessor`'s assessment of `bid`.

    `scores` maps each criterion (or its pk) to `(score, comment)`. With a conflict of
    interest the conflict must be described and nothing is scored (earlier scores are
    removed); otherwise every criterion of the fund is scored from 0 to its maximum and a
    recommendation given. Re-editing with a stale `expected_version` is refused.
    """
    if bid.stage not in ASSESSABLE_STAGES:
        raise BusinessRuleError(
            f"Bid {bid.reference} is at the {bid.get_stage_display().lower()} stage; bids are "
            "assessed at the presentation and full application stages."
        )
    if not may_assess(bid=bid, user=assessor):
        raise BusinessRuleError(
            f"{assessor} is not an assessor of {bid.fund.name}. Ask a manager to add them to "
            "the fund's assessors."
        )
    given = {getattr(key, "pk", key): value for key, value in (scores or {}).items()}
    criteria = list(bid.fund.criteria.all())
    conflict_details = conflict_details.strip()
    parsed: dict[int, tuple[int, str]] = {}
    if conflict_of_interest:
        if not conflict_details:
            raise BusinessRuleError("Describe the conflict of interest.", field="conflict_details")
        if any(str(score if score is not None else "").strip() for score, _ in given.values()):
            raise BusinessRuleError(
                "An assessor with a conflict of interest scores nothing: clear the scores, or "
                "say there is no conflict.",
                field="conflict_of_interest",
            )
        recommendation = ""
    else:
        conflict_details = ""
        unknown = set(given) - {c.pk for c in criteria}
        if unknown:
            raise BusinessRuleError(f"Criteria {sorted(unknown)} are not {bid.fund.name}'s.")
        for criterion in criteria:
            name = f"score_{criterion.pk}"
            score, comment = given.get(criterion.pk, (None, ""))
            number = _whole_number(score, field_name=name, label=criterion.title)
            if number is None:
                raise BusinessRuleError(f"Enter the score for {criterion.title}.", field=name)
            if not 0 <= number <= criterion.maximum_score:
                raise BusinessRuleError(
                    f"The score for {criterion.title} must be from 0 to {criterion.maximum_score}.",
                    field=name,
                )
            parsed[criterion.pk] = (number, (comment or "").strip())
        if recommendation not in Recommendation.values:
            raise BusinessRuleError("Select your recommendation.", field="recommendation")
    fields = {
        "conflict_of_interest": conflict_of_interest,
        "conflict_details": conflict_details,
        "recommendation": recommendation,
        "comments": comments.strip(),
        "completed_on": on,
    }
    assessment = Assessment.objects.filter(bid=bid, assessor=assessor).first()
    if assessment is None:
        assessment = record_create(
            model=Assessment,
            partnership=bid.partnership,
            by=assessor,
            bid=bid,
            assessor=assessor,
            **fields,
        )
    else:
        assessment = record_update(
            instance=assessment, by=assessor, expected_version=expected_version, **fields
        )
    existing = {s.criterion_id: s for s in assessment.scores.all()}
    for criterion_pk, score in existing.items():
        if criterion_pk not in parsed:
            score.delete()
    for criterion in criteria:
        if criterion.pk not in parsed:
            continue
        number, comment = parsed[criterion.pk]
        score = existing.get(criterion.pk)
        if score is None:
            record_create(
                model=Score,
                partnership=bid.partnership,
                by=assessor,
                assessment=assessment,
                criterion=criterion,
                score=number,
                comment=comment,
            )
        elif (score.score, score.comment) != (number, comment):
            record_update(
                instance=score, by=assessor, expected_version=None, score=number, comment=comment
            )
    return assessment


# --- the panel's results ---------------------------------------------------------------


def weighted_percentage(marks) -> Decimal | None:
    """sum(score x weight) / sum(maximum x weight) x 100, to one place; `marks` are
    (score, maximum, weight). None when there is nothing to weigh."""
    marks = list(marks)
    possible = sum(Decimal(maximum) * Decimal(weight) for _, maximum, weight in marks)
    if not marks or possible == 0:
        return None
    got = sum(Decimal(score) * Decimal(weight) for score, _, weight in marks)
    return (got * 100 / possible).quantize(TENTH, rounding=ROUND_HALF_UP)


def _mean(values) -> Decimal | None:
    values = [Decimal(v) for v in values if v is not None]
    if not values:
        return None
    return (sum(values) / len(values)).quantize(TENTH, rounding=ROUND_HALF_UP)


@dataclass
class AssessmentResult:
    assessment: Assessment
    percentage: Decimal | None
    scores: dict  # criterion pk -> Score
    cells: list  # the Score (or None) for each of the fund's criteria, in order


@dataclass
class CriterionResult:
    criterion: Criterion
    average: Decimal | None


@dataclass
class Panel:
    """A bid's assessments with their weighted totals, per-criterion averages, the panel's
    average, the recommendations made and who declared a conflict."""

    results: list[AssessmentResult] = field(default_factory=list)
    criteria: list[CriterionResult] = field(default_factory=list)
    average: Decimal | None = None
    recommendations: list[tuple[str, int]] = field(default_factory=list)
    conflicted: list[User] = field(default_factory=list)

    @property
    def scored(self) -> list[AssessmentResult]:
        return [r for r in self.results if not r.assessment.conflict_of_interest]


def panel_from(*, criteria: list[Criterion], assessments: list[Assessment]) -> Panel:
    """The panel's figures from assessments whose `scores` are prefetched."""
    panel = Panel()
    weights = {c.pk: c for c in criteria}
    for assessment in assessments:
        scores = {s.criterion_id: s for s in assessment.scores.all()}
        if assessment.conflict_of_interest:
            panel.conflicted.append(assessment.assessor)
            percentage = None
        else:
            percentage = weighted_percentage(
                (s.score, weights[pk].maximum_score, weights[pk].weight)
                for pk, s in scores.items()
                if pk in weights
            )
        cells = [scores.get(c.pk) for c in criteria]
        panel.results.append(AssessmentResult(assessment, percentage, scores, cells))
    scored = panel.scored
    panel.criteria = [
        CriterionResult(c, _mean(r.scores[c.pk].score for r in scored if c.pk in r.scores))
        for c in criteria
    ]
    panel.average = _mean(r.percentage for r in scored)
    counts = Counter(r.assessment.recommendation for r in scored if r.assessment.recommendation)
    panel.recommendations = [
        (label, counts[value]) for value, label in Recommendation.choices if counts[value]
    ]
    return panel


def _assessments(bids) -> dict[int, list[Assessment]]:
    rows = (
        Assessment.objects.filter(bid__in=bids)
        .select_related("assessor")
        .prefetch_related(
            Prefetch(
                "scores", queryset=Score.objects.select_related("criterion").order_by("criterion")
            )
        )
        .order_by("bid", "pk")
    )
    grouped: dict[int, list[Assessment]] = {}
    for row in rows:
        grouped.setdefault(row.bid_id, []).append(row)
    return grouped


def panel(*, bid: Bid) -> Panel:
    return panel_from(
        criteria=list(bid.fund.criteria.all()), assessments=_assessments([bid]).get(bid.pk, [])
    )


# --- the summary paper for the deciding meeting -------------------------------------------


def eligibility_results(*, fund: Fund, bids) -> dict[int, str]:
    """Each bid's checklist (bids.eligibility_checklists) in a phrase: all met, which are
    not met, or how far it is checked."""
    results = {}
    for pk, lines in eligibility_checklists(fund_id=fund.pk, bids=bids).items():
        failed = [str(line.rule) for line in lines if line.failed]
        checked = sum(1 for line in lines if line.check is not None)
        if failed:
            results[pk] = "Not met: " + "; ".join(failed)
        elif checked < len(lines):
            results[pk] = f"Not finished: {checked} of {len(lines)} checked"
        else:
            results[pk] = "All met"
    return results


@dataclass
class SummaryRow:
    bid: Bid
    eligibility: str
    panel: Panel


@dataclass
class Summary:
    fund: Fund
    criteria: list[Criterion]
    rows: list[SummaryRow]
    balance: ledger.Balance
    requested: Decimal

    @property
    def title(self) -> str:
        return f"{self.fund.name}: bids for decision"

    @property
    def file_name(self) -> str:
        return f"bids-for-decision-{self.fund.reference_prefix.lower()}-{self.fund.pk}.pdf"


def summary(*, fund: Fund) -> Summary:
    """The bids of `fund` awaiting decision (at the full application stage), each with its
    eligibility result and the panel's scores, and the fund's money. A fixed number of
    queries, however many bids."""
    bids = list(
        Bid.objects.filter(fund=fund, stage=Stage.FULL_APPLICATION)
        .select_related("applicant")
        .order_by("reference")
    )
    criteria = list(fund.criteria.all())
    grouped = _assessments(bids)
    eligibility = eligibility_results(fund=fund, bids=bids)
    rows = [
        SummaryRow(
            bid=bid,
            eligibility=eligibility[bid.pk],
            panel=panel_from(criteria=criteria, assessments=grouped.get(bid.pk, [])),
        )
        for bid in bids
    ]
    return Summary(
        fund=fund,
        criteria=criteria,
        rows=rows,
        balance=ledger.fund_balance(fund),
        requested=sum((bid.amount_requested for bid in bids), Decimal("0.00")),
    )


def summary_pdf(*, report: Summary, today: datetime.date) -> bytes:
    html = render_to_string(
        "funding/pdf/assessment_summary.html", {"report": report, "generated_on": today}
    )
    return html_to_pdf(html).write_pdf()


def summary_paper(*, fund: Fund, today: datetime.date) -> GeneratedPaper:
    report = summary(fund=fund)
    return GeneratedPaper(
        title=report.title, file_name=report.file_name, pdf=summary_pdf(report=report, today=today)
    )
