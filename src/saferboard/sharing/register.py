"""The sharing agreement register: agreements and their document history, the parties who
sign them (and the recorded steps of joining), and the data-set catalogue. Every write
here; the reads live in `sharing.selectors`.

Status rules (docs/sharing.md, "The register"): an agreement goes draft -> in consultation
-> approved -> superseded. Approving needs the date it takes effect and its review date; the
approval meeting and resolution are recorded when there are any (older protocols were signed
off before saferboard held the partnership's meetings). Approving a new version supersedes the
one it replaces: for an overarching agreement, every other approved overarching agreement of
the partnership; for a subject-specific one, the approved ones for the same subject.
"""

import datetime
import io
import zipfile
from pathlib import PurePath
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import get_valid_filename

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.papers import paper_max_bytes, pdf_page_count, size_label
from saferboard.sharing.models import (
    AgreementKind,
    AgreementRevision,
    AgreementStatus,
    DataSet,
    JoiningStep,
    LegalBasis,
    Party,
    PartyStatus,
    SharingAgreement,
)

# Which status an agreement may move to from each status (superseding is also automatic).
STATUS_MOVES: dict[str, frozenset[str]] = {
    AgreementStatus.DRAFT: frozenset({AgreementStatus.IN_CONSULTATION, AgreementStatus.APPROVED}),
    AgreementStatus.IN_CONSULTATION: frozenset({AgreementStatus.DRAFT, AgreementStatus.APPROVED}),
    AgreementStatus.APPROVED: frozenset({AgreementStatus.SUPERSEDED}),
    AgreementStatus.SUPERSEDED: frozenset(),
}
# Which joining step may follow each party status: asked -> endorsed -> signed, or withdrawn.
STEP_MOVES: dict[str, frozenset[str]] = {
    PartyStatus.REQUESTED: frozenset({PartyStatus.ENDORSED, PartyStatus.WITHDRAWN}),
    PartyStatus.ENDORSED: frozenset({PartyStatus.SIGNED, PartyStatus.WITHDRAWN}),
    PartyStatus.SIGNED: frozenset({PartyStatus.WITHDRAWN}),
    PartyStatus.WITHDRAWN: frozenset({PartyStatus.REQUESTED}),
}
PDF, DOCX = "PDF", "DOCX"


# --- agreements ----------------------------------------------------------------------------


def _check_agreement(*, partnership: Partnership, fields: dict[str, Any], agreement=None) -> None:
    """The rules a form cannot hold alone: where a subject-specific agreement sits, the legal
    bases, and links to the same partnership's records."""
    kind = fields.get("kind", agreement.kind if agreement else None)
    parent = fields.get("parent", agreement.parent if agreement else None)
    if kind == AgreementKind.SUBJECT_SPECIFIC and parent is None:
        raise BusinessRuleError(
            "Choose the overarching agreement this subject-specific agreement sits beneath.",
            field="parent",
        )
    if parent is not None:
        if kind == AgreementKind.OVERARCHING:
            raise BusinessRuleError(
                "An overarching agreement sits beneath no other: leave “sits beneath” empty.",
                field="parent",
            )
        if parent.kind != AgreementKind.OVERARCHING or (agreement and parent.pk == agreement.pk):
            raise BusinessRuleError(
                f"“{parent.title}” is not an overarching agreement: a subject-specific "
                "agreement sits beneath an overarching one.",
                field="parent",
            )
    if ("legal_bases" in fields or agreement is None) and not fields.get("legal_bases"):
        raise BusinessRuleError(
            "Select at least one legal basis the agreement relies on.", field="legal_bases"
        )
    unknown = sorted(set(fields.get("legal_bases") or []) - set(LegalBasis.values))
    if unknown:
        raise BusinessRuleError(
            f"Legal basis {', '.join(unknown)} is not one saferboard knows; choose from the list.",
            field="legal_bases",
        )
    for name in ("parent", "review_owner", "approval_meeting", "approval_resolution"):
        record = fields.get(name)
        if record is not None and record.partnership_id != partnership.pk:
            raise BusinessRuleError(
                f"Choose a {name.replace('_', ' ')} of this partnership.", field=name
            )
    meeting = fields.get("approval_meeting", agreement.approval_meeting if agreement else None)
    resolution = fields.get(
        "approval_resolution", agreement.approval_resolution if agreement else None
    )
    if resolution is not None and meeting is not None and resolution.item.meeting_id != meeting.pk:
        raise BusinessRuleError(
            f"The resolution was made at {resolution.item.meeting}, not at {meeting}: choose "
            "a resolution of the approval meeting.",
            field="approval_resolution",
        )
    effective_on = fields.get("effective_on", agreement.effective_on if agreement else None)
    review_on = fields.get("review_on", agreement.review_on if agreement else None)
    if effective_on and review_on and review_on <= effective_on:
        raise BusinessRuleError(
            "The review date must be after the date the agreement takes effect.", field="review_on"
        )


def _resolution_meeting(fields: dict[str, Any]) -> None:
    # A resolution names its meeting: fill the meeting in when only the resolution is given.
    resolution = fields.get("approval_resolution")
    if resolution is not None and fields.get("approval_meeting") is None:
        fields["approval_meeting"] = resolution.item.meeting


@transaction.atomic
def agreement_create(
    *, partnership: Partnership, by: User | None, **fields: Any
) -> SharingAgreement:
    """Add an agreement to the register, as a draft: its status changes only through
    `agreement_status_change`."""
    fields.pop("status", None)
    _resolution_meeting(fields)
    _check_agreement(partnership=partnership, fields=fields)
    if fields.get("kind") == AgreementKind.OVERARCHING:
        fields["parent"] = None
    return record_create(
        model=SharingAgreement,
        partnership=partnership,
        by=by,
        status=AgreementStatus.DRAFT,
        **fields,
    )


@transaction.atomic
def agreement_update(
    *, agreement: SharingAgreement, by: User | None, expected_version: int | None, **fields: Any
) -> SharingAgreement:
    """Change an agreement's document control (not its status); refuses a stale copy."""
    fields.pop("status", None)
    _resolution_meeting(fields)
    _check_agreement(partnership=agreement.partnership, fields=fields, agreement=agreement)
    if fields.get("kind", agreement.kind) == AgreementKind.OVERARCHING:
        fields["parent"] = None
    return record_update(instance=agreement, by=by, expected_version=expected_version, **fields)


def agreements_replaced_by(*, agreement: SharingAgreement):
    """The approved agreements that `agreement`, once approved, supersedes."""
    others = SharingAgreement.objects.filter(
        partnership=agreement.partnership, status=AgreementStatus.APPROVED, kind=agreement.kind
    ).exclude(pk=agreement.pk)
    if agreement.kind == AgreementKind.OVERARCHING:
        return others
    if agreement.subject.strip():
        return others.filter(subject__iexact=agreement.subject.strip())
    return others.filter(title__iexact=agreement.title.strip())


@transaction.atomic
def agreement_status_change(
    *,
    agreement: SharingAgreement,
    by: User | None,
    expected_version: int | None,
    status: str,
    approval_meeting=None,
    approval_resolution=None,
    effective_on: datetime.date | None = None,
    review_on: datetime.date | None = None,
) -> list[SharingAgreement]:
    """Move `agreement` to `status`. Approving needs the effective and review dates (given
    here or already on the agreement) and supersedes the version it replaces. Returns the
    agreements superseded by this change."""
    if status not in STATUS_MOVES.get(agreement.status, ()):
        allowed = ", ".join(
            AgreementStatus(move).label.lower() for move in sorted(STATUS_MOVES[agreement.status])
        )
        raise BusinessRuleError(
            f"“{agreement.title}” is {agreement.get_status_display().lower()}: it can move to "
            f"{allowed or 'no other status'}, not to {AgreementStatus(status).label.lower()}.",
            field="status",
        )
    changes: dict[str, Any] = {"status": status}
    for name, value in (
        ("approval_meeting", approval_meeting),
        ("approval_resolution", approval_resolution),
        ("effective_on", effective_on),
        ("review_on", review_on),
    ):
        if value is not None:
            changes[name] = value
    _resolution_meeting(changes)
    _check_agreement(partnership=agreement.partnership, fields=changes, agreement=agreement)
    superseded: list[SharingAgreement] = []
    if status == AgreementStatus.APPROVED:
        if not changes.get("effective_on", agreement.effective_on):
            raise BusinessRuleError(
                "Give the date the agreement takes effect to approve it.", field="effective_on"
            )
        if not changes.get("review_on", agreement.review_on):
            raise BusinessRuleError(
                "Give the date the agreement is to be reviewed (usually a year on) to approve it.",
                field="review_on",
            )
        for old in agreements_replaced_by(agreement=agreement).select_for_update():
            superseded.append(
                record_update(
                    instance=old,
                    by=by,
                    expected_version=None,
                    status=AgreementStatus.SUPERSEDED,
                )
            )
    record_update(instance=agreement, by=by, expected_version=expected_version, **changes)
    return superseded


@transaction.atomic
def agreement_revision_add(
    *,
    agreement: SharingAgreement,
    by: User | None,
    on: datetime.date,
    version_label: str,
    comments: str,
) -> AgreementRevision:
    """Add a line to the agreement's document history (date | version | comments)."""
    return record_create(
        model=AgreementRevision,
        partnership=agreement.partnership,
        by=by,
        agreement=agreement,
        on=on,
        version_label=version_label,
        comments=comments,
    )


def document_check(*, name: str, data: bytes) -> str:
    """PDF or DOCX, judged by the contents, not the name; BusinessRuleError says why not."""
    name = PurePath(name or "the file").name
    if not data:
        raise BusinessRuleError(
            f"“{name}” is empty (0 bytes). Choose the file again.", field="file"
        )
    limit = paper_max_bytes()
    if len(data) > limit:
        raise BusinessRuleError(
            f"“{name}” is {size_label(len(data))}; a document can be at most {size_label(limit)}.",
            field="file",
        )
    if data.startswith(b"%PDF-"):
        pdf_page_count(name=name, data=data)
        return PDF
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" in archive.namelist():
                return DOCX
    except zipfile.BadZipFile:
        pass
    raise BusinessRuleError(
        f"“{name}” is not a PDF or a Word (.docx) document, whatever its name says. "
        "Upload the agreement as PDF or .docx.",
        field="file",
    )


@transaction.atomic
def agreement_document_upload(
    *,
    agreement: SharingAgreement,
    by: User | None,
    expected_version: int | None,
    name: str,
    data: bytes,
) -> SharingAgreement:
    """Store the agreement's document (PDF or Word), replacing any earlier one."""
    kind = document_check(name=name, data=data)
    stem = get_valid_filename(PurePath(name).stem)[:80] or "agreement"
    stored = ContentFile(data, name=f"{stem}.{kind.lower()}")
    return record_update(
        instance=agreement, by=by, expected_version=expected_version, document=stored
    )


def document_download_name(*, agreement: SharingAgreement) -> str:
    suffix = PurePath(agreement.document.name).suffix or ".pdf"
    title = get_valid_filename(f"{agreement.title} version {agreement.version_label}")[:100]
    return f"{title or 'agreement'}{suffix}"


# --- parties -------------------------------------------------------------------------------


def _check_people(*, partnership: Partnership, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        if hasattr(value, "partnership_id") and value.partnership_id != partnership.pk:
            raise BusinessRuleError(
                f"Choose the {name.replace('_', ' ')} from this partnership's registry.", field=name
            )


@transaction.atomic
def party_add(
    *,
    agreement: SharingAgreement,
    by: User | None,
    organisation,
    principal_signatory_role: str,
    on: datetime.date,
    note: str = "",
    **contacts: Any,
) -> Party:
    """Ask `organisation` to join `agreement`: the party starts as "asked to join", with that
    first joining step recorded. `contacts` are the signatory, SPOC and the other people."""
    partnership = agreement.partnership
    _check_people(partnership=partnership, fields={"organisation": organisation, **contacts})
    if agreement.status == AgreementStatus.SUPERSEDED:
        raise BusinessRuleError(
            f"“{agreement}” is superseded: add parties to the version that replaced it.",
            field="organisation",
        )
    if Party.objects.filter(agreement=agreement, organisation=organisation).exists():
        raise BusinessRuleError(
            f"{organisation} is already a party to “{agreement.title}”: open it from the "
            "agreement's page.",
            field="organisation",
        )
    party = record_create(
        model=Party,
        partnership=partnership,
        by=by,
        agreement=agreement,
        organisation=organisation,
        principal_signatory_role=principal_signatory_role,
        status=PartyStatus.REQUESTED,
        **contacts,
    )
    _step_record(party=party, by=by, status=PartyStatus.REQUESTED, on=on, note=note)
    return party


def _step_record(*, party: Party, by: User | None, status: str, on, note: str) -> JoiningStep:
    step = JoiningStep(
        partnership=party.partnership, party=party, status=status, on=on, by=by, note=note
    )
    step.full_clean()
    step.save()
    return step


@transaction.atomic
def party_update(
    *, party: Party, by: User | None, expected_version: int | None, **fields: Any
) -> Party:
    """Change a party's signatory and contacts (its status moves only by joining steps)."""
    for name in ("status", "signed_on", "agreement", "organisation"):
        fields.pop(name, None)
    _check_people(partnership=party.partnership, fields=fields)
    return record_update(instance=party, by=by, expected_version=expected_version, **fields)


@transaction.atomic
def party_step(
    *,
    party: Party,
    by: User | None,
    expected_version: int | None,
    status: str,
    on: datetime.date | None,
    note: str = "",
) -> JoiningStep:
    """Record the next step of joining: endorsed by the head of service (the note says who),
    signed (on the date signed), withdrawn, or asked again after a withdrawal."""
    if status not in STEP_MOVES[party.status]:
        allowed = " or ".join(
            PartyStatus(s).label.lower() for s in sorted(STEP_MOVES[party.status])
        )
        raise BusinessRuleError(
            f"{party.organisation} is “{party.get_status_display().lower()}”: the next step is "
            f"{allowed}, not {PartyStatus(status).label.lower()}.",
            field="status",
        )
    if on is None:
        what = "the agreement was signed" if status == PartyStatus.SIGNED else "of this step"
        raise BusinessRuleError(f"Give the date {what}.", field="on")
    last = party.joining_steps.order_by("-on", "-pk").first()
    if last is not None and on < last.on:
        raise BusinessRuleError(
            f"The date must be on or after the last step ({last.get_status_display().lower()} "
            f"on {last.on:%-d %B %Y}).",
            field="on",
        )
    if status == PartyStatus.ENDORSED and not note.strip():
        raise BusinessRuleError(
            "Say which head of service endorsed the request to join.", field="note"
        )
    changes: dict[str, Any] = {"status": status}
    if status == PartyStatus.SIGNED:
        changes["signed_on"] = on
    record_update(instance=party, by=by, expected_version=expected_version, **changes)
    return _step_record(party=party, by=by, status=status, on=on, note=note)


# --- the data-set catalogue ----------------------------------------------------------------


def _check_data_set(*, partnership: Partnership, fields: dict[str, Any]) -> None:
    for name in ("organisation", "agreement"):
        record = fields.get(name)
        if record is not None and record.partnership_id != partnership.pk:
            raise BusinessRuleError(f"Choose the {name} from this partnership.", field=name)


@transaction.atomic
def data_set_create(*, partnership: Partnership, by: User | None, **fields: Any) -> DataSet:
    _check_data_set(partnership=partnership, fields=fields)
    return record_create(model=DataSet, partnership=partnership, by=by, **fields)


@transaction.atomic
def data_set_update(
    *, data_set: DataSet, by: User | None, expected_version: int | None, **fields: Any
) -> DataSet:
    _check_data_set(partnership=data_set.partnership, fields=fields)
    return record_update(instance=data_set, by=by, expected_version=expected_version, **fields)


@transaction.atomic
def data_set_delete(*, data_set: DataSet, by: User | None, expected_version: int | None) -> None:
    """Remove a data set from the catalogue, unless someone changed it since it was read."""
    if expected_version is not None and expected_version != data_set.version:
        raise StaleEditError("This data set")
    data_set._history_user = by
    data_set.delete()


# --- reads ---------------------------------------------------------------------------------

# An approved agreement is "due for review" this many days before its review date.
REVIEW_DUE_WITHIN_DAYS = 30


def review_label(*, agreement: SharingAgreement, today: datetime.date) -> dict | None:
    """ "Review overdue" or "Review due in N days" for an approved agreement whose review date
    is past or within REVIEW_DUE_WITHIN_DAYS; None otherwise. `colour` is the tag's."""
    if agreement.status != AgreementStatus.APPROVED or agreement.review_on is None:
        return None
    days = (agreement.review_on - today).days
    if days < 0:
        return {"text": "Review overdue", "colour": "red", "overdue": True}
    if days <= REVIEW_DUE_WITHIN_DAYS:
        when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
        return {"text": f"Review due {when}", "colour": "yellow", "overdue": False}
    return None


def reviews_due(*, partnership: Partnership, today: datetime.date):
    """Approved agreements whose review date is past or within REVIEW_DUE_WITHIN_DAYS,
    soonest first."""
    horizon = today + datetime.timedelta(days=REVIEW_DUE_WITHIN_DAYS)
    return (
        SharingAgreement.objects.filter(
            partnership=partnership, status=AgreementStatus.APPROVED, review_on__lte=horizon
        )
        .select_related("review_owner")
        .order_by("review_on", "pk")
    )
