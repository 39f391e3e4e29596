"""The report reaches the organisation by e-mail, with the PDF attached, once saved."""

import datetime

import pytest

from saferboard.assurance.submissions import submission_make
from saferboard.core.errors import BusinessRuleError
from tests.assurance.submission_helpers import answer_all, pdf_text

ON = datetime.date(2025, 9, 1)


def test_contributors_get_the_report_after_the_submission_is_saved(
    police_return, make_contributor, police, django_capture_on_commit_callbacks, mailoutbox
):
    writer = make_contributor(police)
    colleague = make_contributor(police)
    answer_all(police_return, by=writer, ratings={"2.1": "not_met"})

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = submission_make(assurance_return=police_return, by=writer, on=ON)
    assert mailoutbox == []  # nothing is sent before the submission is saved
    for callback in callbacks:
        callback()

    assert sorted(m.to[0] for m in mailoutbox) == sorted([writer.email, colleague.email])
    message = mailoutbox[0]
    assert "Section 11 audit (2025)" in message.subject
    assert "Metropolitan Police Service" in message.subject
    assert f"/assurance/submissions/{submission.pk}/" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert mimetype == "application/pdf" and name.endswith("submission-1.pdf")
    assert "Section 11 audit 2025 – 2.1" in pdf_text(content)


def test_a_contact_address_gets_the_report_instead_of_other_contributors(
    police_return, make_contributor, police, django_capture_on_commit_callbacks, mailoutbox
):
    writer = make_contributor(police)
    make_contributor(police)
    police_return.contact_email = "safeguarding@police.example"
    police_return.save()
    answer_all(police_return, by=writer)

    with django_capture_on_commit_callbacks(execute=True):
        submission_make(assurance_return=police_return, by=writer, on=ON)

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        ["safeguarding@police.example", writer.email]
    )


def test_a_refused_submission_sends_nothing(
    police_return, make_contributor, police, django_capture_on_commit_callbacks, mailoutbox
):
    writer = make_contributor(police)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(BusinessRuleError, match="cannot be submitted"),
    ):
        submission_make(assurance_return=police_return, by=writer, on=ON)

    assert callbacks == [] and mailoutbox == []
