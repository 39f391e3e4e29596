"""The funding API's monitoring: milestones, reports and variations of the awards the caller
may see (the grantee's contributors, managers; decided awards for the rest of the
partnership; nothing for another partnership), and the grantee sending a report through
monitoring.report_submit (403 for others who see it, 409 when stale)."""

import datetime
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.funding import decisions, ledger, monitoring
from saferboard.funding.models import MonitoringReport, Outcome, ReportStatus, Stage, VariationKind
from tests.factories import ApplicantFactory, BidFactory, FundFactory

START = datetime.date(2021, 1, 4)


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def grantee(make_user, partnership_a):
    """A contributor acting for the funded charity."""
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    user.applicant = ApplicantFactory(partnership=partnership_a, name="Nour Network")
    user.applicant.users.add(user)
    return user


@pytest.fixture
def award(partnership_a, grantee, manager_a):
    fund = FundFactory(partnership=partnership_a, reference_prefix="POCA")
    ledger.income_add(fund=fund, amount="110000", on=START, by=None)
    bid = BidFactory(
        partnership=partnership_a,
        fund=fund,
        applicant=grantee.applicant,
        stage=Stage.FULL_APPLICATION,
        term_months=24,
    )
    decision = decisions.decision_record(
        bid=bid,
        outcome=Outcome.APPROVED,
        decided_on=datetime.date(2020, 12, 10),
        by=manager_a,
        award_total="71800",
        starts_on=START,
        review_on=decisions.default_review_on(START),
        tranches=[(Decimal("71800"), START, "")],
    )
    award = decision.award
    monitoring.milestone_add(
        award=award, title="Women supported", target="40", due_on=START, by=manager_a
    )
    monitoring.variation_request(
        award=award,
        kind=VariationKind.EXTENSION,
        description="Procurement delayed the start.",
        new_ends_on=datetime.date(2023, 3, 31),
        on=START,
        by=manager_a,
    )
    return award


RESOURCES = ["milestones", "monitoring-reports", "variations"]


def ids(user, resource) -> set[int]:
    return {row["id"] for row in api_client(user).get(f"/api/v1/{resource}/").json()["results"]}


def test_monitoring_is_seen_by_the_grantee_and_managers_and_no_other_contributor(
    award, grantee, manager_a, viewer_a, manager_b, make_user, partnership_a
):
    other = make_user(partnership_a, Role.CONTRIBUTOR)
    ApplicantFactory(partnership=partnership_a).users.add(other)

    for resource in RESOURCES:
        seen = ids(manager_a, resource)
        assert seen, resource
        assert ids(grantee, resource) == seen
        assert ids(viewer_a, resource) == seen  # the bid is decided
        assert ids(other, resource) == set()
        assert ids(manager_b, resource) == set()
        one = next(iter(seen))
        assert api_client(other).get(f"/api/v1/{resource}/{one}/").status_code == 404
        assert api_client(manager_b).get(f"/api/v1/{resource}/{one}/").status_code == 404
        assert api_client().get(f"/api/v1/{resource}/").status_code == 401
    variation = api_client(grantee).get("/api/v1/variations/").json()["results"][0]
    assert (variation["kind"], variation["new_ends_on"]) == ("extension", "2023-03-31")


def test_the_grantee_sends_a_report_and_others_cannot(
    award, grantee, viewer_a, manager_b, make_user, partnership_a
):
    report = MonitoringReport.objects.filter(award=award).order_by("due_on").first()
    address = f"/api/v1/monitoring-reports/{report.pk}/submit/"
    sent = {
        "version": report.version,
        "narrative": "The worker started in March.",
        "outputs": "11 women supported",
        "spend_to_date": "9850.00",
    }

    assert api_client(viewer_a).post(address, sent, format="json").status_code == 403
    assert api_client(manager_b).post(address, sent, format="json").status_code == 404
    assert api_client().post(address, sent, format="json").status_code == 401
    empty = api_client(grantee).post(address, sent | {"narrative": " "}, format="json")
    assert empty.status_code == 400 and "narrative" in empty.json()
    response = api_client(grantee).post(address, sent, format="json")
    stale = api_client(grantee).post(address, sent | {"narrative": "Lost"}, format="json")

    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["spend_to_date"]) == (ReportStatus.SUBMITTED, "9850.00")
    assert stale.status_code == 409
    report.refresh_from_db()
    assert (report.narrative, report.submitted_by) == ("The worker started in March.", grantee)
