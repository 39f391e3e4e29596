"""Answers are the return's working copy: saved a section at a time, version-checked, and
refused whole when one is wrong."""

import pytest

from saferboard.assurance.models import Answer, ReturnStatus
from saferboard.assurance.returns import answer_save, answers_save, return_problems, return_progress
from saferboard.core.errors import BusinessRuleError, StaleEditError
from tests.assurance.conftest import framework_build
from tests.factories import BodyFactory


def standards(framework):
    return {s.number: s for s in framework.sections.first().standards.all()} | {
        s.number: s for s in framework.sections.last().standards.all()
    }


def level(standard, code):
    return standard.scale.levels.get(code=code)


def test_saving_an_answer_starts_the_return(police_return, framework, make_contributor, police):
    user = make_contributor(police)
    s = standards(framework)["1.2"]
    answer_save(
        assurance_return=police_return,
        standard=s,
        level=level(s, "partly"),
        comment="Reviewed in 2023",
        by=user,
        version=None,
    )
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.IN_PROGRESS
    progress = return_progress(police_return)
    assert [(p.answered, p.total) for p in progress] == [(1, 2), (0, 2)]


def test_a_stale_answer_is_refused(police_return, framework, manager_a):
    s = standards(framework)["1.2"]
    first = answer_save(
        assurance_return=police_return,
        standard=s,
        level=level(s, "met"),
        by=manager_a,
        version=None,
    )
    answer_save(
        assurance_return=police_return,
        standard=s,
        level=level(s, "partly"),
        by=manager_a,
        version=first.version,
    )
    with pytest.raises(StaleEditError):
        answer_save(
            assurance_return=police_return,
            standard=s,
            level=level(s, "not_met"),
            by=manager_a,
            version=first.version,
        )
    assert Answer.objects.get(standard=s).level.code == "partly"


def test_one_bad_answer_saves_none_of_the_section(police_return, framework, manager_a):
    s = standards(framework)
    other = framework_build(
        police_return.partnership,
        body=BodyFactory(partnership=police_return.partnership),
        name="Prevent duty",
    )
    other_level = other.scales.get().levels.get(code="met")
    with pytest.raises(BusinessRuleError, match="not a rating for standard 1.2"):
        answers_save(
            assurance_return=police_return,
            by=manager_a,
            answers=[
                {"standard": s["1.1"], "level": level(s["1.1"], "met"), "version": None},
                {"standard": s["1.2"], "level": other_level, "version": None},
            ],
        )
    assert not Answer.objects.filter(assurance_return=police_return).exists()


def test_problems_name_unrated_standards_and_missing_evidence(police_return, framework, manager_a):
    s = standards(framework)
    answers_save(
        assurance_return=police_return,
        by=manager_a,
        answers=[
            {"standard": s["1.1"], "level": level(s["1.1"], "met"), "version": None},
            {"standard": s["1.2"], "level": level(s["1.2"], "met"), "version": None},
            {"standard": s["2.1"], "level": level(s["2.1"], "na"), "version": None},
        ],
    )
    messages = [message for _, message in return_problems(police_return)]
    assert messages == [
        "Standard 1.1 Senior lead for safeguarding is named needs evidence: "
        "attach a file or give a link.",
        "Standard 2.2 Staff complete safeguarding training every three years has no rating.",
    ]


def test_editing_after_a_submission_reopens_the_return(police_return, framework, manager_a):
    police_return.status = ReturnStatus.SUBMITTED
    police_return.save()
    s = standards(framework)["1.2"]
    answer_save(
        assurance_return=police_return,
        standard=s,
        level=level(s, "met"),
        by=manager_a,
        version=None,
    )
    police_return.refresh_from_db()
    assert police_return.status == ReturnStatus.IN_PROGRESS
