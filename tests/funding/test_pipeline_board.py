"""The pipeline board: a column per stage, each card with reference, applicant, amount and
days in stage, in a number of queries that does not grow with the bids."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from saferboard.funding.models import Stage
from tests.factories import ApplicantFactory, BidFactory

URL = reverse("funding:pipeline", kwargs={"partnership": "haringey"})


def _bids(fund, count, stage=Stage.EXPRESSION_OF_INTEREST):
    for _ in range(count):
        BidFactory(
            partnership=fund.partnership,
            fund=fund,
            applicant=ApplicantFactory(partnership=fund.partnership),
            stage=stage,
            stage_changed_on=timezone.localdate() - datetime.timedelta(days=9),
        )


def test_each_stage_is_a_section_with_a_heading_and_a_list_of_cards(
    fund, applicant, manager_a_client
):
    bid = BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        stage=Stage.PRESENTATION,
        amount_requested=71800,
        stage_changed_on=timezone.localdate() - datetime.timedelta(days=12),
    )
    page = manager_a_client.get(URL).content.decode()
    for label in ("Draft", "Expression of interest", "Presentation", "Full application", "Decided"):
        assert f">{label} <span" in page
    assert page.count('<section class="sb-pipeline__column"') == 5
    presentation = page.split('id="stage-presentation"')[1].split("</section>")[0]
    assert bid.reference in presentation
    assert "Safer Streets Trust" in presentation
    assert "£71,800.00" in presentation
    assert "12 days in this stage" in presentation


def test_the_board_takes_the_same_queries_for_few_and_many_bids(fund, manager_a_client):
    _bids(fund, 2)
    with CaptureQueriesContext(connection) as few:
        manager_a_client.get(URL)
    _bids(fund, 20, Stage.PRESENTATION)
    with CaptureQueriesContext(connection) as many:
        response = manager_a_client.get(URL)
    assert response.content.decode().count('class="sb-pipeline__card"') == 22
    assert len(many) == len(few)
