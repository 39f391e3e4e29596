"""Retention: on a request's destruction date its personal details go (every subject's
name, address and date of birth, and what was disclosed), a DestructionRecord says so,
and the decision log keeps its entry, which never held them. `saferboard retention` runs
this daily (docs/sharing.md, "Retention").

History cannot bring them back: RequestSubject keeps no history, and DisclosureRequest's
history leaves out `information_disclosed_encrypted`.
"""

import dataclasses
import datetime

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from saferboard.core.models import Partnership
from saferboard.core.services import record_update
from saferboard.sharing.models import DestructionRecord, DisclosureRequest, RequestSubject

COMMAND = "saferboard retention"


def retention_due(*, partnership: Partnership, today: datetime.date) -> QuerySet[DisclosureRequest]:
    """Requests whose personal details are due for destruction and still held."""
    return DisclosureRequest.objects.filter(
        partnership=partnership,
        destroy_on__lte=today,
        personal_details_destroyed_at__isnull=True,
    ).order_by("destroy_on", "reference")


@transaction.atomic
def request_personal_details_destroy(
    *, request: DisclosureRequest, by: str = COMMAND, now: datetime.datetime | None = None
) -> DestructionRecord:
    """Blank the request's encrypted details and record it, all or nothing."""
    now = now or timezone.now()
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if request.personal_details_destroyed_at is not None:
        return request.destruction
    subjects = RequestSubject.objects.filter(request=request)
    count = subjects.count()
    subjects.update(
        name_encrypted="",
        address_encrypted="",
        date_of_birth_encrypted="",
        destroyed=True,
        version=F("version") + 1,
    )
    record_update(
        instance=request,
        by=None,
        expected_version=None,
        information_disclosed_encrypted="",
        personal_details_destroyed_at=now,
    )
    # Not record_create: its `by` is the acting user, and here `by` is a field (what
    # destroyed them: the command's name).
    record = DestructionRecord(
        partnership=request.partnership,
        request=request,
        destroyed_at=now,
        subjects=count,
        due_on=request.destroy_on,
        by=by,
    )
    record.full_clean()
    record.save()
    return record


@dataclasses.dataclass
class RetentionSummary:
    destroyed: int = 0
    subjects: int = 0
    requests: list[str] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def retention_run(
    *, partnership: Partnership, today: datetime.date, dry_run: bool = False
) -> RetentionSummary:
    """Destroy what is due in `partnership`, one transaction per request (one that fails
    leaves the others done). With `dry_run`, say what is due and change nothing."""
    summary = RetentionSummary()
    for request in retention_due(partnership=partnership, today=today):
        if dry_run:
            subjects = request.subjects.count()
        else:
            subjects = request_personal_details_destroy(request=request).subjects
        summary.destroyed += 1
        summary.subjects += subjects
        summary.requests.append(request.reference)
    return summary
