"""The funding API's writes: bid writers start and change drafts (version check, 409 when
stale) and submit them through funding.bids; managers record decisions through
funding.decisions; every bid and award is scoped per partnership and per contributor."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.funding import ledger
from saferboard.funding.models import Bid, Decision, LedgerEntry, Stage, TrancheStatus
from tests.factories import ApplicantFactory, BidFactory, FundFactory, ResolutionFactory

TODAY = datetime.date.today()


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def fund(partnership_a):
    fund = FundFactory(partnership=partnership_a, name="POCA grants", reference_prefix="POCA")
    ledger.income_add(fund=fund, amount="110000", on=TODAY, by=None)
    return fund


@pytest.fixture
def applicant(partnership_a):
    return ApplicantFactory(partnership=partnership_a, name="Nour Women's Support Network")


@pytest.fixture
def partner(make_user, partnership_a, applicant):
    """A contributor acting for `applicant`."""
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    applicant.users.add(user)
    return user


@pytest.fixture
def stranger(make_user, partnership_a):
    """A contributor of the same partnership acting for another applicant."""
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    ApplicantFactory(partnership=partnership_a, name="Other Org").users.add(user)
    return user


def draft(fund, applicant, **fields) -> dict:
    return {
        "fund": fund.pk,
        "applicant": applicant.pk,
        "project_title": "DA/VAWG support worker",
        "amount_requested": "20000.00",
        "term_months": 12,
        **fields,
    }


def test_anonymous_callers_get_401(fund, applicant):
    bid = BidFactory(partnership=fund.partnership, fund=fund, applicant=applicant)
    client = api_client()
    for address in ("/api/v1/bids/", f"/api/v1/bids/{bid.pk}/", "/api/v1/bid-decisions/"):
        assert client.get(address).status_code == 401
    assert client.post("/api/v1/bids/", draft(fund, applicant), format="json").status_code == 401
    assert client.post(f"/api/v1/bids/{bid.pk}/submit/", {"version": 1}).status_code == 401


def test_a_partner_starts_a_draft_only_for_their_own_applicant(
    fund, applicant, partner, stranger, viewer_a
):
    created = api_client(partner).post("/api/v1/bids/", draft(fund, applicant), format="json")

    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["reference"], body["stage"], body["applicant_name"]) == (
        "POCA-2020-001",
        Stage.DRAFT,
        "Nour Women's Support Network",
    )
    bid = Bid.objects.get(pk=body["id"])
    assert bid.created_by == partner
    refused = api_client(stranger).post("/api/v1/bids/", draft(fund, applicant), format="json")
    assert refused.status_code == 400
    assert "you act for" in refused.json()["applicant"][0]
    viewer = api_client(viewer_a).post("/api/v1/bids/", draft(fund, applicant), format="json")
    assert viewer.status_code == 403
    stray = api_client(partner).post(
        "/api/v1/bids/", draft(fund, applicant, key_themes=["Not a theme"]), format="json"
    )
    assert stray.status_code == 400 and "key_themes" in stray.json()
    assert Bid.objects.count() == 1


def test_a_draft_is_changed_with_its_version_and_a_stale_copy_gets_409(
    fund, applicant, partner, stranger, manager_b
):
    bid = BidFactory(
        partnership=fund.partnership, fund=fund, applicant=applicant, stage=Stage.DRAFT
    )
    address = f"/api/v1/bids/{bid.pk}/"
    client = api_client(partner)

    changed = client.patch(address, {"summary": "Drop-ins", "version": bid.version}, format="json")
    stale = client.patch(address, {"summary": "Lost", "version": bid.version}, format="json")
    unversioned = client.patch(address, {"summary": "Lost"}, format="json")

    assert changed.status_code == 200
    assert changed.json()["version"] == bid.version + 1
    assert stale.status_code == 409
    assert "version" in stale.json()["detail"]
    assert unversioned.status_code == 400 and "version" in unversioned.json()
    assert Bid.objects.get(pk=bid.pk).summary == "Drop-ins"
    # Someone else's bid, in this partnership or another, is "not found".
    assert api_client(stranger).patch(address, {"version": 2}, format="json").status_code == 404
    assert api_client(stranger).get(address).status_code == 404
    assert api_client(manager_b).get(address).status_code == 404
    assert api_client(manager_b).patch(address, {"version": 2}, format="json").status_code == 404


def test_submitting_checks_everything_and_then_the_partner_can_no_longer_change_it(
    fund, applicant, partner
):
    bid = BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        stage=Stage.DRAFT,
        amount_requested=20000,
        term_months=12,
        priority_areas=[],
        key_themes=[],
        need="",
    )
    client = api_client(partner)
    address = f"/api/v1/bids/{bid.pk}/submit/"

    refused = client.post(address, {"version": bid.version}, format="json")

    assert refused.status_code == 400
    assert {"priority_areas", "key_themes", "need"} <= set(refused.json())
    bid = Bid.objects.get(pk=bid.pk)
    assert bid.stage == Stage.DRAFT
    ready = {
        "priority_areas": fund.priority_areas[:1],
        "key_themes": fund.key_themes[:1],
        "need": "Women facing language barriers seldom report abuse.",
        "means": "A support worker.",
        "evaluation_plan": "Women supported, quarter by quarter.",
        "version": bid.version,
    }
    version = client.patch(f"/api/v1/bids/{bid.pk}/", ready, format="json").json()["version"]
    assert client.post(address, {"version": version - 1}, format="json").status_code == 409
    submitted = client.post(address, {"version": version}, format="json")
    assert submitted.status_code == 200
    assert submitted.json()["stage"] == Stage.EXPRESSION_OF_INTEREST
    later = client.patch(
        f"/api/v1/bids/{bid.pk}/", {"summary": "x", "version": version + 1}, format="json"
    )
    assert later.status_code == 403


@pytest.fixture
def full_application(fund, applicant):
    return BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        amount_requested=71800,
        term_months=24,
        stage=Stage.FULL_APPLICATION,
    )


def approval(bid, **extra) -> dict:
    return {
        "bid": bid.pk,
        "version": bid.version,
        "outcome": "approved",
        "decided_on": TODAY.isoformat(),
        "award_total": "71800.00",
        "starts_on": TODAY.isoformat(),
        "tranches": [
            {"amount": "35700.00", "due_on": TODAY.isoformat()},
            {
                "amount": "36100.00",
                "due_on": (TODAY + datetime.timedelta(days=273)).isoformat(),
                "condition": "After a successful nine-month review",
            },
        ],
        "release_first_now": True,
        **extra,
    }


def test_a_manager_records_an_approval_with_its_award_tranches_and_ledger(
    fund, full_application, manager_a, partnership_a
):
    resolution = ResolutionFactory(partnership=partnership_a)

    response = api_client(manager_a).post(
        "/api/v1/bid-decisions/",
        approval(full_application, resolution=resolution.pk),
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["outcome"], body["item"], body["resolution"]) == (
        "approved",
        resolution.item_id,
        resolution.pk,
    )
    award = api_client(manager_a).get(f"/api/v1/awards/{body['award']}/").json()
    assert award["total"] == "71800.00"
    assert [(t["amount"], t["status"]) for t in award["tranches"]] == [
        ("35700.00", TrancheStatus.RELEASED),
        ("36100.00", TrancheStatus.PLANNED),
    ]
    balance = ledger.fund_balance(fund)
    assert (balance.available, balance.cash) == (Decimal("38200.00"), Decimal("74300.00"))
    reports = api_client(manager_a).get(f"/api/v1/monitoring-reports/?award={body['award']}")
    assert reports.json()["count"] > 0  # the schedule was set up with the award


def test_decisions_are_for_managers_and_refused_whole_when_wrong_or_stale(
    fund, full_application, manager_a, viewer_a, partner
):
    client = api_client(manager_a)
    entries = LedgerEntry.objects.count()

    too_much = client.post(
        "/api/v1/bid-decisions/", approval(full_application, award_total="200000"), format="json"
    )
    stale = client.post(
        "/api/v1/bid-decisions/",
        approval(full_application, version=full_application.version + 5),
        format="json",
    )
    no_reason = client.post(
        "/api/v1/bid-decisions/",
        {**approval(full_application), "outcome": "rejected", "reason": ""},
        format="json",
    )
    partner_try = api_client(partner).post(
        "/api/v1/bid-decisions/", approval(full_application), format="json"
    )
    viewer_try = api_client(viewer_a).post(
        "/api/v1/bid-decisions/", approval(full_application), format="json"
    )

    assert too_much.status_code == 400
    assert "tranche" in str(too_much.json()) or "available" in str(too_much.json())
    assert stale.status_code == 409
    assert no_reason.status_code == 400 and "reason" in no_reason.json()
    assert partner_try.status_code == 403
    assert viewer_try.status_code == 403
    assert not Decision.objects.exists()
    assert LedgerEntry.objects.count() == entries
    assert Bid.objects.get(pk=full_application.pk).stage == Stage.FULL_APPLICATION


def test_an_award_over_the_balance_is_refused_with_the_figure(fund, full_application, manager_a):
    data = approval(full_application, award_total="120000.00")
    data["tranches"] = [{"amount": "120000.00", "due_on": TODAY.isoformat()}]

    response = api_client(manager_a).post("/api/v1/bid-decisions/", data, format="json")

    assert response.status_code == 400
    assert "£110,000.00 available" in response.json()["award_total"][0]
    assert not Decision.objects.exists()


def test_a_method_the_route_lacks_is_still_not_found_for_someone_elses_bid(
    fund, applicant, partner, stranger
):
    bid = BidFactory(partnership=fund.partnership, fund=fund, applicant=applicant)
    address = f"/api/v1/bids/{bid.pk}/submit/"

    assert api_client(stranger).get(address).status_code == 404
    assert api_client(partner).get(address).status_code == 405
