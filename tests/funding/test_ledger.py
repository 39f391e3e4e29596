"""The fund's balance is derived from its ledger, awards cannot overspend it, and two awards
made at the same moment cannot overspend it either."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import ledger
from saferboard.funding.models import Award, EntryKind, LedgerEntry, Tranche, TrancheStatus

DAY = datetime.date(2020, 12, 1)


def test_balance_is_income_minus_releases_plus_returns(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="150,000.00", on=DAY, by=manager_a)
    award = make_award(fund, "71800.00", applicant)
    tranche = Tranche.objects.create(
        partnership=fund.partnership, award=award, number=1, amount="35900.00", due_on=DAY
    )
    ledger.tranche_release(tranche=tranche, on=DAY, by=manager_a)
    ledger.money_return(award=award, amount="900.00", on=DAY, by=manager_a)

    balance = ledger.fund_balance(fund)
    amounts = {
        kind: sum(e.amount for e in LedgerEntry.objects.filter(fund=fund, kind=kind))
        for kind in EntryKind.values
    }
    assert balance.cash == amounts["income"] - amounts["release"] + amounts["return"]
    assert balance.cash == Decimal("115000.00")
    assert balance.committed == Decimal("35900.00")
    assert balance.available == Decimal("79100.00")
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.RELEASED


def test_award_larger_than_the_balance_is_refused(fund, applicant, make_award):
    ledger.income_add(fund=fund, amount=110000, on=DAY, by=None)
    make_award(fund, 100000, applicant)
    with pytest.raises(BusinessRuleError, match="£10,000.00 available"):
        make_award(fund, 10000.01, applicant)
    assert ledger.fund_balance(fund).available == Decimal("10000.00")


def test_returns_cannot_exceed_what_was_released(fund, applicant, make_award):
    ledger.income_add(fund=fund, amount=50000, on=DAY, by=None)
    award = make_award(fund, 20000, applicant)
    with pytest.raises(BusinessRuleError, match="holds £0.00"):
        ledger.money_return(award=award, amount=1, on=DAY, by=None)


def test_unreleased_money_goes_back_to_the_fund(fund, applicant, make_award):
    ledger.income_add(fund=fund, amount=50000, on=DAY, by=None)
    award = make_award(fund, 40000, applicant)
    ledger.award_reduce(award=award, amount=20000, on=DAY, by=None)
    assert ledger.fund_balance(fund).available == Decimal("30000.00")
    with pytest.raises(BusinessRuleError, match="Only £20,000.00"):
        ledger.award_reduce(award=award, amount="20000.01", on=DAY, by=None)


def test_reallocation_moves_available_money_between_funds(fund, applicant, make_award):
    from tests.factories import FundFactory

    other = FundFactory(partnership=fund.partnership)
    ledger.income_add(fund=fund, amount=30000, on=DAY, by=None)
    make_award(fund, 25000, applicant)
    with pytest.raises(BusinessRuleError, match="£5,000.00 available"):
        ledger.reallocate(source=fund, target=other, amount=6000, on=DAY, by=None)
    ledger.reallocate(source=fund, target=other, amount=5000, on=DAY, by=None)
    assert ledger.fund_balance(fund).available == 0
    assert ledger.fund_balance(other).cash == Decimal("5000.00")


@pytest.mark.parametrize("text", ["0", "-5", "abc", "12.345", "NaN"])
def test_bad_amounts_are_refused_with_a_message(fund, text):
    with pytest.raises(BusinessRuleError) as refused:
        ledger.income_add(fund=fund, amount=text, on=DAY, by=None)
    assert refused.value.field == "amount"
    assert not LedgerEntry.objects.exists()


def test_balance_over_time_ends_at_the_balance(fund, applicant, make_award):
    ledger.income_add(fund=fund, amount=100000, on=datetime.date(2020, 4, 1), by=None)
    ledger.income_add(fund=fund, amount=20000, on=datetime.date(2020, 9, 1), by=None)
    make_award(fund, 70000, applicant, on=datetime.date(2020, 12, 10))
    points = ledger.balance_over_time(fund)
    assert [day for day, _ in points] == [
        datetime.date(2020, 4, 1),
        datetime.date(2020, 9, 1),
        datetime.date(2020, 12, 10),
    ]
    assert [point.available for _, point in points] == [100000, 120000, 50000]
    assert points[-1][1] == ledger.fund_balance(fund)


@pytest.mark.django_db(transaction=True)
def test_two_awards_at_the_same_moment_cannot_overspend(fund, applicant):
    """Two transactions each try to award £60,000 of a £100,000 fund at once: one wins, the
    other is refused, and the fund is never overspent."""
    from saferboard.funding.models import Decision, Outcome, Stage
    from tests.factories import BidFactory

    ledger.income_add(fund=fund, amount=100000, on=DAY, by=None)
    awards = []
    for _ in range(2):
        bid = BidFactory(
            partnership=fund.partnership, fund=fund, applicant=applicant, stage=Stage.DECISION
        )
        decision = Decision.objects.create(
            partnership=fund.partnership, bid=bid, outcome=Outcome.APPROVED, decided_on=DAY
        )
        awards.append(
            Award.objects.create(
                partnership=fund.partnership,
                decision=decision,
                bid=bid,
                fund=fund,
                total=60000,
                starts_on=DAY,
                ends_on=DAY,
            )
        )
    start = threading.Barrier(2)
    outcomes = []

    def commit(award):
        try:
            start.wait()
            ledger.award_commit(award=award, on=DAY, by=None)
            outcomes.append("committed")
        except BusinessRuleError:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=commit, args=(award,)) for award in awards]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["committed", "refused"]
    assert ledger.fund_balance(fund).available == Decimal("40000.00")
