"""The award pages: who sees which award, who may do what, and what the pages show."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import (
    AwardStatus,
    LedgerEntry,
    MonitoringReport,
    ReportKind,
    ReportStatus,
    Tranche,
    Variation,
    VariationKind,
    VariationStatus,
)
from tests.factories import ApplicantFactory

ON = datetime.date(2020, 12, 10)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(name, award_or_record, partnership="haringey"):
    return reverse(f"funding:{name}", kwargs={"partnership": partnership, "pk": award_or_record.pk})


@pytest.fixture
def funded(fund, manager_a):
    ledger.income_add(fund=fund, amount="500000", on=ON, by=manager_a)
    return fund


@pytest.fixture
def award(funded, applicant, make_award):
    award = make_award(funded, 40000, applicant)
    Tranche.objects.create(
        partnership=award.partnership, award=award, number=1, amount=40000, due_on=ON
    )
    return award


@pytest.fixture
def contributor(make_user, partnership_a, applicant):
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    applicant.users.add(user)
    return user


@pytest.fixture
def other_award(funded, make_award, partnership_a):
    other = ApplicantFactory(partnership=partnership_a, name="Another Trust")
    return make_award(funded, 10000, other)


def test_the_award_page_shows_the_money_tranches_and_review(award, manager_a):
    award.review_on = datetime.date.today() + datetime.timedelta(days=5)
    award.save()
    response = client_for(manager_a).get(url("award-detail", award))
    assert response.status_code == 200
    text = response.content.decode()
    assert "£40,000.00" in text
    assert "Review due in 5 days" in text
    assert "Planned" in text
    assert "their money goes back to the fund" in text


def test_a_contributor_sees_only_their_own_awards(award, other_award, contributor):
    client = client_for(contributor)
    listing = client.get(reverse("funding:award-list", kwargs={"partnership": "haringey"}))
    assert award.bid.reference in listing.content.decode()
    assert other_award.bid.reference not in listing.content.decode()
    assert client.get(url("award-detail", award)).status_code == 200
    assert client.get(url("award-detail", other_award)).status_code == 404


def test_a_contributor_sends_their_report_and_asks_for_an_extension(award, contributor):
    report = monitoring.report_schedule(award=award, kind=ReportKind.PROGRESS, due_on=ON, by=None)
    client = client_for(contributor)
    response = client.post(
        url("report-submit", report),
        {
            "narrative": "Twelve sessions run.",
            "outputs": "12 of 30",
            "spend_to_date": "9000",
            "version": report.version,
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == contributor
    new_end = award.ends_on + datetime.timedelta(days=90)
    response = client.post(
        url("variation-add", award),
        {
            "kind": VariationKind.EXTENSION,
            "description": "Venue closed.",
            "new_ends_on_day": new_end.day,
            "new_ends_on_month": new_end.month,
            "new_ends_on_year": new_end.year,
        },
    )
    assert response.status_code == 302
    assert Variation.objects.get(award=award).new_ends_on == new_end


def test_a_contributor_cannot_approve_or_accept(award, contributor):
    variation = monitoring.variation_request(
        award=award, kind=VariationKind.CHANGE_OF_USE, description="Buy a van.", on=ON, by=None
    )
    client = client_for(contributor)
    response = client.post(
        url("variation-decide", variation), {"decision": "approve", "version": variation.version}
    )
    assert response.status_code == 403
    assert Variation.objects.get(pk=variation.pk).status == VariationStatus.REQUESTED
    assert client.get(url("award-end", award)).status_code == 403


def test_a_contributor_cannot_send_another_grantees_report(
    other_award, contributor, make_user, partnership_a
):
    report = monitoring.report_schedule(
        award=other_award, kind=ReportKind.PROGRESS, due_on=ON, by=None
    )
    response = client_for(contributor).post(url("report-submit", report), {"narrative": "x"})
    assert response.status_code == 404
    assert MonitoringReport.objects.get(pk=report.pk).status == ReportStatus.DUE


def test_another_partnerships_manager_gets_404(award, manager_b):
    client = client_for(manager_b)
    assert client.get(url("award-detail", award, "city-of-london")).status_code == 404
    assert client.get(url("award-detail", award)).status_code == 404


def test_the_manager_ends_the_grant_and_the_money_comes_back(award, funded, manager_a):
    response = client_for(manager_a).post(
        url("award-end", award),
        {
            "returned": "",
            "on_day": "10",
            "on_month": "12",
            "on_year": "2022",
            "note": "",
            "version": award.version,
        },
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.status == AwardStatus.COMPLETED
    assert ledger.fund_balance(funded).available == Decimal("500000.00")


def test_bad_input_saves_nothing(award, manager_a):
    entries = LedgerEntry.objects.count()
    response = client_for(manager_a).post(
        url("award-end", award),
        {
            "returned": "1000",
            "on_day": "10",
            "on_month": "12",
            "on_year": "2022",
            "version": award.version,
        },
    )
    assert response.status_code == 200
    assert "The grantee holds £0.00" in response.content.decode()
    award.refresh_from_db()
    assert award.status == AwardStatus.ACTIVE
    assert LedgerEntry.objects.count() == entries
    assert Tranche.objects.get(award=award).status == "planned"
    response = client_for(manager_a).post(
        url("award-return-money", award),
        {"amount": "ten", "on_day": "1", "on_month": "1", "on_year": "2021"},
    )
    assert response.status_code == 200
    assert "is not an amount of money" in response.content.decode()
    assert LedgerEntry.objects.count() == entries


def test_the_review_can_end_the_grant_from_its_page(award, funded, manager_a):
    report = monitoring.report_schedule(award=award, kind=ReportKind.REVIEW, due_on=ON, by=None)
    monitoring.report_submit(
        report=report, narrative="Review.", on=ON, by=None, expected_version=None
    )
    report.refresh_from_db()
    response = client_for(manager_a).post(
        url("report-accept", report),
        {
            "review_outcome": monitoring.REVIEW_END,
            "comments": "Missed targets.",
            "version": report.version,
        },
    )
    assert response.status_code == 302
    award.refresh_from_db()
    assert award.status == AwardStatus.ENDED_EARLY
    assert Tranche.objects.get(award=award).status == "cancelled"
    assert ledger.fund_balance(funded).available == Decimal("500000.00")


def test_the_award_list_takes_the_same_queries_however_many_awards(
    funded, applicant, make_award, manager_a
):
    client = client_for(manager_a)
    address = reverse("funding:award-list", kwargs={"partnership": "haringey"})

    def count():
        client.get(address)  # warm the session
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    def add(n):
        for _ in range(n):
            award = make_award(funded, 1000, applicant)
            monitoring.award_monitoring_schedule(award=award, by=None)
            Tranche.objects.create(
                partnership=award.partnership, award=award, number=1, amount=1000, due_on=ON
            )

    add(2)
    few = count()
    add(6)
    assert count() == few
