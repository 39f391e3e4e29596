"""Writes to the registry that carry a rule beyond "save the form"."""

import datetime

from django.db import transaction

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import Membership, Person


@transaction.atomic
def membership_change_holder(
    *,
    membership: Membership,
    person: Person | None,
    on: datetime.date,
    by: User | None,
    expected_version: int | None = None,
    status_note: str = "",
) -> Membership:
    """End `membership` the day before `on` and open the same seat for `person` from `on`.

    The old row keeps its dates, so the membership on any earlier date is unchanged.
    """
    if on <= membership.start_date:
        raise BusinessRuleError(
            "The change must be after the current holder started "
            f"({membership.start_date:%-d %B %Y}).",
            field="on",
        )
    if membership.end_date is not None:
        # Only the current holder's membership can be handed on; an ended one may
        # already have a successor, and handing it on again would create two holders.
        raise BusinessRuleError(
            f"This membership already ended on {membership.end_date:%-d %B %Y}: change the seat's "
            "current membership instead.",
            field="on",
        )
    if person is not None and person.partnership_id != membership.partnership_id:
        raise BusinessRuleError("Choose a person of this partnership.", field="person")
    record_update(
        instance=membership,
        by=by,
        expected_version=expected_version,
        end_date=on - datetime.timedelta(days=1),
    )
    return record_create(
        model=Membership,
        partnership=membership.partnership,
        by=by,
        body=membership.body,
        person=person,
        organisation=membership.organisation,
        post=membership.post,
        category=membership.category,
        role=membership.role,
        voting_override=membership.voting_override,
        deputy_of=membership.deputy_of,
        start_date=on,
        end_date=None,
        status_note=status_note,
    )
