"""Officers move bids on one stage at a time; each move has a date and who moved it, and
shows in the bid's history."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import bids
from saferboard.funding.models import Stage

DAY = datetime.date(2020, 11, 20)


def test_the_officer_moves_a_bid_to_presentation(ready_bid, manager_a):
    bid = bids.bid_move(
        bid=ready_bid(stage=Stage.EXPRESSION_OF_INTEREST),
        to_stage=Stage.PRESENTATION,
        by=manager_a,
        on=DAY,
        note="Invited to present on 3 December.",
    )
    assert (bid.stage, bid.stage_changed_on) == (Stage.PRESENTATION, DAY)
    change = bid.stage_changes.get()
    assert (change.by, change.on, change.note) == (
        manager_a,
        DAY,
        "Invited to present on 3 December.",
    )


def test_stages_cannot_be_skipped(ready_bid, manager_a):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    with pytest.raises(BusinessRuleError, match="cannot move to full application"):
        bids.bid_move(bid=bid, to_stage=Stage.FULL_APPLICATION, by=manager_a, on=DAY)


def test_a_contributor_cannot_move_a_bid(ready_bid, applicant, make_contributor):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    contributor = make_contributor(applicant)
    with pytest.raises(BusinessRuleError, match="Only the funding officer"):
        bids.bid_move(bid=bid, to_stage=Stage.PRESENTATION, by=contributor, on=DAY)
    client = Client()
    client.force_login(contributor)
    url = reverse("funding:bid-move", kwargs={"partnership": "haringey", "pk": bid.pk})
    assert client.post(url, {"version": bid.version}).status_code == 403


def test_the_move_page_moves_it_and_the_history_shows_it(ready_bid, manager_a_client, manager_a):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    kwargs = {"partnership": "haringey", "pk": bid.pk}
    detail = manager_a_client.get(reverse("funding:bid-detail", kwargs=kwargs)).content.decode()
    assert "Move to presentation" in detail
    response = manager_a_client.post(
        reverse("funding:bid-move", kwargs=kwargs),
        {"version": bid.version, "note": "Strong fit with the youth theme."},
    )
    assert response.status_code == 302
    history = manager_a_client.get(reverse("funding:bid-history", kwargs=kwargs)).content.decode()
    assert "Expression of interest" in history and "Presentation" in history
    assert "Strong fit with the youth theme." in history
    assert str(manager_a) in history


def test_a_stale_move_is_refused(ready_bid, manager_a_client):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    kwargs = {"partnership": "haringey", "pk": bid.pk}
    response = manager_a_client.post(
        reverse("funding:bid-move", kwargs=kwargs), {"version": bid.version - 1}
    )
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    bid.refresh_from_db()
    assert bid.stage == Stage.EXPRESSION_OF_INTEREST
