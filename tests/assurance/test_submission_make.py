"""Submitting a return: refused until it is complete, then numbered, frozen and reported."""

import datetime

import pytest

from saferboard.assurance.models import ReturnStatus, Standard, Submission, Variant
from saferboard.assurance.returns import answer_save, evidence_add
from saferboard.assurance.submissions import submission_make
from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.packs import html_to_pdf
from tests.assurance.submission_helpers import answer_all, pdf_text

ON = datetime.date(2025, 9, 1)


@pytest.fixture
def contributor(make_contributor, police):
    return make_contributor(police)


def test_an_unrated_standard_refuses_the_submission_naming_it(police_return, contributor):
    answer_all(police_return, by=contributor)
    police_return.answers.get(standard__number="2.2").delete()

    with pytest.raises(BusinessRuleError, match=r"Standard 2\.2 .* has no rating"):
        submission_make(assurance_return=police_return, by=contributor, on=ON)

    assert not Submission.objects.exists()
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.IN_PROGRESS


def test_missing_required_evidence_refuses_the_submission_naming_it(police_return, contributor):
    answer_all(police_return, by=contributor, evidence="")

    with pytest.raises(BusinessRuleError, match=r"Standard 1\.1 .* needs evidence"):
        submission_make(assurance_return=police_return, by=contributor, on=ON)

    assert not Submission.objects.exists()


def test_a_complete_return_is_submitted_frozen_and_reported(police_return, contributor):
    answer_all(police_return, by=contributor, ratings={"1.2": "partly", "2.2": "na"})

    submission = submission_make(assurance_return=police_return, by=contributor, on=ON)

    assert submission.number == 1
    assert submission.submitted_by == contributor
    assert submission.submitted_at.date() == ON
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.SUBMITTED
    frozen = {r.standard.number: r.level.code for r in submission.ratings.all()}
    assert frozen == {"1.1": "met", "1.2": "partly", "2.1": "met", "2.2": "na"}
    # Editing the working copy afterwards does not change what was submitted.
    answer = police_return.answers.get(standard__number="1.2")
    answer_save(
        assurance_return=police_return,
        standard=answer.standard,
        level=answer.standard.scale.levels.get(code="met"),
        comment="Fixed",
        evidence_link="",
        by=contributor,
        version=answer.version,
    )
    assert submission.ratings.get(standard__number="1.2").level.code == "partly"
    assert submission.ratings.get(standard__number="1.2").comment == "How we do 1.2"


def test_the_report_pdf_is_kept_with_ratings_and_actions(police_return, contributor):
    answer_all(police_return, by=contributor, ratings={"1.2": "partly", "2.1": "not_met"})

    submission = submission_make(assurance_return=police_return, by=contributor, on=ON)

    submission.refresh_from_db()
    assert submission.report_pdf.name.endswith(".pdf")
    text = pdf_text(submission.report_pdf.read())
    assert "Metropolitan Police Service" in text
    assert "Section 11 audit (2025): self-assessment report" in text
    assert "1.2 Safeguarding policy is reviewed every year Partially met" in text
    assert "Not met" in text
    assert "Section 11 audit 2025 – 1.2" in text
    assert "Section 11 audit 2025 – 2.1" in text
    assert "first submission" in text


def test_resubmitting_makes_the_next_numbered_submission(police_return, contributor):
    answer_all(police_return, by=contributor, ratings={"1.2": "partly"})
    first = submission_make(assurance_return=police_return, by=contributor, on=ON)
    answer_all(police_return, by=contributor)

    second = submission_make(
        assurance_return=police_return, by=contributor, on=ON + datetime.timedelta(days=30)
    )

    assert (first.number, second.number) == (1, 2)
    assert police_return.submissions.count() == 2
    assert first.ratings.get(standard__number="1.2").level.code == "partly"
    assert second.ratings.get(standard__number="1.2").level.code == "met"


def test_a_variant_return_submits_only_its_standards(police_return, contributor, framework):
    answer_all(police_return, by=contributor)
    variant = Variant.objects.create(
        partnership=framework.partnership, framework=framework, name="Small organisations"
    )
    variant.standards.set(Standard.objects.filter(number__in=["1.1", "2.1"]))
    police_return.variant = variant
    police_return.save()

    submission = submission_make(assurance_return=police_return, by=contributor, on=ON)

    assert sorted(submission.ratings.values_list("standard__number", flat=True)) == ["1.1", "2.1"]


def test_evidence_files_are_frozen_by_title(police_return, contributor):
    answer_all(police_return, by=contributor, evidence="")
    for number in ("1.1", "2.1"):  # the standards that require evidence
        evidence_add(
            assurance_return=police_return,
            standard=Standard.objects.get(number=number),
            title=f"Evidence for {number}",
            name=f"evidence-{number}.pdf",
            data=html_to_pdf(f"<p>Evidence for {number}</p>").write_pdf(),
            by=contributor,
        )

    submission = submission_make(assurance_return=police_return, by=contributor, on=ON)

    assert submission.ratings.get(standard__number="2.1").evidence_titles == ["Evidence for 2.1"]
    assert submission.ratings.get(standard__number="1.2").evidence_titles == []
    submission.refresh_from_db()
    assert "Evidence: Evidence for 2.1" in pdf_text(submission.report_pdf.read())
