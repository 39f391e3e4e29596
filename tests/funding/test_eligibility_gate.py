"""The eligibility checklist gates the full application: a failed requirement blocks the
move with its reason, an unanswered rule blocks it too, and all met lets it through."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import bids
from saferboard.funding.models import CheckResult, EligibilityCheck, Stage

DAY = datetime.date(2020, 12, 1)


def _answer_all(bid, manager, overrides=None):
    answers = {line.rule.pk: (CheckResult.MET, "") for line in bids.eligibility_checklist(bid=bid)}
    answers |= overrides or {}
    bids.eligibility_record(bid=bid, answers=answers, by=manager, on=DAY)


def _rule(fund, wording):
    return fund.rules.get(wording=wording)


def test_a_failed_requirement_blocks_the_full_application_with_its_reason(
    fund, ready_bid, manager_a
):
    bid = ready_bid(stage=Stage.PRESENTATION)
    bank = _rule(fund, "Bank account needing two unrelated signatories")
    _answer_all(bid, manager_a, {bank.pk: ("not_met", "Only one signatory on the account.")})
    with pytest.raises(BusinessRuleError) as caught:
        bids.bid_move(bid=bid, to_stage=Stage.FULL_APPLICATION, by=manager_a, on=DAY)
    message = str(caught.value)
    assert "Bank account needing two unrelated signatories" in message
    assert "Only one signatory on the account." in message
    bid.refresh_from_db()
    assert bid.stage == Stage.PRESENTATION
    assert not bid.stage_changes.exists()


def test_an_unanswered_rule_blocks_it_too(fund, ready_bid, manager_a):
    bid = ready_bid(stage=Stage.PRESENTATION)
    equality = _rule(fund, "Equality policy")
    answers = {
        line.rule.pk: ("met", "")
        for line in bids.eligibility_checklist(bid=bid)
        if line.rule != equality
    }
    bids.eligibility_record(bid=bid, answers=answers, by=manager_a, on=DAY)
    with pytest.raises(BusinessRuleError, match="“Equality policy” .* has not been checked"):
        bids.bid_move(bid=bid, to_stage=Stage.FULL_APPLICATION, by=manager_a, on=DAY)


def test_all_met_or_not_applicable_lets_it_through(fund, ready_bid, manager_a):
    bid = ready_bid(stage=Stage.PRESENTATION)
    individuals = _rule(fund, "Individuals")
    _answer_all(bid, manager_a, {individuals.pk: ("not_applicable", "")})
    moved = bids.bid_move(
        bid=bid, to_stage=Stage.FULL_APPLICATION, by=manager_a, on=DAY, note="Eligible."
    )
    assert moved.stage == Stage.FULL_APPLICATION
    change = moved.stage_changes.get()
    assert (change.from_stage, change.to_stage, change.on, change.by) == (
        Stage.PRESENTATION,
        Stage.FULL_APPLICATION,
        DAY,
        manager_a,
    )


def test_not_met_needs_a_reason(fund, ready_bid, manager_a):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    rule = _rule(fund, "Equality policy")
    with pytest.raises(BusinessRuleError, match="Give the reason “Equality policy” is not met"):
        bids.eligibility_record(bid=bid, answers={rule.pk: ("not_met", " ")}, by=manager_a)
    assert not EligibilityCheck.objects.exists()


def test_only_the_officer_completes_the_checklist(fund, ready_bid, make_contributor, applicant):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    contributor = make_contributor(applicant)
    rule = _rule(fund, "Equality policy")
    with pytest.raises(BusinessRuleError, match="Only the funding officer"):
        bids.eligibility_record(bid=bid, answers={rule.pk: ("met", "")}, by=contributor)


def test_the_officer_fills_the_checklist_on_its_page(fund, ready_bid, manager_a_client):
    bid = ready_bid(stage=Stage.EXPRESSION_OF_INTEREST)
    url = reverse("funding:bid-eligibility", kwargs={"partnership": "haringey", "pk": bid.pk})
    page = manager_a_client.get(url).content.decode()
    assert page.count('<fieldset class="govuk-fieldset"') == fund.rules.count()
    rule = _rule(fund, "Equality policy")
    other = _rule(fund, "Retrospective costs")
    refused = manager_a_client.post(url, {f"result_{rule.pk}": "not_met"})
    assert refused.status_code == 200
    assert "Give the reason “Equality policy” is not met" in refused.content.decode()
    response = manager_a_client.post(
        url,
        {
            f"result_{rule.pk}": "not_met",
            f"reason_{rule.pk}": "No equality policy was sent.",
            f"result_{other.pk}": "met",
        },
    )
    assert response.status_code == 302
    results = dict(bid.checks.values_list("rule__wording", "result"))
    assert results == {"Equality policy": "not_met", "Retrospective costs": "met"}


def test_the_applicant_sees_which_requirement_failed_and_why(
    fund, ready_bid, manager_a, make_contributor, applicant
):
    bid = ready_bid(stage=Stage.PRESENTATION)
    bank = _rule(fund, "Bank account needing two unrelated signatories")
    _answer_all(bid, manager_a, {bank.pk: ("not_met", "Only one signatory on the account.")})
    client = Client()
    client.force_login(make_contributor(applicant))
    kwargs = {"partnership": "haringey", "pk": bid.pk}
    for name in ("funding:bid-detail", "funding:bid-eligibility"):
        page = client.get(reverse(name, kwargs=kwargs)).content.decode()
        assert "Bank account needing two unrelated signatories" in page
        assert "Only one signatory on the account." in page
        assert "Not met" in page or "does not meet" in page
    assert client.post(reverse("funding:bid-eligibility", kwargs=kwargs), {}).status_code == 404
