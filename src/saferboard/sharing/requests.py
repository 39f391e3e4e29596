"""Requests for information and their answers: Part A (the request, its subjects encrypted
before they are saved), Part B (the discloser's answer, written with its decision log
entry in one transaction), reading the personal details (every read logged) and the
destruction date.

Subjects' names, addresses and dates of birth exist in plain text only in a
`SubjectDetails` on its way in (from the form) or out (to the personal-details page or the
PDF); its repr never shows them, so a traceback or log line cannot either.
"""

import calendar
import dataclasses
import datetime

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import Membership, Person
from saferboard.sharing import crypto, selectors
from saferboard.sharing.models import (
    AccessKind,
    AccessLogEntry,
    AgreementStatus,
    Decision,
    DecisionLogEntry,
    DeliveryMethod,
    DisclosureRequest,
    LegalBasis,
    Party,
    PartyStatus,
    RequestStatus,
    RequestSubject,
    SubjectRole,
    SubjectTold,
)

# Personal details are kept this long after the request is made and, once answered, after
# the decision; information governance users may change the date on the request.
RETENTION_MONTHS = 12


@dataclasses.dataclass(frozen=True)
class SubjectDetails:
    """A subject's details in plain text, only ever in memory. Not in its repr."""

    role: str
    name: str = dataclasses.field(repr=False)
    address: str = dataclasses.field(default="", repr=False)
    date_of_birth: datetime.date | None = dataclasses.field(default=None, repr=False)

    @property
    def role_label(self) -> str:
        return SubjectRole(self.role).label


@dataclasses.dataclass(frozen=True)
class PersonalDetails:
    """What `subjects_read` returns: the subjects and what was disclosed, decrypted."""

    subjects: list[SubjectDetails] = dataclasses.field(repr=False)
    information_disclosed: str = dataclasses.field(repr=False)
    destroyed_at: datetime.datetime | None


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it has no such day)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_destroy_on(day: datetime.date) -> datetime.date:
    return months_after(day, RETENTION_MONTHS)


# Reads the request form needs ---------------------------------------------------------


def requesting_party_choices(
    *, partnership: Partnership, user: User, roles: frozenset[str]
) -> QuerySet[Party]:
    """Parties `user` may request for: their own signed parties under approved agreements
    (as SPOC or deputy); an information governance user, any of them."""
    parties = Party.objects.filter(
        partnership=partnership,
        status=PartyStatus.SIGNED,
        agreement__status=AgreementStatus.APPROVED,
    ).select_related("agreement", "organisation")
    if roles & selectors.GOVERNANCE:
        return parties
    return parties.filter(Q(spoc__user=user) | Q(deputy_spoc__user=user))


def disclosing_party_choices(*, requesting: QuerySet[Party]) -> QuerySet[Party]:
    """Signed parties of the agreements the requesting parties are under."""
    agreements = requesting.values("agreement")
    return Party.objects.filter(agreement__in=agreements, status=PartyStatus.SIGNED).select_related(
        "agreement", "organisation"
    )


def requester_defaults(*, partnership: Partnership, user: User) -> dict:
    """Part A's requester fields from the user's registry person and their current seat."""
    person = Person.objects.filter(partnership=partnership, user=user).order_by("pk").first()
    if person is None:
        return {"requester_name": user.get_full_name(), "requester_email": user.email}
    today = timezone.localdate()
    seat = (
        Membership.objects.filter(person=person, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related("post", "organisation")
        .order_by("-start_date")
        .first()
    )
    return {
        "requester_name": str(person),
        "requester_job_title": seat.post.title if seat and seat.post else "",
        "requester_department": seat.organisation.name if seat else "",
        "requester_email": person.email or user.email,
        "requester_phone": person.phone,
    }


def is_party_contact(*, party: Party, user: User) -> bool:
    """Whether `user` is the party's SPOC or deputy SPOC."""
    return (
        selectors.spoc_parties(partnership=party.partnership, user=user)
        .filter(pk=party.pk)
        .exists()
    )


def may_answer(*, request: DisclosureRequest, user: User) -> bool:
    """Whether `user` may record Part B: the disclosing party's SPOC or deputy, while the
    request waits for an answer."""
    return request.status == RequestStatus.SUBMITTED and is_party_contact(
        party=request.disclosing_party, user=user
    )


def subject_roles_summary(*, request: DisclosureRequest) -> str:
    """ "2 subjects: suspect, victim": what a page may say about the subjects."""
    roles = sorted(
        SubjectRole(role).label.lower() for role in request.subjects.values_list("role", flat=True)
    )
    if not roles:
        return "No subjects"
    noun = "subject" if len(roles) == 1 else "subjects"
    return f"{len(roles)} {noun}: {', '.join(roles)}"


def decision_log_list(*, partnership: Partnership, filters: dict) -> QuerySet[DecisionLogEntry]:
    """The partnership's decision log, newest first, filtered by date, decision and party."""
    entries = DecisionLogEntry.objects.filter(partnership=partnership).select_related(
        "request__requesting_party__organisation",
        "request__disclosing_party__organisation",
        "recorded_by",
    )
    if filters.get("decided_from"):
        entries = entries.filter(decided_at__date__gte=filters["decided_from"])
    if filters.get("decided_to"):
        entries = entries.filter(decided_at__date__lte=filters["decided_to"])
    if filters.get("decision"):
        entries = entries.filter(decision=filters["decision"])
    if filters.get("organisation"):
        organisation = filters["organisation"]
        entries = entries.filter(
            Q(request__requesting_party__organisation=organisation)
            | Q(request__disclosing_party__organisation=organisation)
        )
    return entries


# Writes -------------------------------------------------------------------------------


def reference_next(*, partnership: Partnership, year: int) -> str:
    """The next "ISR-<year>-NNN" of `partnership` (call inside the creating transaction,
    after locking the partnership row)."""
    prefix = f"ISR-{year}-"
    numbers = [
        int(reference.removeprefix(prefix))
        for reference in DisclosureRequest.objects.filter(
            partnership=partnership, reference__startswith=prefix
        ).values_list("reference", flat=True)
        if reference.removeprefix(prefix).isdigit()
    ]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


@transaction.atomic
def request_create(
    *,
    partnership: Partnership,
    by: User,
    roles: frozenset[str],
    requesting_party: Party,
    disclosing_party: Party,
    requester_name: str,
    requester_job_title: str,
    information_requested: str,
    purpose: str,
    subjects: list[SubjectDetails],
    legal_bases: list[str],
    consent_obtained: bool,
    public_interest_reason: str = "",
    requester_department: str = "",
    requester_email: str = "",
    requester_phone: str = "",
    needed_by: datetime.date | None = None,
    urgent_reason: str = "",
    today: datetime.date | None = None,
) -> DisclosureRequest:
    """Part A: make a request and send it to the disclosing party's SPOC. The subjects'
    details are encrypted before anything is saved."""
    today = today or timezone.localdate()
    allowed = requesting_party_choices(partnership=partnership, user=by, roles=roles)
    if not allowed.filter(pk=requesting_party.pk).exists():
        raise BusinessRuleError(
            "You can only request for a signed party of an approved agreement whose SPOC or "
            "deputy SPOC you are.",
            field="requesting_party",
        )
    signed = selectors.signed_parties(agreement=requesting_party.agreement)
    if (
        disclosing_party.pk == requesting_party.pk
        or not signed.filter(pk=disclosing_party.pk).exists()
    ):
        raise BusinessRuleError(
            f"Choose another party that has signed {requesting_party.agreement.title} "
            "to ask for the information.",
            field="disclosing_party",
        )
    if not subjects:
        raise BusinessRuleError("Give at least one subject of the request.", field="subjects")
    for number, subject in enumerate(subjects, start=1):
        if not subject.name.strip():
            raise BusinessRuleError(f"Subject {number}: enter their name.", field="subjects")
        if subject.role not in SubjectRole.values:
            raise BusinessRuleError(
                f"Subject {number}: choose victim, informant, witness, suspect or convicted "
                "offender.",
                field="subjects",
            )
    if not legal_bases or set(legal_bases) - set(LegalBasis.values):
        raise BusinessRuleError("Tick at least one legal basis for sharing.", field="legal_bases")
    if not consent_obtained and not public_interest_reason.strip():
        raise BusinessRuleError(
            "Without consent, give the public interest reason for sharing.",
            field="public_interest_reason",
        )
    # One request at a time per partnership takes the next reference number.
    Partnership.objects.select_for_update().filter(pk=partnership.pk).first()
    request = record_create(
        model=DisclosureRequest,
        partnership=partnership,
        by=by,
        agreement=requesting_party.agreement,
        reference=reference_next(partnership=partnership, year=today.year),
        requesting_party=requesting_party,
        disclosing_party=disclosing_party,
        status=RequestStatus.SUBMITTED,
        requester=by,
        requester_name=requester_name,
        requester_job_title=requester_job_title,
        requester_department=requester_department,
        requester_email=requester_email,
        requester_phone=requester_phone,
        information_requested=information_requested,
        purpose=purpose,
        needed_by=needed_by,
        urgent_reason=urgent_reason,
        consent_obtained=consent_obtained,
        public_interest_reason="" if consent_obtained else public_interest_reason,
        legal_bases=list(legal_bases),
        submitted_at=timezone.now(),
        destroy_on=default_destroy_on(today),
    )
    for subject in subjects:
        record_create(
            model=RequestSubject,
            partnership=partnership,
            by=by,
            request=request,
            role=subject.role,
            name_encrypted=crypto.encrypt(subject.name.strip()),
            address_encrypted=crypto.encrypt(subject.address.strip()),
            date_of_birth_encrypted=crypto.encrypt(
                subject.date_of_birth.isoformat() if subject.date_of_birth else ""
            ),
        )
    return request


@transaction.atomic
def request_answer(
    *,
    request: DisclosureRequest,
    by: User,
    expected_version: int | None,
    received_on: datetime.date,
    disclosure_agreed: bool,
    reasons: str,
    information_summary: str,
    information_type: str,
    authorised_by: str,
    information_disclosed: str = "",
    disclosed_by_name: str = "",
    disclosed_by_job_title: str = "",
    disclosed_to_name: str = "",
    delivery_method: str = "",
    supplied_on: datetime.date | None = None,
    subject_told: str = "",
    not_told_reason: str = "",
    now: datetime.datetime | None = None,
) -> DecisionLogEntry:
    """Part B: the disclosing party's SPOC or deputy agrees or declines, and the decision
    log entry the protocol requires is written with it."""
    now = now or timezone.now()
    if not is_party_contact(party=request.disclosing_party, user=by):
        raise BusinessRuleError(
            f"Only the SPOC or deputy SPOC of {request.disclosing_party.organisation} can "
            "answer this request."
        )
    if request.status != RequestStatus.SUBMITTED:
        raise BusinessRuleError(
            f"{request.reference} has already been answered ({request.get_status_display()})."
        )
    if not reasons.strip():
        raise BusinessRuleError("Give the reasons for the decision.", field="reasons")
    if received_on > now.date():
        raise BusinessRuleError("The date received cannot be in the future.", field="received_on")
    if disclosure_agreed:
        required = {
            "information_disclosed": (information_disclosed, "Enter what was disclosed."),
            "delivery_method": (delivery_method, "Choose how it was shared."),
            "disclosed_by_name": (disclosed_by_name, "Enter who disclosed it."),
            "disclosed_to_name": (disclosed_to_name, "Enter who it was disclosed to."),
            "supplied_on": (supplied_on, "Enter the date it was supplied."),
        }
        for field, (value, message) in required.items():
            if not value:
                raise BusinessRuleError(message, field=field)
        if supplied_on < received_on:
            raise BusinessRuleError(
                "The date supplied cannot be before the date received.", field="supplied_on"
            )
        if delivery_method not in DeliveryMethod.values:
            raise BusinessRuleError("Choose how it was shared.", field="delivery_method")
    else:
        information_disclosed = disclosed_to_name = delivery_method = ""
        supplied_on = None
    if request.consent_obtained:
        subject_told, not_told_reason = SubjectTold.NOT_APPLICABLE, ""
    elif subject_told not in {SubjectTold.YES, SubjectTold.NO}:
        raise BusinessRuleError(
            "Say whether the person was told their information was shared without consent.",
            field="subject_told",
        )
    elif subject_told == SubjectTold.NO and not not_told_reason.strip():
        raise BusinessRuleError("Say why the person was not told.", field="not_told_reason")
    elif subject_told == SubjectTold.YES:
        not_told_reason = ""
    record_update(
        instance=request,
        by=by,
        expected_version=expected_version,
        status=RequestStatus.DISCLOSED if disclosure_agreed else RequestStatus.DECLINED,
        received_on=received_on,
        disclosure_agreed=disclosure_agreed,
        decline_reason="" if disclosure_agreed else reasons,
        information_disclosed_encrypted=crypto.encrypt(information_disclosed.strip()),
        information_type=information_type,
        disclosed_by=by,
        disclosed_by_name=disclosed_by_name,
        disclosed_by_job_title=disclosed_by_job_title,
        disclosed_to_name=disclosed_to_name,
        delivery_method=delivery_method,
        supplied_on=supplied_on,
        destroy_on=max(request.destroy_on, default_destroy_on(timezone.localdate(now))),
    )
    organisation = request.requesting_party.organisation.name
    if request.requester_department and request.requester_department != organisation:
        organisation = f"{organisation} ({request.requester_department})"
    return record_create(
        model=DecisionLogEntry,
        partnership=request.partnership,
        by=by,
        request=request,
        decided_at=now,
        information_summary=information_summary,
        requester_name=request.requester_name,
        requester_job_title=request.requester_job_title,
        requester_organisation=organisation,
        decision=Decision.SHARE if disclosure_agreed else Decision.NOT_SHARE,
        reasons=reasons,
        with_consent=request.consent_obtained,
        subject_told=subject_told,
        not_told_reason=not_told_reason,
        authorised_by=authorised_by,
        information_type=information_type,
        how_shared=delivery_method,
        recorded_by=by,
    )


@transaction.atomic
def request_destroy_on_change(
    *,
    request: DisclosureRequest,
    by: User,
    roles: frozenset[str],
    destroy_on: datetime.date,
    expected_version: int | None,
) -> DisclosureRequest:
    """An information governance user moves the date the personal details are destroyed."""
    if not roles & selectors.GOVERNANCE:
        raise BusinessRuleError("Only information governance users can change this date.")
    if request.personal_details_destroyed_at is not None:
        raise BusinessRuleError(
            f"The personal details of {request.reference} have already been destroyed.",
            field="destroy_on",
        )
    return record_update(
        instance=request, by=by, expected_version=expected_version, destroy_on=destroy_on
    )


@transaction.atomic
def subjects_read(
    *,
    request: DisclosureRequest,
    user: User,
    roles: frozenset[str],
    kind: str = AccessKind.VIEWED,
) -> PersonalDetails:
    """The request's personal details in plain text, for someone allowed to open the
    request who verified this session with their second factor. Every call is logged in
    the access log (who, when, what for), even when the details are already destroyed."""
    partnership = request.partnership
    visible = selectors.request_list(partnership=partnership, user=user, roles=roles)
    if not visible.filter(pk=request.pk).exists():
        raise DisclosureRequest.DoesNotExist("No such request.")
    if selectors.needs_second_factor(partnership=partnership, user=user, roles=roles):
        raise BusinessRuleError("Sign in with your authenticator app before opening requests.")
    record_create(
        model=AccessLogEntry,
        partnership=partnership,
        by=user,
        request=request,
        user=user,
        at=timezone.now(),
        kind=kind,
    )
    subjects = [
        SubjectDetails(
            role=subject.role,
            name=crypto.decrypt(subject.name_encrypted),
            address=crypto.decrypt(subject.address_encrypted),
            date_of_birth=(
                datetime.date.fromisoformat(dob)
                if (dob := crypto.decrypt(subject.date_of_birth_encrypted))
                else None
            ),
        )
        for subject in request.subjects.all()
        if not subject.destroyed
    ]
    return PersonalDetails(
        subjects=subjects,
        information_disclosed=crypto.decrypt(request.information_disclosed_encrypted),
        destroyed_at=request.personal_details_destroyed_at,
    )
