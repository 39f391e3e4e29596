"""`saferboard funding-remind`: grantees hear about reports and milestones due, officers
about reviews, tranches, requests and grants ending; once a day at most."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command

from saferboard.core.roles import Role
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import (
    FundingReminder,
    MonitoringReport,
    ReportKind,
    Tranche,
    VariationKind,
)

START = datetime.date(2020, 12, 10)
TODAY = datetime.date(2021, 3, 20)


@pytest.fixture
def award(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=START, by=manager_a)
    award = make_award(fund, 30000, applicant)
    award.review_on = TODAY + datetime.timedelta(days=10)
    award.save()
    return award


@pytest.fixture
def grantee(applicant, make_user, partnership_a):
    applicant.contact_email = "director@safer-streets.example"
    applicant.save()
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    applicant.users.add(user)
    return user


def run(*args) -> dict:
    out = io.StringIO()
    call_command("funding_remind", "--date", TODAY.isoformat(), *args, stdout=out)
    return json.loads(out.getvalue())


def to(address):
    return [each for each in mail.outbox if address in each.to]


def test_grantees_are_told_of_reports_due_and_overdue_once(award, grantee, manager_a):
    monitoring.report_schedule(
        award=award, kind=ReportKind.PROGRESS, due_on=datetime.date(2021, 3, 10), by=None
    )
    monitoring.milestone_add(
        award=award, title="20 sessions run", due_on=TODAY + datetime.timedelta(days=3), by=None
    )

    summary = run()

    for address in ("director@safer-streets.example", grantee.email):
        (message,) = to(address)
        assert "Progress report: overdue: was due 10 March 2021, 10 days ago" in message.body
        assert "Milestone: 20 sessions run: due in 3 days" in message.body
        assert "1 overdue" in message.subject
        assert f"/p/haringey/funding/awards/{award.pk}/" in message.body
    assert summary["emails_sent"] == len(mail.outbox)
    assert summary["date"] == "2021-03-20"
    assert summary["partnerships"] == ["haringey"]

    mail.outbox.clear()
    again = run()
    assert mail.outbox == []
    assert again["emails_sent"] == 0
    assert again["skipped_already_sent"] == summary["emails_sent"]


def test_officers_hear_of_the_review_tranches_requests_and_the_end(award, manager_a):
    Tranche.objects.create(
        partnership=award.partnership, award=award, number=2, amount=10000, due_on=TODAY
    )
    monitoring.variation_request(
        award=award, kind=VariationKind.CHANGE_OF_USE, description="A van.", on=START, by=None
    )
    award.ends_on = TODAY + datetime.timedelta(days=20)
    award.save()

    run()

    (message,) = to(manager_a.email)
    assert "The in-grant review: due in 10 days" in message.body
    assert "Tranche 2 (£10,000.00) to release: due today" in message.body
    assert "Change request awaiting your decision: asked for on 10 December 2020" in message.body
    assert "The grant ends with no evaluation in yet: due in 20 days" in message.body


def test_nothing_is_sent_for_things_far_off_or_for_ended_grants(award, grantee, manager_a):
    award.review_on = None
    award.save()
    monitoring.report_schedule(
        award=award, kind=ReportKind.PROGRESS, due_on=TODAY + datetime.timedelta(days=40), by=None
    )
    assert run()["emails_sent"] == 0
    monitoring.report_schedule(award=award, kind=ReportKind.PROGRESS, due_on=TODAY, by=None)
    monitoring.award_end_early(award=award, on=TODAY, by=None)
    assert run()["emails_sent"] == 0
    assert mail.outbox == []


def test_a_dry_run_sends_and_records_nothing(award, grantee):
    monitoring.report_schedule(award=award, kind=ReportKind.PROGRESS, due_on=TODAY, by=None)
    summary = run("--dry-run")
    assert summary["dry_run"] is True
    assert summary["emails_sent"] >= 1
    assert mail.outbox == []
    assert not FundingReminder.objects.exists()


def test_an_item_is_sent_again_a_week_later(award, grantee):
    monitoring.report_schedule(award=award, kind=ReportKind.PROGRESS, due_on=TODAY, by=None)
    run()
    sent = len(mail.outbox)
    out = io.StringIO()
    call_command("funding_remind", "--date", "2021-03-27", stdout=out)
    assert json.loads(out.getvalue())["emails_sent"] == sent


def test_another_accepted_report_does_not_hide_the_review_or_the_end(award, manager_a):
    progress = monitoring.report_schedule(
        award=award, kind=ReportKind.PROGRESS, due_on=START, by=None
    )
    monitoring.report_submit(
        report=progress, narrative="Going well.", on=START, by=None, expected_version=None
    )
    monitoring.report_accept(
        report=MonitoringReport.objects.get(pk=progress.pk),
        on=START,
        by=None,
        expected_version=None,
    )
    monitoring.report_schedule(award=award, kind=ReportKind.REVIEW, due_on=award.review_on, by=None)
    award.ends_on = TODAY + datetime.timedelta(days=5)
    award.save()

    run()

    (message,) = to(manager_a.email)
    assert "The in-grant review: due in 10 days" in message.body
    assert "The grant ends with no evaluation in yet" in message.body
