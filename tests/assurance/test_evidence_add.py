"""Evidence files are checked by their contents and attached to the answer."""

import pytest

from saferboard.assurance.returns import evidence_add, evidence_remove, return_problems
from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.packs import html_to_pdf


def test_a_pdf_counts_as_evidence(police_return, framework, manager_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    standard = framework.sections.first().standards.get(number="1.1")
    from saferboard.assurance.returns import answer_save

    answer_save(
        assurance_return=police_return,
        standard=standard,
        level=standard.scale.levels.get(code="met"),
        by=manager_a,
        version=None,
    )
    assert any(s == standard for s, _ in return_problems(police_return))
    pdf = html_to_pdf("<p>Named lead: J Smith</p>").write_pdf()
    evidence = evidence_add(
        assurance_return=police_return,
        standard=standard,
        title="Board minute",
        name="minute.pdf",
        data=pdf,
        by=manager_a,
    )
    assert evidence.original_name == "minute.pdf"
    assert evidence.file.read() == pdf
    assert not any(s == standard for s, _ in return_problems(police_return))
    evidence_remove(evidence=evidence, by=manager_a)
    assert any(s == standard for s, _ in return_problems(police_return))


def test_a_file_that_is_not_what_it_says_is_refused(
    police_return, framework, manager_a, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    standard = framework.sections.first().standards.get(number="1.1")
    with pytest.raises(BusinessRuleError, match="“policy.pdf”"):
        evidence_add(
            assurance_return=police_return,
            standard=standard,
            title="Policy",
            name="policy.pdf",
            data=b"not a pdf",
            by=manager_a,
        )
    assert not police_return.answers.exists()
