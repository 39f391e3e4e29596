"""The bid's decision page: managers record the decision; everyone who sees the bid sees it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.funding import ledger
from saferboard.funding.models import Award, Decision, Outcome, Stage, TrancheStatus
from tests.factories import AgendaItemFactory, MeetingFactory, ResolutionFactory


@pytest.fixture
def bid(ready_bid):
    return ready_bid(stage=Stage.FULL_APPLICATION, amount_requested=71800, term_months=24)


@pytest.fixture
def funded(fund, manager_a):
    ledger.income_add(fund=fund, amount="110000", on=datetime.date(2020, 4, 1), by=manager_a)
    return fund


@pytest.fixture
def resolution(partnership_a):
    meeting = MeetingFactory(partnership=partnership_a, date=datetime.date(2020, 12, 10))
    item = AgendaItemFactory(
        partnership=partnership_a, meeting=meeting, title="POCA grants: bids for decision"
    )
    return ResolutionFactory(
        partnership=partnership_a, item=item, text="That the Safer Streets bid be approved."
    )


def page(bid):
    return reverse(
        "funding:bid-decision", kwargs={"partnership": bid.partnership.slug, "pk": bid.pk}
    )


def date_parts(name, value: datetime.date) -> dict:
    return {f"{name}_day": value.day, f"{name}_month": value.month, f"{name}_year": value.year}


def approval(bid, resolution=None, total="71800", **extra) -> dict:
    data = {
        "outcome": Outcome.APPROVED,
        "award_total": total,
        "tranche_1_amount": "35900",
        "tranche_2_amount": "35900",
        "tranche_2_condition": "After a satisfactory review",
        "release_first_now": "on",
        "version": bid.version,
        **date_parts("decided_on", datetime.date(2020, 12, 10)),
        **date_parts("starts_on", datetime.date(2021, 1, 1)),
        **date_parts("tranche_1_due_on", datetime.date(2021, 1, 1)),
        **date_parts("tranche_2_due_on", datetime.date(2022, 1, 1)),
    }
    if resolution is not None:
        data |= {"item": resolution.item_id, "resolution": resolution.pk}
    return data | extra


def test_a_manager_approves_with_two_tranches_at_the_meeting(
    funded, bid, resolution, manager_a_client
):
    before = ledger.fund_balance(funded)

    response = manager_a_client.post(page(bid), approval(bid, resolution))

    assert response.status_code == 302
    decision = Decision.objects.get(bid=bid)
    assert decision.resolution == resolution
    assert decision.meeting == resolution.item.meeting
    award = Award.objects.get(bid=bid)
    assert award.review_on == datetime.date(2021, 10, 1)  # the form's nine months
    assert [t.status for t in award.tranches.order_by("number")] == [
        TrancheStatus.RELEASED,
        TrancheStatus.PLANNED,
    ]
    after = ledger.fund_balance(funded)
    assert before.cash - after.cash == Decimal("35900.00")
    assert before.available - after.available == Decimal("71800.00")
    shown = manager_a_client.get(page(bid)).content.decode()
    assert "That the Safer Streets bid be approved." in shown
    minutes = reverse(
        "meetings:minutes",
        kwargs={"partnership": bid.partnership.slug, "pk": resolution.item.meeting_id},
    )
    assert f'href="{minutes}#item-{resolution.item_id}"' in shown
    assert "After a satisfactory review" in shown


def test_an_award_over_the_balance_is_refused_with_the_figure(fund, bid, manager_a):
    ledger.income_add(fund=fund, amount="50000", on=datetime.date(2020, 4, 1), by=manager_a)
    client = Client()
    client.force_login(manager_a)

    response = client.post(page(bid), approval(bid))

    assert response.status_code == 200
    assert "has £50,000.00 available to award" in response.content.decode()
    assert not Decision.objects.exists()
    assert not Award.objects.exists()
    bid.refresh_from_db()
    assert bid.stage == Stage.FULL_APPLICATION


def test_a_rejection_without_a_reason_is_refused(funded, bid, manager_a_client):
    data = {"outcome": Outcome.REJECTED, **date_parts("decided_on", datetime.date(2020, 12, 10))}
    response = manager_a_client.post(page(bid), data)
    assert "Give the reason for the rejection" in response.content.decode()
    assert not Decision.objects.exists()

    data["reason"] = "Outside the partnership's objectives"
    assert manager_a_client.post(page(bid), data).status_code == 302
    assert Decision.objects.get(bid=bid).outcome == Outcome.REJECTED


def test_only_a_full_application_can_be_decided(funded, ready_bid, manager_a_client):
    early = ready_bid(stage=Stage.PRESENTATION)
    text = manager_a_client.get(page(early)).content.decode()
    assert "Only a bid at the full application stage can be decided" in text
    assert "Record the decision" not in text

    response = manager_a_client.post(page(early), approval(early))

    assert "Only a bid at the full application stage can be decided" in response.content.decode()
    assert not Decision.objects.exists()


def test_a_viewer_cannot_record_a_decision(funded, bid, viewer_a_client):
    assert viewer_a_client.post(page(bid), approval(bid)).status_code == 403
    assert not Decision.objects.exists()


def test_another_partnerships_manager_gets_404(bid, manager_b_client):
    assert manager_b_client.get(page(bid)).status_code == 404
    assert manager_b_client.post(page(bid), approval(bid)).status_code == 404


def test_the_applicant_sees_the_decision(
    funded, bid, resolution, manager_a_client, make_contributor
):
    manager_a_client.post(page(bid), approval(bid, resolution))
    contributor = Client()
    contributor.force_login(make_contributor(bid.applicant))

    text = contributor.get(page(bid)).content.decode()

    assert "Approved" in text
    assert "£71,800.00" in text
    assert "Record the decision" not in text
    assert "/release/" not in text
