"""Assessors score the fund's criteria; the weighted totals and the panel's averages."""

import datetime
from decimal import Decimal

import pytest

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.roles import Role
from saferboard.funding.assessment import assessment_record, panel, weighted_percentage
from saferboard.funding.models import Assessment, Recommendation, Score, Stage
from tests.factories import BidFactory

ON = datetime.date(2020, 11, 20)


@pytest.fixture
def bid(fund, applicant):
    return BidFactory(
        partnership=fund.partnership, fund=fund, applicant=applicant, stage=Stage.FULL_APPLICATION
    )


@pytest.fixture
def assessors(fund, make_user, partnership_a):
    people = [make_user(partnership_a, Role.MEMBER) for _ in range(3)]
    fund.assessors.add(*people)
    return people


def scores_of(fund, *values):
    return {
        c: (value, f"Comment on {c.title}")
        for c, value in zip(fund.criteria.all(), values, strict=False)
    }


def test_weighted_percentage_is_weighted_score_over_weighted_maximum():
    # (4x2 + 3x1) / (5x2 + 5x1) = 11 / 15
    assert weighted_percentage([(4, 5, 2), (3, 5, 1)]) == Decimal("73.3")
    assert weighted_percentage([(0, 5, 0)]) is None
    assert weighted_percentage([]) is None


def test_panel_averages_leave_out_the_conflicted_assessor(fund, bid, assessors):
    first, second, conflicted = assessors
    # Criteria weigh 2, 1 and 1, each out of 5.
    assessment_record(
        bid=bid,
        assessor=first,
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 4, 3, 5),
        recommendation=Recommendation.FUND,
    )
    assessment_record(
        bid=bid,
        assessor=second,
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 2, 2, 2),
        recommendation=Recommendation.DO_NOT_FUND,
    )
    assessment_record(
        bid=bid,
        assessor=conflicted,
        on=ON,
        conflict_of_interest=True,
        conflict_details="Trustee of the applicant",
    )

    result = panel(bid=bid)

    by_assessor = {r.assessment.assessor: r.percentage for r in result.results}
    assert by_assessor[first] == Decimal("80.0")  # (8 + 3 + 5) / 20
    assert by_assessor[second] == Decimal("40.0")  # (4 + 2 + 2) / 20
    assert by_assessor[conflicted] is None
    assert result.average == Decimal("60.0")
    assert [c.average for c in result.criteria] == [Decimal("3.0"), Decimal("2.5"), Decimal("3.5")]
    assert result.conflicted == [conflicted]
    assert result.recommendations == [("Fund", 1), ("Do not fund", 1)]


def test_a_conflicted_assessor_cannot_score(fund, bid, assessors):
    with pytest.raises(BusinessRuleError, match="scores nothing") as error:
        assessment_record(
            bid=bid,
            assessor=assessors[0],
            on=ON,
            conflict_of_interest=True,
            conflict_details="Trustee of the applicant",
            scores=scores_of(fund, 4, 3, 5),
        )
    assert error.value.field == "conflict_of_interest"
    assert not Assessment.objects.exists()
    assert not Score.objects.exists()


def test_a_conflict_must_be_described(bid, assessors):
    with pytest.raises(BusinessRuleError, match="Describe the conflict"):
        assessment_record(bid=bid, assessor=assessors[0], on=ON, conflict_of_interest=True)
    assert not Assessment.objects.exists()


def test_declaring_a_conflict_later_removes_the_scores(fund, bid, assessors):
    first = assessment_record(
        bid=bid,
        assessor=assessors[0],
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 4, 3, 5),
        recommendation=Recommendation.FUND,
    )
    assessment_record(
        bid=bid,
        assessor=assessors[0],
        on=ON,
        conflict_of_interest=True,
        conflict_details="Found I am a trustee",
        expected_version=first.version,
    )
    first.refresh_from_db()
    assert first.conflict_of_interest and first.recommendation == ""
    assert not Score.objects.filter(assessment=first).exists()


def test_scores_must_be_within_the_criterion_maximum_and_all_given(fund, bid, assessors):
    criterion = fund.criteria.first()
    with pytest.raises(BusinessRuleError, match="from 0 to 5") as error:
        assessment_record(
            bid=bid,
            assessor=assessors[0],
            on=ON,
            conflict_of_interest=False,
            scores=scores_of(fund, 6, 3, 5),
            recommendation=Recommendation.FUND,
        )
    assert error.value.field == f"score_{criterion.pk}"
    with pytest.raises(BusinessRuleError, match="Enter the score"):
        assessment_record(
            bid=bid,
            assessor=assessors[0],
            on=ON,
            conflict_of_interest=False,
            scores=scores_of(fund, 4, 3),
            recommendation=Recommendation.FUND,
        )
    assert not Assessment.objects.exists()


def test_only_the_funds_assessors_and_managers_assess(fund, bid, make_user, partnership_a):
    outsider = make_user(partnership_a, Role.MEMBER)
    with pytest.raises(BusinessRuleError, match="not an assessor"):
        assessment_record(
            bid=bid,
            assessor=outsider,
            on=ON,
            conflict_of_interest=False,
            scores=scores_of(fund, 1, 1, 1),
            recommendation=Recommendation.FUND,
        )
    manager = make_user(partnership_a, Role.MANAGER)
    made = assessment_record(
        bid=bid,
        assessor=manager,
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 1, 1, 1),
        recommendation=Recommendation.FUND,
    )
    assert made.scores.count() == 3


def test_bids_are_assessed_only_at_presentation_or_full_application(fund, applicant, assessors):
    early = BidFactory(partnership=fund.partnership, fund=fund, applicant=applicant)
    with pytest.raises(BusinessRuleError, match="expression of interest stage"):
        assessment_record(
            bid=early,
            assessor=assessors[0],
            on=ON,
            conflict_of_interest=False,
            scores=scores_of(fund, 1, 1, 1),
            recommendation=Recommendation.FUND,
        )


def test_a_stale_re_edit_is_refused(fund, bid, assessors):
    made = assessment_record(
        bid=bid,
        assessor=assessors[0],
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 1, 1, 1),
        recommendation=Recommendation.FUND,
    )
    assessment_record(
        bid=bid,
        assessor=assessors[0],
        on=ON,
        conflict_of_interest=False,
        scores=scores_of(fund, 2, 2, 2),
        recommendation=Recommendation.FUND,
        expected_version=made.version,
    )
    with pytest.raises(StaleEditError):
        assessment_record(
            bid=bid,
            assessor=assessors[0],
            on=ON,
            conflict_of_interest=False,
            scores=scores_of(fund, 5, 5, 5),
            recommendation=Recommendation.FUND,
            expected_version=made.version,
        )
    assert sorted(Score.objects.values_list("score", flat=True)) == [2, 2, 2]
