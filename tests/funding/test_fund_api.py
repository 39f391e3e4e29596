"""The funding API: funds with their balances from the ledger (read by everyone in the
partnership, added and changed by managers through the funds' rules) and the ledger itself
(read-only), scoped to the caller's partnerships."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from saferboard.funding import ledger
from saferboard.funding.models import Fund
from tests.factories import FundFactory

ON = datetime.date(2020, 12, 1)


def api_client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_viewer_reads_funds_with_the_ledgers_figures(
    fund, applicant, make_award, manager_a, viewer_a
):
    ledger.income_add(fund=fund, amount="181800", on=ON, by=manager_a)
    make_award(fund, "71800", applicant)

    body = api_client(viewer_a).get(f"/api/v1/funds/{fund.pk}/").json()

    assert body["partnership"] == "haringey"
    assert (body["cash_held"], body["committed"], body["available"]) == (
        "181800.00",
        "71800.00",
        "110000.00",
    )
    assert body["key_themes"] == fund.key_themes


def test_the_fund_list_reads_balances_in_a_fixed_number_of_queries(
    fund, manager_a, viewer_a, partnership_a
):
    client = api_client(viewer_a)
    ledger.income_add(fund=fund, amount="100", on=ON, by=manager_a)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/funds/").status_code == 200
        return len(queries)

    small = count()
    for _ in range(4):
        more = FundFactory(partnership=partnership_a)
        ledger.income_add(fund=more, amount="50", on=ON, by=manager_a)
    body = client.get("/api/v1/funds/").json()

    assert count() == small
    assert {row["available"] for row in body["results"]} == {"100.00", "50.00"}


def test_a_manager_adds_a_fund_and_bad_figures_are_refused(manager_a):
    client = api_client(manager_a)
    data = {
        "partnership": "haringey",
        "name": "Small grants",
        "reference_prefix": "sg",
        "source": "small_grants",
        "period": "rolling",
        "minimum_award": "100.00",
        "maximum_award": "50.00",
        "priority_areas": ["Reduce harm"],
        "key_themes": ["Hate crime"],
    }

    refused = client.post("/api/v1/funds/", data, format="json")
    assert refused.status_code == 400
    assert "more than the maximum" in refused.json()["minimum_award"][0]
    assert not Fund.objects.exists()

    created = client.post("/api/v1/funds/", data | {"maximum_award": "5000"}, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["reference_prefix"] == "SG"
    assert created.json()["available"] == "0.00"


def test_a_viewer_cannot_change_a_fund_and_a_stale_version_is_refused(fund, viewer_a, manager_a):
    address = f"/api/v1/funds/{fund.pk}/"

    assert api_client(viewer_a).patch(address, {"name": "Mine"}, format="json").status_code == 403
    assert (
        api_client(viewer_a)
        .post("/api/v1/funds/", {"partnership": "haringey", "name": "x"}, format="json")
        .status_code
        == 400
    )

    manager = api_client(manager_a)
    ok = manager.patch(address, {"name": "Renamed", "version": fund.version}, format="json")
    assert ok.status_code == 200
    stale = manager.patch(address, {"name": "Again", "version": fund.version}, format="json")
    assert stale.status_code == 409
    fund.refresh_from_db()
    assert fund.name == "Renamed"


def test_the_ledger_is_read_only_and_scoped(fund, manager_a, manager_b):
    ledger.income_add(fund=fund, amount="500", on=ON, by=manager_a, note="POCA receipt")

    rows = api_client(manager_a).get(f"/api/v1/ledger-entries/?fund={fund.pk}").json()["results"]

    assert [(r["kind"], r["amount"], r["note"]) for r in rows] == [
        ("income", "500.00", "POCA receipt")
    ]
    assert (
        api_client(manager_a)
        .post("/api/v1/ledger-entries/", {"fund": fund.pk, "amount": "1"}, format="json")
        .status_code
        == 405
    )
    assert api_client(manager_b).get("/api/v1/ledger-entries/").json()["results"] == []
    assert api_client(manager_b).get(f"/api/v1/funds/{fund.pk}/").status_code == 404


def test_bids_decisions_and_awards_are_read_through_who_sees_what(
    fund, applicant, make_award, make_user, manager_a, viewer_a, manager_b, partnership_a
):
    from saferboard.core.roles import Role
    from tests.factories import ApplicantFactory, BidFactory

    ledger.income_add(fund=fund, amount="50000", on=ON, by=manager_a)
    award = make_award(fund, "10000", applicant)
    other = ApplicantFactory(partnership=partnership_a, name="Other Org")
    open_bid = BidFactory(partnership=partnership_a, fund=fund, applicant=other)
    contributor = make_user(partnership_a, Role.CONTRIBUTOR)
    other.users.add(contributor)

    def references(user, address="/api/v1/bids/"):
        return {row["id"] for row in api_client(user).get(address).json()["results"]}

    assert references(manager_a) == {award.bid.pk, open_bid.pk}
    assert references(viewer_a) == {award.bid.pk}
    assert references(contributor) == {open_bid.pk}
    assert references(manager_b) == set()
    assert api_client(contributor).get(f"/api/v1/bids/{award.bid.pk}/").status_code == 404
    assert references(viewer_a, "/api/v1/awards/") == {award.pk}
    assert references(contributor, "/api/v1/awards/") == set()
    assert references(viewer_a, "/api/v1/bid-decisions/") == {award.decision.pk}
    # Bids are written through funding.bids (tests/api/test_funding_bids_api.py); a viewer
    # cannot change even a decided bid it sees.
    assert api_client(viewer_a).patch(f"/api/v1/bids/{award.bid.pk}/", {}).status_code == 403
