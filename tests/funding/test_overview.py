"""The funding overview: every fund with its money from the ledger and the bids at each
stage, in a number of queries that does not grow with the funds, entries or bids."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.models import Stage
from tests.factories import BidFactory, FundFactory

ON = datetime.date(2020, 6, 1)


def add_funds(partnership, applicant, manager, count):
    for _ in range(count):
        fund = FundFactory(partnership=partnership)
        ledger.income_add(fund=fund, amount="1000", on=ON, by=manager)
        ledger.income_add(fund=fund, amount="500", on=ON, by=manager)
        for stage in (Stage.EXPRESSION_OF_INTEREST, Stage.PRESENTATION, Stage.DECISION):
            BidFactory(partnership=partnership, fund=fund, applicant=applicant, stage=stage)


def overview_queries(client, partnership) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("funding:overview", kwargs={"partnership": partnership.slug}))
    assert response.status_code == 200
    return len(queries)


def test_the_overview_shows_each_funds_money_and_bids_by_stage(
    fund, applicant, make_award, manager_a, viewer_a_client, partnership_a
):
    ledger.income_add(fund=fund, amount="181800", on=ON, by=manager_a)
    make_award(fund, "71800", applicant)
    BidFactory(partnership=partnership_a, fund=fund, applicant=applicant)

    response = viewer_a_client.get(
        reverse("funding:overview", kwargs={"partnership": partnership_a.slug})
    )

    text = response.content.decode()
    assert fund.name in text
    assert "£181,800.00" in text and "£71,800.00" in text and "£110,000.00" in text
    # A viewer sees decided bids only: the award's bid, not the expression of interest.
    assert "The 1 bid you can see" in text
    assert 'href="/p/haringey/funding/"' in text  # the Funding navigation item


def test_the_overview_query_count_does_not_grow(
    applicant, manager_a, make_user, client, partnership_a
):
    for role in (Role.MANAGER, Role.CONTRIBUTOR, Role.VIEWER):
        user = make_user(partnership_a, role)
        client.force_login(user)
        add_funds(partnership_a, applicant, manager_a, 1)
        small = overview_queries(client, partnership_a)
        add_funds(partnership_a, applicant, manager_a, 4)
        large = overview_queries(client, partnership_a)

        assert small == large, role
