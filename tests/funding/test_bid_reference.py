"""Bids are numbered per fund and year: POCA-2020-001, POCA-2020-002, even two at once."""

import datetime
import threading

import pytest
from django.db import close_old_connections, connection

from saferboard.funding import bids
from saferboard.funding.models import Bid, FundPeriod, Stage
from tests.factories import FundFactory

DAY = datetime.date(2020, 11, 2)
FIELDS = {"project_title": "Youth outreach", "amount_requested": 5000, "term_months": 12}


def test_bids_are_numbered_by_fund_and_financial_year(fund, applicant, manager_a):
    first = bids.bid_create(fund=fund, applicant=applicant, by=manager_a, on=DAY, **FIELDS)
    second = bids.bid_create(fund=fund, applicant=applicant, by=manager_a, on=DAY, **FIELDS)
    assert (first.reference, second.reference) == ("POCA-2020-001", "POCA-2020-002")
    assert first.stage == Stage.DRAFT and first.created_by == manager_a


def test_a_rolling_fund_numbers_by_the_year_the_bid_is_started(partnership_a, applicant):
    rolling = FundFactory(
        partnership=partnership_a,
        reference_prefix="SG",
        period=FundPeriod.ROLLING,
        financial_year=None,
    )
    bid = bids.bid_create(
        fund=rolling, applicant=applicant, by=None, on=datetime.date(2023, 5, 1), **FIELDS
    )
    assert bid.reference == "SG-2023-001"


def test_a_closed_fund_takes_no_bids(fund, applicant, manager_a):
    fund.status = "closed"
    fund.save()
    with pytest.raises(bids.BusinessRuleError, match="closed to new bids"):
        bids.bid_create(fund=fund, applicant=applicant, by=manager_a, on=DAY, **FIELDS)


def test_themes_must_come_from_the_funds_list(fund, applicant, manager_a):
    with pytest.raises(bids.BusinessRuleError, match="Fraud is not on it") as caught:
        bids.bid_create(
            fund=fund, applicant=applicant, by=manager_a, on=DAY, key_themes=["Fraud"], **FIELDS
        )
    assert caught.value.field == "key_themes"
    assert not Bid.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_bids_started_at_the_same_moment_get_different_numbers(fund, applicant):
    start = threading.Barrier(2)
    references = []

    def create():
        try:
            start.wait()
            bid = bids.bid_create(fund=fund, applicant=applicant, by=None, on=DAY, **FIELDS)
            references.append(bid.reference)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(references) == ["POCA-2020-001", "POCA-2020-002"]
