"""The in-grant review: continuing keeps the tranches; ending cancels the planned tranches
and gives their money back to the fund's available money."""

import datetime
import importlib
from decimal import Decimal

import pytest
from django.apps import apps as django_apps

from saferboard.core.errors import BusinessRuleError
from saferboard.funding import ledger, monitoring
from saferboard.funding.models import (
    AwardStatus,
    MonitoringReport,
    ReportKind,
    ReportStatus,
    Tranche,
    TrancheStatus,
)

ON = datetime.date(2020, 12, 10)
REVIEW = datetime.date(2021, 9, 10)


@pytest.fixture
def award(fund, applicant, make_award, manager_a):
    ledger.income_add(fund=fund, amount="100000", on=ON, by=manager_a)
    award = make_award(fund, 60000, applicant)
    award.review_on = REVIEW
    award.save()
    first = Tranche.objects.create(
        partnership=award.partnership, award=award, number=1, amount=30000, due_on=ON
    )
    ledger.tranche_release(tranche=first, on=ON, by=manager_a)
    Tranche.objects.create(
        partnership=award.partnership, award=award, number=2, amount=30000, due_on=REVIEW
    )
    return award


def submitted_review(award, user):
    report = monitoring.report_schedule(award=award, kind=ReportKind.REVIEW, due_on=REVIEW, by=user)
    return monitoring.report_submit(
        report=report, narrative="Nine months in.", on=REVIEW, by=user, expected_version=None
    )


def test_ending_at_the_review_cancels_planned_tranches_and_frees_their_money(
    award, fund, manager_a
):
    assert ledger.fund_balance(fund).available == Decimal("40000.00")
    report = submitted_review(award, manager_a)

    monitoring.report_accept(
        report=report,
        comments="Targets missed.",
        on=REVIEW,
        by=manager_a,
        expected_version=report.version,
        review_outcome=monitoring.REVIEW_END,
    )

    award.refresh_from_db()
    assert award.status == AwardStatus.ENDED_EARLY
    assert Tranche.objects.get(award=award, number=2).status == TrancheStatus.CANCELLED
    assert ledger.fund_balance(fund).available == Decimal("70000.00")
    position = ledger.award_position(award)
    assert position.committed == Decimal("0.00")
    assert position.reduced == Decimal("30000.00")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.review_outcome == monitoring.REVIEW_END
    assert report.officer_comments == "Targets missed."


def test_continuing_at_the_review_keeps_the_planned_tranche(award, fund, manager_a):
    report = submitted_review(award, manager_a)
    monitoring.report_accept(
        report=report,
        on=REVIEW,
        by=manager_a,
        expected_version=report.version,
        review_outcome=monitoring.REVIEW_CONTINUE,
    )
    award.refresh_from_db()
    assert award.status == AwardStatus.ACTIVE
    assert Tranche.objects.get(award=award, number=2).status == TrancheStatus.PLANNED
    assert ledger.fund_balance(fund).available == Decimal("40000.00")


def test_a_review_needs_its_outcome_and_saves_nothing_without_it(award, manager_a):
    report = submitted_review(award, manager_a)
    with pytest.raises(BusinessRuleError) as error:
        monitoring.report_accept(
            report=report, on=REVIEW, by=manager_a, expected_version=report.version
        )
    assert error.value.field == "review_outcome"
    assert MonitoringReport.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_the_standard_schedule_has_quarterly_reports_the_review_and_the_evaluation(
    award, manager_a
):
    made = monitoring.award_monitoring_schedule(award=award, by=manager_a)
    kinds = [(each.kind, each.due_on) for each in made]
    assert (ReportKind.REVIEW, REVIEW) in kinds
    assert (ReportKind.EVALUATION, award.ends_on) in kinds
    progress = [due for kind, due in kinds if kind == ReportKind.PROGRESS]
    assert progress[:2] == [datetime.date(2021, 3, 10), datetime.date(2021, 6, 10)]
    assert REVIEW not in progress
    assert all(due < award.ends_on for due in progress)
    # A second call makes nothing more.
    assert monitoring.award_monitoring_schedule(award=award, by=manager_a) == []


def test_reviews_recorded_before_the_field_existed_have_their_decision_moved_into_it(
    award, manager_a
):
    """Migration funding 0003 moves "Review decision: …" out of the officer's comments."""
    migration = importlib.import_module("saferboard.funding.migrations.0003_review_outcome_field")
    old = submitted_review(award, manager_a)
    MonitoringReport.objects.filter(pk=old.pk).update(
        status=ReportStatus.ACCEPTED,
        officer_comments="Review decision: End the grant: release nothing more.\n\nTargets missed.",
    )
    untouched = MonitoringReport.objects.create(
        partnership=award.partnership,
        award=award,
        kind=ReportKind.PROGRESS,
        due_on=ON,
        officer_comments="Review decision: none needed for a progress report",
    )

    migration.outcome_from_comments(django_apps, None)

    old.refresh_from_db()
    assert (old.review_outcome, old.officer_comments) == ("end", "Targets missed.")
    untouched.refresh_from_db()
    assert untouched.review_outcome == ""
    migration.outcome_to_comments(django_apps, None)
    old.refresh_from_db()
    assert old.officer_comments.startswith("Review decision: End the grant")
