"""Milestones and targets: added by the officer, their result recorded (met, partly met,
missed), edits checked against the version; and every monitoring form opens."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import Milestone, MilestoneStatus, ReportKind, VariationKind

ON = datetime.date(2020, 12, 10)


@pytest.fixture
def award(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=ON, by=manager_a)
    return make_award(fund, 20000, applicant)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_milestone_is_added_and_its_result_recorded_from_the_pages(award, manager_a):
    client = client_for(manager_a)
    add = reverse("funding:milestone-add", kwargs={"partnership": "haringey", "pk": award.pk})
    response = client.post(
        add,
        {
            "title": "Outreach sessions",
            "target": "30 sessions",
            "due_on_day": "31",
            "due_on_month": "3",
            "due_on_year": "2021",
        },
    )
    assert response.status_code == 302
    milestone = Milestone.objects.get(award=award)
    assert milestone.due_on == datetime.date(2021, 3, 31)

    record = reverse(
        "funding:milestone-record", kwargs={"partnership": "haringey", "pk": milestone.pk}
    )
    response = client.post(
        record, {"status": "partly_met", "achieved": "24 sessions", "version": milestone.version}
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.PARTLY_MET
    page = client.get(
        reverse("funding:award-detail", kwargs={"partnership": "haringey", "pk": award.pk})
    )
    assert "Partly met" in page.content.decode()
    assert "24 sessions" in page.content.decode()


def test_partly_met_needs_what_was_achieved_and_saves_nothing_without_it(award, manager_a):
    milestone = monitoring.milestone_add(award=award, title="Sessions", due_on=ON, by=manager_a)
    response = client_for(manager_a).post(
        reverse("funding:milestone-record", kwargs={"partnership": "haringey", "pk": milestone.pk}),
        {"status": "missed", "achieved": "", "version": milestone.version},
    )
    assert response.status_code == 200
    assert "Say what was achieved" in response.content.decode()
    milestone.refresh_from_db()
    assert milestone.status == MilestoneStatus.DUE


def test_a_milestone_cannot_be_due_before_the_grant_starts(award, manager_a):
    with pytest.raises(BusinessRuleError) as error:
        monitoring.milestone_add(
            award=award, title="Early", due_on=ON - datetime.timedelta(days=1), by=manager_a
        )
    assert error.value.field == "due_on"
    assert not Milestone.objects.exists()


def test_a_stale_milestone_edit_is_refused(award, manager_a):
    milestone = monitoring.milestone_add(award=award, title="Sessions", due_on=ON, by=manager_a)
    opened = milestone.version
    monitoring.milestone_edit(
        milestone=milestone, title="Sessions run", due_on=ON, by=manager_a, expected_version=opened
    )
    with pytest.raises(StaleEditError):
        monitoring.milestone_edit(
            milestone=Milestone.objects.get(pk=milestone.pk),
            title="Something else",
            due_on=ON,
            by=manager_a,
            expected_version=opened,
        )
    assert Milestone.objects.get(pk=milestone.pk).title == "Sessions run"


def test_every_monitoring_form_opens_for_the_manager(award, manager_a):
    milestone = monitoring.milestone_add(award=award, title="Sessions", due_on=ON, by=manager_a)
    review = monitoring.report_schedule(award=award, kind=ReportKind.REVIEW, due_on=ON, by=None)
    variation = monitoring.variation_request(
        award=award, kind=VariationKind.CHANGE_OF_USE, description="A van.", on=ON, by=None
    )
    client = client_for(manager_a)
    pages = [
        ("award-list", None),
        ("award-detail", award),
        ("award-schedule", award),
        ("milestone-add", award),
        ("milestone-edit", milestone),
        ("milestone-record", milestone),
        ("report-add", award),
        ("report-detail", review),
        ("report-submit", review),
        ("report-accept", review),
        ("variation-add", award),
        ("variation-decide", variation),
        ("award-return-money", award),
        ("award-end", award),
    ]
    for name, record in pages:
        kwargs = {"partnership": "haringey"} | ({"pk": record.pk} if record else {})
        response = client.get(reverse(f"funding:{name}", kwargs=kwargs))
        assert response.status_code == 200, name
    accept = client.get(
        reverse("funding:report-accept", kwargs={"partnership": "haringey", "pk": review.pk})
    )
    assert "What did the review decide?" in accept.content.decode()
