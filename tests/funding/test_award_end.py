"""The end of a grant: the grantee's unused money comes back, money never released goes
back to the fund, and the award is completed."""

import datetime
from decimal import Decimal

import pytest

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import AwardStatus, LedgerEntry, Tranche, TrancheStatus

ON = datetime.date(2020, 12, 10)
END = datetime.date(2022, 12, 10)


@pytest.fixture
def award(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=ON, by=manager_a)
    award = make_award(fund, 60000, applicant)
    first = Tranche.objects.create(
        partnership=award.partnership, award=award, number=1, amount=40000, due_on=ON
    )
    ledger.tranche_release(tranche=first, on=ON, by=manager_a)
    Tranche.objects.create(
        partnership=award.partnership, award=award, number=2, amount=20000, due_on=END
    )
    return award


def test_completing_returns_unused_money_and_reduces_the_unreleased(award, fund, manager_a):
    monitoring.award_complete(
        award=award, returned=Decimal("2500"), on=END, by=manager_a, expected_version=award.version
    )

    award.refresh_from_db()
    assert award.status == AwardStatus.COMPLETED
    position = ledger.award_position(award)
    assert position.returned == Decimal("2500.00")
    assert position.reduced == Decimal("20000.00")
    assert position.committed == Decimal("0.00")
    balance = ledger.fund_balance(fund)
    # income 100,000 - released 40,000 + returned 2,500
    assert balance.cash == Decimal("62500.00")
    assert balance.available == Decimal("62500.00")
    assert Tranche.objects.get(award=award, number=2).status == TrancheStatus.CANCELLED


def test_a_return_larger_than_the_grantee_holds_saves_nothing(award, manager_a):
    entries = LedgerEntry.objects.count()
    with pytest.raises(BusinessRuleError) as error:
        monitoring.award_complete(
            award=award, returned="50000", on=END, by=manager_a, expected_version=award.version
        )
    assert error.value.field == "returned"
    award.refresh_from_db()
    assert award.status == AwardStatus.ACTIVE
    assert LedgerEntry.objects.count() == entries
    assert Tranche.objects.get(award=award, number=2).status == TrancheStatus.PLANNED


def test_a_stale_copy_cannot_complete_the_grant(award, manager_a):
    with pytest.raises(StaleEditError):
        monitoring.award_complete(
            award=award, on=END, by=manager_a, expected_version=award.version - 1
        )
    award.refresh_from_db()
    assert award.status == AwardStatus.ACTIVE


def test_money_returned_during_the_grant_goes_back_into_the_fund(award, fund, manager_a):
    before = ledger.fund_balance(fund)
    monitoring.award_money_return(award=award, amount="1000", on=ON, by=manager_a)
    after = ledger.fund_balance(fund)
    assert after.cash - before.cash == Decimal("1000.00")
    assert ledger.award_position(award).returned == Decimal("1000.00")
