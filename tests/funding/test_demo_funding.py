"""The demo's POCA fund: built through the funding services, with bids in every stage, the
worked example's two-year post (one tranche released, one planned after its nine-month
review, an extension), a balance derived from the ledger, and a contributor login that
sees its own organisation's bids."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import Client

from saferboard.core.demo import DEMO_PASSWORD, demo_build
from saferboard.funding import ledger
from saferboard.funding.models import (
    Bid,
    CheckResult,
    EntryKind,
    Fund,
    LedgerEntry,
    MonitoringReport,
    Outcome,
    ReportStatus,
    RuleKind,
    Stage,
    TrancheStatus,
    VariationKind,
    VariationStatus,
)


@pytest.fixture
def fund(db):
    """The demo without meetings (they are slow); the fund's decisions then name no item."""
    demo_build(meetings=False, performance=False)
    return Fund.objects.get(partnership__slug="city-of-london", reference_prefix="POCA")


def test_the_fund_has_the_citys_rules_and_criteria(fund):
    assert (fund.minimum_award, fund.maximum_award) == (Decimal("1000.00"), Decimal("50000.00"))
    assert fund.financial_year == 2020
    assert "Countering terrorism" in fund.priority_areas
    assert len(fund.key_themes) == 11
    requirements = fund.rules.filter(kind=RuleKind.REQUIREMENT)
    assert requirements.count() == 6
    assert fund.rules.filter(kind=RuleKind.EXCLUSION, wording="Retrospective costs").exists()
    weights = list(fund.criteria.order_by("position").values_list("weight", flat=True))
    assert len(weights) == 8 and set(weights) == {Decimal("1.00"), Decimal("2.00")}
    assert fund.assessors.count() == 3


def test_there_are_bids_in_every_stage_and_every_outcome(fund):
    bids = Bid.objects.filter(fund=fund)
    stages = set(bids.values_list("stage", flat=True))
    assert {
        Stage.DRAFT,
        Stage.EXPRESSION_OF_INTEREST,
        Stage.PRESENTATION,
        Stage.FULL_APPLICATION,
        Stage.DECISION,
    } <= stages
    outcomes = set(bids.exclude(decision=None).values_list("decision__outcome", flat=True))
    assert outcomes == set(Outcome.values)
    rejected = bids.get(decision__outcome=Outcome.REJECTED)
    assert "not crime prevention" in rejected.decision.reason
    held = bids.get(stage=Stage.PRESENTATION)
    assert held.checks.filter(result=CheckResult.NOT_MET).exists()  # stuck at its gate
    waiting = bids.get(stage=Stage.FULL_APPLICATION)
    assert waiting.assessments.filter(conflict_of_interest=True).count() == 1
    assert waiting.assessments.filter(conflict_of_interest=False).count() == 2
    # Every move was recorded, so each decided bid's history starts with its submission.
    for bid in bids.filter(stage=Stage.DECISION):
        assert list(bid.stage_changes.values_list("to_stage", flat=True)) == [
            Stage.EXPRESSION_OF_INTEREST,
            Stage.PRESENTATION,
            Stage.FULL_APPLICATION,
            Stage.DECISION,
        ]


def test_the_two_year_post_has_one_tranche_released_and_its_review(fund):
    award = Bid.objects.get(fund=fund, decision__outcome=Outcome.APPROVED).award
    assert award.total == Decimal("71800.00")
    assert award.starts_on == datetime.date(2021, 1, 4)
    assert award.review_on == datetime.date(2021, 10, 4)  # nine months on
    first, second = award.tranches.order_by("number")
    assert (first.amount, first.status) == (Decimal("35700.00"), TrancheStatus.RELEASED)
    assert (second.amount, second.status) == (Decimal("36100.00"), TrancheStatus.PLANNED)
    assert second.condition == "After a successful nine-month review"
    extension = award.variations.get()
    assert (extension.kind, extension.status) == (
        VariationKind.EXTENSION,
        VariationStatus.APPROVED,
    )
    assert award.ends_on == extension.new_ends_on == datetime.date(2023, 3, 31)
    assert award.milestones.count() == 3
    reports = MonitoringReport.objects.filter(award=award)
    assert reports.filter(status=ReportStatus.SUBMITTED).count() == 1
    assert reports.filter(kind="review", due_on=award.review_on).exists()


def test_the_balance_is_income_less_releases_plus_returns(fund):
    def total(kind):
        entries = LedgerEntry.objects.filter(fund=fund, kind=kind)
        return entries.aggregate(total=Sum("amount"))["total"] or Decimal("0")

    balance = ledger.fund_balance(fund)
    assert balance.cash == total(EntryKind.INCOME) - total(EntryKind.RELEASE) + total(
        EntryKind.RETURN
    )
    assert balance.committed == total(EntryKind.AWARD) - total(EntryKind.RELEASE) - total(
        EntryKind.AWARD_REDUCTION
    )
    assert balance.available == balance.cash - balance.committed
    # About £110k was available in December 2020, before the post was approved.
    assert ledger.fund_balance(fund, on=datetime.date(2020, 12, 9)).available == Decimal(
        "110000.00"
    )
    assert balance.available < Decimal("110000.00")


def test_the_contributor_login_sees_its_own_bids(fund):
    client = Client()
    client.post("/sign-in/", {"username": "city-of-london-contributor", "password": DEMO_PASSWORD})
    assert client.session["_auth_user_id"]

    page = client.get("/p/city-of-london/funding/bids/").content.decode()

    assert "Safer stations" in page
    assert "Cycle marking days" in page
    assert "DA/VAWG support worker" not in page
