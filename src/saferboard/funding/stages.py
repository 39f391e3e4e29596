"""Moving a bid from one stage to another and recording who moved it, when and why.

`stage_set` is the one place a bid's stage changes; the rules of which moves are allowed
(the eligibility gate before the full application, only officers move bids on) live in
bids.py, and recording a decision (decisions.py) moves the bid to "decided".
"""

import datetime

from django.db import transaction

from saferboard.core.models import User
from saferboard.core.services import record_update
from saferboard.funding.models import Bid, StageChange


@transaction.atomic
def stage_set(
    *,
    bid: Bid,
    to_stage: str,
    on: datetime.date,
    by: User | None,
    note: str = "",
    expected_version: int | None = None,
    **changes,
) -> Bid:
    """Move `bid` to `to_stage` (with any other field `changes`) and record the move. A
    stale `expected_version` is refused (core.services.StaleEditError)."""
    from_stage = bid.stage
    bid = record_update(
        instance=bid,
        by=by,
        expected_version=expected_version,
        stage=to_stage,
        stage_changed_on=on,
        **changes,
    )
    change = StageChange(
        partnership=bid.partnership,
        bid=bid,
        from_stage=from_stage,
        to_stage=to_stage,
        on=on,
        by=by,
        note=note,
    )
    change.full_clean()
    change.save()
    return bid
