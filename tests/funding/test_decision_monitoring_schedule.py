"""An approval sets up the new award's monitoring schedule in the same transaction: a
progress report every three months, the review on its date and the end-of-grant evaluation;
a rejection schedules nothing."""

import datetime
from decimal import Decimal

import pytest

from saferboard.funding import ledger
from saferboard.funding.decisions import decision_record, default_review_on
from saferboard.funding.models import MonitoringReport, Outcome, ReportKind, Stage
from tests.factories import BidFactory

START = datetime.date(2021, 1, 1)


@pytest.fixture
def bid(fund, applicant, manager_a):
    ledger.income_add(fund=fund, amount="110000", on=datetime.date(2020, 4, 1), by=manager_a)
    return BidFactory(
        partnership=fund.partnership,
        fund=fund,
        applicant=applicant,
        stage=Stage.FULL_APPLICATION,
        amount_requested=71800,
        term_months=24,
    )


def test_an_approval_schedules_the_awards_reports(bid, manager_a):
    decision = decision_record(
        bid=bid,
        outcome=Outcome.APPROVED,
        decided_on=datetime.date(2020, 12, 10),
        by=manager_a,
        award_total="71800",
        starts_on=START,
        review_on=default_review_on(START),
        tranches=[(Decimal("71800"), START, "")],
    )

    reports = MonitoringReport.objects.filter(award=decision.award)
    due = {(report.kind, report.due_on) for report in reports}
    assert (ReportKind.REVIEW, datetime.date(2021, 10, 1)) in due
    assert (ReportKind.EVALUATION, datetime.date(2022, 12, 31)) in due
    progress = sorted(on for kind, on in due if kind == ReportKind.PROGRESS)
    # Every three months of the two years, except the review's date (1 October 2021).
    assert progress[:3] == [
        datetime.date(2021, 4, 1),
        datetime.date(2021, 7, 1),
        datetime.date(2022, 1, 1),
    ]
    assert len(progress) == 6
    assert {report.partnership_id for report in reports} == {bid.partnership_id}


def test_a_rejection_schedules_nothing(bid, manager_a):
    decision_record(
        bid=bid,
        outcome=Outcome.REJECTED,
        decided_on=datetime.date(2020, 12, 10),
        by=manager_a,
        reason="Outside the partnership's objectives: not crime prevention.",
    )

    assert not MonitoringReport.objects.exists()
