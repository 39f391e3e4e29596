"""A re-submission's report compares each standard with the previous submission."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferboard.assurance.models import RatingLevel, Section, Standard
from saferboard.assurance.report import rating_change, report_build, report_pdf
from saferboard.assurance.submissions import submission_make
from tests.assurance.submission_helpers import answer_all, framework_grow, pdf_text

ON = datetime.date(2025, 9, 1)
LATER = datetime.date(2025, 12, 1)


def _changes(report):
    return {row.standard.number: row.change for part in report.sections for row in part.rows}


def test_the_second_submission_is_compared_with_the_first(police_return, make_contributor, police):
    writer = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"1.1": "partly", "1.2": "met", "2.2": "na"})
    first = submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer, ratings={"1.1": "met", "1.2": "not_met", "2.2": "partly"})

    second = submission_make(assurance_return=police_return, by=writer, on=LATER)

    assert _changes(report_build(first)) == {"1.1": "", "1.2": "", "2.1": "", "2.2": ""}
    report = report_build(second)
    assert report.previous == first
    assert _changes(report) == {"1.1": "improved", "1.2": "worse", "2.1": "same", "2.2": "changed"}
    assert [(label, count) for label, _, count in report.change_counts] == [
        ("Improved", 1),
        ("Worse", 1),
        ("Same", 1),
        ("Changed", 1),
    ]
    text = pdf_text(report_pdf(report))
    assert "Compared with: Submission 1, 1 September 2025: improved 1; worse 1" in text
    assert "Improved was partially met" in text
    assert "Worse was met" in text


def test_a_standard_the_previous_submission_did_not_rate_is_new(
    police_return, make_contributor, police, framework
):
    writer = make_contributor(police)
    answer_all(police_return, by=writer)
    submission_make(assurance_return=police_return, by=writer, on=ON)
    section = Section.objects.get(framework=framework, number="2")
    scale = Standard.objects.filter(section=section).first().scale
    Standard.objects.create(
        partnership=framework.partnership,
        section=section,
        number="2.3",
        title="Allegations against staff are referred",
        scale=scale,
        order=3,
    )
    answer_all(police_return, by=writer, ratings={"2.3": "met"})

    second = submission_make(assurance_return=police_return, by=writer, on=LATER)

    assert _changes(report_build(second))["2.3"] == "new"


def test_rating_change_orders_by_score():
    met = RatingLevel(pk=1, score=3)
    partly = RatingLevel(pk=2, score=2)
    also_two = RatingLevel(pk=3, score=2)
    na = RatingLevel(pk=4, score=None)
    assert rating_change(partly, met) == "improved"
    assert rating_change(met, partly) == "worse"
    assert rating_change(partly, also_two) == "same"
    assert rating_change(na, met) == "changed"
    assert rating_change(None, met) == "new"


def _queries_to_build(police_return, writer, extra_ratings):
    answer_all(police_return, by=writer, ratings=extra_ratings)
    submission_make(assurance_return=police_return, by=writer, on=ON)
    answer_all(police_return, by=writer, ratings={k: "met" for k in extra_ratings})
    second = submission_make(assurance_return=police_return, by=writer, on=LATER)
    with CaptureQueriesContext(connection) as queries:
        report = report_build(second)
    return len(queries), report


def test_building_the_report_takes_the_same_queries_whatever_the_size(
    police_return, make_contributor, police, framework
):
    writer = make_contributor(police)
    small, _ = _queries_to_build(police_return, writer, {"1.2": "partly"})
    framework_grow(framework, 12)
    police_return.submissions.all().delete()  # start again, bigger
    extra = {f"1.{n + 10}": "partly" for n in range(12)} | {"1.2": "partly"}

    large, report = _queries_to_build(police_return, writer, extra)

    assert len(report.now_met) == 13
    assert large == small
