"""Releasing a planned tranche of an award: confirm, pay it, and the fund's cash goes down."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from saferboard.funding import ledger
from saferboard.funding.decisions import decision_record
from saferboard.funding.models import Outcome, Stage, TrancheStatus


@pytest.fixture
def award(fund, ready_bid, manager_a):
    ledger.income_add(fund=fund, amount="110000", on=datetime.date(2020, 4, 1), by=manager_a)
    bid = ready_bid(stage=Stage.FULL_APPLICATION, amount_requested=40000)
    decision = decision_record(
        bid=bid,
        outcome=Outcome.APPROVED,
        decided_on=datetime.date(2020, 12, 10),
        by=manager_a,
        award_total="40000",
        starts_on=datetime.date(2021, 1, 1),
        tranches=[
            ("20000", datetime.date(2021, 1, 1), ""),
            ("20000", datetime.date(2021, 10, 1), "After the nine-month review"),
        ],
        release_first_now=True,
    )
    return decision.award


def address(tranche):
    return reverse(
        "funding:tranche-release",
        kwargs={"partnership": tranche.partnership.slug, "pk": tranche.pk},
    )


def second(award):
    return award.tranches.get(number=2)


def test_a_manager_releases_the_second_tranche(award, manager_a_client):
    tranche = second(award)
    before = ledger.fund_balance(award.fund)
    page = manager_a_client.get(address(tranche)).content.decode()
    assert "After the nine-month review" in page

    response = manager_a_client.post(
        address(tranche),
        {"released_on_day": "4", "released_on_month": "10", "released_on_year": "2021"},
    )

    assert response.status_code == 302
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.RELEASED
    assert tranche.released_on == datetime.date(2021, 10, 4)
    after = ledger.fund_balance(award.fund)
    assert before.cash - after.cash == Decimal("20000.00")
    assert after.available == before.available
    shown = manager_a_client.get(
        reverse(
            "funding:bid-decision",
            kwargs={"partnership": award.partnership.slug, "pk": award.bid_id},
        )
    ).content.decode()
    assert shown.count("Released") == 2


def test_a_released_tranche_cannot_be_released_again(award, manager_a_client):
    first = award.tranches.get(number=1)
    before = ledger.fund_balance(award.fund)
    response = manager_a_client.post(
        address(first),
        {"released_on_day": "4", "released_on_month": "10", "released_on_year": "2021"},
    )
    assert response.status_code == 200
    assert "only a planned tranche can be released" in response.content.decode()
    assert ledger.fund_balance(award.fund) == before


def test_only_managers_release_tranches(award, viewer_a_client, manager_b_client):
    tranche = second(award)
    data = {"released_on_day": "4", "released_on_month": "10", "released_on_year": "2021"}
    assert viewer_a_client.post(address(tranche), data).status_code == 403
    assert manager_b_client.post(address(tranche), data).status_code == 404
    tranche.refresh_from_db()
    assert tranche.status == TrancheStatus.PLANNED
