"""Recording the deciding meeting's decision: the award, its tranches and the ledger."""

import datetime
from decimal import Decimal

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import ledger
from saferboard.funding.decisions import decision_record, default_review_on, term_end
from saferboard.funding.models import (
    Award,
    Decision,
    LedgerEntry,
    Outcome,
    Stage,
    StageChange,
    Tranche,
    TrancheStatus,
)
from tests.factories import AgendaItemFactory, BidFactory, ResolutionFactory

DECIDED = datetime.date(2020, 12, 10)
START = datetime.date(2021, 1, 1)


@pytest.fixture
def bid(fund, applicant):
    return BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        stage=Stage.FULL_APPLICATION,
        priority_areas=fund.priority_areas[:1],
        key_themes=fund.key_themes[:1],
        amount_requested=71800,
        term_months=24,
    )


@pytest.fixture
def funded(fund, manager_a):
    ledger.income_add(fund=fund, amount="110000", on=datetime.date(2020, 4, 1), by=manager_a)
    return fund


def approve(bid, by, **extra):
    arguments = {
        "bid": bid,
        "outcome": Outcome.APPROVED,
        "decided_on": DECIDED,
        "by": by,
        "award_total": "71800",
        "starts_on": START,
        "review_on": default_review_on(START),
        "tranches": [
            (Decimal("35900"), START, ""),
            (Decimal("35900"), datetime.date(2022, 1, 1), "After a satisfactory review"),
        ],
        "release_first_now": True,
    }
    return decision_record(**(arguments | extra))


def test_approval_with_two_tranches_releases_the_first(funded, bid, manager_a):
    before = ledger.fund_balance(funded)

    decision = approve(bid, manager_a)

    award = Award.objects.get(decision=decision)
    assert award.total == Decimal("71800.00")
    assert award.ends_on == datetime.date(2022, 12, 31)  # the bid's 24 months
    assert award.review_on == datetime.date(2021, 10, 1)  # nine months on
    first, second = Tranche.objects.filter(award=award).order_by("number")
    assert (first.status, first.released_on) == (TrancheStatus.RELEASED, DECIDED)
    assert second.status == TrancheStatus.PLANNED
    assert second.condition == "After a satisfactory review"
    after = ledger.fund_balance(funded)
    assert before.cash - after.cash == Decimal("35900.00")
    assert before.available - after.available == Decimal("71800.00")
    assert after.committed == Decimal("35900.00")
    bid.refresh_from_db()
    assert bid.stage == Stage.DECISION
    assert StageChange.objects.filter(bid=bid, to_stage=Stage.DECISION, by=manager_a).exists()


def test_an_award_over_the_balance_is_refused_and_nothing_is_written(fund, bid, manager_a):
    ledger.income_add(fund=fund, amount="50000", on=datetime.date(2020, 4, 1), by=manager_a)
    entries = LedgerEntry.objects.count()

    with pytest.raises(BusinessRuleError, match="£50,000.00 available") as error:
        approve(bid, manager_a)

    assert error.value.field == "award_total"
    assert not Decision.objects.exists()
    assert not Award.objects.exists()
    assert not Tranche.objects.exists()
    assert LedgerEntry.objects.count() == entries
    bid.refresh_from_db()
    assert bid.stage == Stage.FULL_APPLICATION


def test_tranches_must_add_up_to_the_total(funded, bid, manager_a):
    with pytest.raises(BusinessRuleError, match="add up to £70,000.00"):
        approve(bid, manager_a, tranches=[("35000", START, ""), ("35000", START, "")])
    assert not Award.objects.exists()


def test_a_rejection_needs_a_reason(funded, bid, manager_a):
    with pytest.raises(BusinessRuleError, match="reason") as error:
        decision_record(bid=bid, outcome=Outcome.REJECTED, decided_on=DECIDED, by=manager_a)
    assert error.value.field == "reason"
    assert not Decision.objects.exists()

    decision = decision_record(
        bid=bid,
        outcome=Outcome.REJECTED,
        decided_on=DECIDED,
        by=manager_a,
        reason="Outside the partnership's objectives",
    )
    assert decision.reason == "Outside the partnership's objectives"
    assert not Award.objects.exists()
    assert ledger.fund_balance(funded).available == Decimal("110000.00")


def test_a_redirection_names_the_other_funding(funded, bid, manager_a):
    with pytest.raises(BusinessRuleError, match="other funding"):
        decision_record(bid=bid, outcome=Outcome.REDIRECTED, decided_on=DECIDED, by=manager_a)
    decision = decision_record(
        bid=bid,
        outcome=Outcome.REDIRECTED,
        decided_on=DECIDED,
        by=manager_a,
        redirected_to="The ward small grants scheme",
    )
    assert decision.redirected_to == "The ward small grants scheme"


def test_only_a_bid_at_full_application_can_be_decided(funded, fund, applicant, manager_a):
    early = BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        stage=Stage.PRESENTATION,
        priority_areas=fund.priority_areas[:1],
        key_themes=fund.key_themes[:1],
    )
    with pytest.raises(BusinessRuleError, match="Only a bid at the full application stage"):
        decision_record(
            bid=early, outcome=Outcome.REJECTED, decided_on=DECIDED, by=manager_a, reason="No"
        )
    assert not Decision.objects.exists()


def test_the_decision_links_to_the_item_and_resolution(funded, bid, manager_a, partnership_a):
    resolution = ResolutionFactory(partnership=partnership_a, text="That the bid be approved.")

    decision = approve(bid, manager_a, resolution=resolution)

    assert decision.resolution == resolution
    assert decision.item == resolution.item
    assert decision.meeting == resolution.item.meeting


def test_a_resolution_of_another_item_is_refused(funded, bid, manager_a, partnership_a):
    resolution = ResolutionFactory(partnership=partnership_a)
    other_item = AgendaItemFactory(partnership=partnership_a)
    with pytest.raises(BusinessRuleError, match="not made on the chosen agenda item"):
        approve(bid, manager_a, item=other_item, resolution=resolution)
    assert not Decision.objects.exists()


def test_another_partnerships_resolution_is_refused(funded, bid, manager_a, partnership_b):
    resolution = ResolutionFactory(partnership=partnership_b)
    with pytest.raises(BusinessRuleError, match="of this partnership"):
        approve(bid, manager_a, resolution=resolution)
    assert not Decision.objects.exists()


def test_the_term_sets_the_end_date():
    assert term_end(datetime.date(2021, 1, 1), 12) == datetime.date(2021, 12, 31)
    assert default_review_on(datetime.date(2021, 5, 31)) == datetime.date(2022, 2, 28)
