"""Submitting a return: a dated, frozen copy of the answers (docs/assurance.md,
"Submitting and the report").

STUB: numbers the submission, freezes the ratings and marks the return submitted. The
checks, generated actions, PDF report and e-mail follow.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from saferboard.assurance.models import (
    AssuranceReturn,
    ReturnStatus,
    Standard,
    Submission,
    SubmittedRating,
)
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update


@transaction.atomic
def submission_make(
    *, assurance_return: AssuranceReturn, by: User | None, on: datetime.datetime | None = None
) -> Submission:
    """Submit `assurance_return` as it stands: the next numbered Submission."""
    assurance_return = AssuranceReturn.objects.select_for_update().get(pk=assurance_return.pk)
    last = assurance_return.submissions.order_by("-number").first()
    submission = record_create(
        model=Submission,
        partnership=assurance_return.partnership,
        by=by,
        assurance_return=assurance_return,
        number=(last.number + 1) if last else 1,
        submitted_by=by,
        submitted_at=on or timezone.now(),
    )
    standards = Standard.objects.filter(section__framework=assurance_return.framework)
    if assurance_return.variant_id:
        standards = standards.filter(variants=assurance_return.variant_id)
    answers = {answer.standard_id: answer for answer in assurance_return.answers.all()}
    for standard in standards:
        answer = answers.get(standard.pk)
        SubmittedRating.objects.create(
            partnership=assurance_return.partnership,
            submission=submission,
            standard=standard,
            level_id=answer.level_id if answer else None,
            comment=answer.comment if answer else "",
            evidence_link=answer.evidence_link if answer else "",
        )
    record_update(
        instance=assurance_return, by=by, expected_version=None, status=ReturnStatus.SUBMITTED
    )
    return submission
