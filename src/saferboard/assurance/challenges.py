"""Challenge: the partnership questions a submitted rating, or records a peer review note on
it, and the organisation responds (docs/assurance.md, "Challenge").

Managers raise challenges; the organisation hears by e-mail once one is saved (its contact
e-mail, or else its contributors). The organisation's contributors respond, and may change
their response (the version check refuses a stale one). Both are shown on the submission's
page, and the kept PDF report is made again so it shows them too.
"""

import datetime
from functools import partial

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone

from saferboard.actions.selectors import user_organisation_ids
from saferboard.assurance.models import (
    AssuranceReturn,
    Challenge,
    ChallengeKind,
    SubmittedRating,
)
from saferboard.assurance.returns import return_addresses
from saferboard.assurance.selectors import RETURN_WRITERS
from saferboard.assurance.submissions import report_store, submission_url
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
    transaction.on_commit(partial(challenge_email, challenge_id=challenge.pk), robust=True)
    return challenge


def challenge_email(*, challenge_id: int) -> int:
    """Tell the organisation about a challenge, one e-mail per address; returns how many."""
    challenge = Challenge.objects.select_related(
        "rating__standard",
        "rating__submission__assurance_return__framework",
        "rating__submission__assurance_return__organisation",
        "partnership",
    ).get(pk=challenge_id)
    submission = challenge.rating.submission
    assurance_return = submission.assurance_return
    kind = challenge.get_kind_display()
    body = "\n".join(
        [
            f"{challenge.partnership.name} has recorded a {kind.lower()} on the rating of "
            f"standard {challenge.rating.standard} in {assurance_return.organisation}'s "
            f"return to {assurance_return.framework} (submission {submission.number}).",
            "",
            challenge.note,
            "",
            f"Read it and respond (you will be asked to sign in):\n{submission_url(submission)}",
            "",
            f"Sent by saferboard for {challenge.partnership.name}.",
        ]
    )
    messages = [
        EmailMessage(
            subject=f"{kind} on your return: {assurance_return.framework}",
            body=body,
            to=[email],
        )
        for email in sorted(return_addresses(assurance_return))
    ]
    if not messages:
        return 0
    return get_connection().send_messages(messages) or 0


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
