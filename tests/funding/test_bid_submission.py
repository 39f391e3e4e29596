"""Submitting a draft as an expression of interest: who may, what it must have, and what
can be changed afterwards."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.roles import Role
from saferboard.funding import bids
from saferboard.funding.models import Stage

DAY = datetime.date(2020, 11, 2)


def test_a_contributor_submits_their_applicants_draft(ready_bid, applicant, make_contributor):
    bid = ready_bid()
    contributor = make_contributor(applicant)
    submitted = bids.bid_submit(bid=bid, by=contributor, on=DAY)
    assert submitted.stage == Stage.EXPRESSION_OF_INTEREST
    assert submitted.submitted_at is not None
    change = submitted.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.on, change.by) == (
        Stage.DRAFT,
        Stage.EXPRESSION_OF_INTEREST,
        DAY,
        contributor,
    )


def test_someone_who_does_not_act_for_the_applicant_cannot(ready_bid, partnership_a, make_user):
    bid = ready_bid()
    stranger = make_user(partnership_a, Role.CONTRIBUTOR)
    with pytest.raises(BusinessRuleError, match="You do not act for"):
        bids.bid_submit(bid=bid, by=stranger, on=DAY)
    bid.refresh_from_db()
    assert bid.stage == Stage.DRAFT


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"amount_requested": 60000}, "amount_requested", "between £1,000.00 and £50,000.00"),
        ({"amount_requested": 500}, "amount_requested", "between £1,000.00 and £50,000.00"),
        ({"priority_areas": []}, "priority_areas", "at least one priority area"),
        ({"key_themes": []}, "key_themes", "at least one key theme"),
        ({"key_themes": ["Fraud"]}, "key_themes", "at least one key theme"),
        ({"need": " "}, "need", "describe the need"),
        ({"means": ""}, "means", "how the project will meet it"),
        ({"evaluation_plan": ""}, "evaluation_plan", "the evaluation plan"),
        ({"term_months": 24}, "term_justification", "longer than the fund's standard 12"),
    ],
)
def test_an_incomplete_bid_is_refused_saying_what_is_missing(
    ready_bid, manager_a, changes, field, words
):
    bid = ready_bid(**changes)
    with pytest.raises(bids.BidNotReady) as caught:
        bids.bid_submit(bid=bid, by=manager_a, on=DAY)
    assert [problem.field for problem in caught.value.problems] == [field]
    assert words in str(caught.value)
    bid.refresh_from_db()
    assert bid.stage == Stage.DRAFT


def test_a_longer_term_goes_through_with_its_justification(ready_bid, manager_a):
    bid = ready_bid(term_months=24)
    submitted = bids.bid_submit(
        bid=bid, by=manager_a, on=DAY, term_justification="A two-year post to keep the worker."
    )
    assert "A two-year post to keep the worker." in submitted.stage_changes.get().note


def test_after_submission_only_the_officer_changes_the_bid(
    ready_bid, applicant, make_contributor, manager_a
):
    contributor = make_contributor(applicant)
    bid = bids.bid_submit(bid=ready_bid(), by=contributor, on=DAY)
    with pytest.raises(BusinessRuleError, match="only the funding officer can change it"):
        bids.bid_update(bid=bid, by=contributor, expected_version=bid.version, summary="New")
    changed = bids.bid_update(
        bid=bid, by=manager_a, expected_version=bid.version, amount_requested=18000
    )
    assert changed.amount_requested == 18000


def test_a_stale_edit_is_refused(ready_bid, manager_a):
    bid = ready_bid()
    old_version = bid.version
    bids.bid_update(bid=bid, by=manager_a, expected_version=old_version, summary="First")
    with pytest.raises(StaleEditError):
        bids.bid_update(bid=bid, by=manager_a, expected_version=old_version, summary="Second")


def test_the_submit_page_lists_the_problems_against_their_fields(
    ready_bid, applicant, make_contributor
):
    bid = ready_bid(need="", term_months=18)
    client = Client()
    client.force_login(make_contributor(applicant))
    url = reverse("funding:bid-submit", kwargs={"partnership": "haringey", "pk": bid.pk})
    response = client.post(url, {"version": bid.version})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Describe the need" in page
    assert 'href="#id_term_justification"' in page
    response = client.post(
        url, {"version": bid.version, "term_justification": "Eighteen months of sessions."}
    )
    assert "Describe the need" in response.content.decode()
    bid.need = "Evidence."
    bid.save()
    response = client.post(
        url, {"version": bid.version, "term_justification": "Eighteen months of sessions."}
    )
    assert response.status_code == 302
    bid.refresh_from_db()
    assert bid.stage == Stage.EXPRESSION_OF_INTEREST


def test_withdrawing_ends_the_bid(ready_bid, applicant, make_contributor):
    contributor = make_contributor(applicant)
    bid = bids.bid_withdraw(bid=ready_bid(), by=contributor, on=DAY, note="Found other money.")
    assert bid.stage == Stage.WITHDRAWN
    assert bid.stage_changes.get().note == "Found other money."
    with pytest.raises(BusinessRuleError, match="cannot be withdrawn"):
        bids.bid_withdraw(bid=bid, by=contributor, on=DAY)
