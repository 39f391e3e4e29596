"""Challenge: the partnership questions a submitted rating, or records a peer review note on
it, and the organisation responds (docs/assurance.md, "Challenge").

Managers raise challenges; the organisation's contributors respond (and may change their
response; the version check refuses a stale one). Both are shown on the submission's page,
and the kept PDF report is made again so it shows them too.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from saferboard.actions.selectors import user_organisation_ids
from saferboard.assurance.models import (
    AssuranceReturn,
    Challenge,
    ChallengeKind,
    SubmittedRating,
)
from saferboard.assurance.selectors import RETURN_WRITERS
from saferboard.assurance.submissions import report_store
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update


def may_respond(
    *, assurance_return: AssuranceReturn, user: User, roles: frozenset[str], on: datetime.date
) -> bool:
    """Only the organisation's contributors respond to challenges on its return."""
    if not roles & RETURN_WRITERS:
        return False
    organisations = user_organisation_ids(
        partnership=assurance_return.partnership, user=user, on=on
    )
    return assurance_return.organisation_id in organisations


@transaction.atomic
def challenge_add(*, rating: SubmittedRating, kind: str, note: str, by: User | None) -> Challenge:
    """Record a challenge or peer review note against one submitted rating."""
    note = (note or "").strip()
    if kind not in ChallengeKind.values:
        raise BusinessRuleError("Choose whether this is a challenge or a peer review note.")
    if not note:
        raise BusinessRuleError(
            f"Enter the {ChallengeKind(kind).label.lower()}: what you question about the "
            f"rating of standard {rating.standard.number}.",
            field="note",
        )
    challenge = record_create(
        model=Challenge,
        partnership=rating.partnership,
        by=by,
        rating=rating,
        kind=kind,
        note=note,
        raised_by=by,
    )
    report_store(submission=rating.submission)
    return challenge


@transaction.atomic
def challenge_respond(
    *,
    challenge: Challenge,
    response: str,
    by: User | None,
    version: int | None,
    on: datetime.datetime | None = None,
) -> Challenge:
    """The organisation's response to a challenge; refused if the challenge changed since
    `version` (someone else responded meanwhile)."""
    response = (response or "").strip()
    if not response:
        raise BusinessRuleError(
            f"Enter your response to the {challenge.get_kind_display().lower()} on standard "
            f"{challenge.rating.standard.number}.",
            field="response",
        )
    challenge = record_update(
        instance=challenge,
        by=by,
        expected_version=version,
        response=response,
        responded_by=by,
        responded_at=on or timezone.now(),
    )
    report_store(submission=challenge.rating.submission)
    return challenge
