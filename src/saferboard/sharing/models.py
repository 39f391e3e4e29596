"""Information sharing: the agreements register, its parties and their contacts, the
data-set catalogue, requests and disclosures (Part A and Part B of the protocol's form),
the decision log, the access log, breaches and barriers, and retention.

The one place saferboard holds personal data: a request's subjects. Their name, address
and date of birth are stored only as ciphertext (`sharing/crypto.py`, a key from the
environment) in the `*_encrypted` fields, are read only through `sharing.requests
.subjects_read`, which logs every read, and are destroyed on the request's destruction date
(`saferboard retention`). Nothing else in this module holds them: the decision log holds a
summary of the information, never its content.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import ReminderSent, TenantModel
from saferboard.meetings.models import Meeting, Resolution
from saferboard.registry.models import Organisation, Person

MARKING = "OFFICIAL-SENSITIVE"


class LegalBasis(models.TextChoices):
    """The legal bases the protocol's request form lists (and current data protection law)."""

    CDA_115 = "cda_s115", "Crime and Disorder Act 1998, section 115"
    CDA_17 = "cda_s17", "Crime and Disorder Act 1998, section 17"
    CDA_17A = "cda_s17a", "Crime and Disorder Act 1998, section 17A"
    CDA_1 = "cda_s1", "Crime and Disorder Act 1998, section 1 (anti-social behaviour)"
    CDA_2 = "cda_s2", "Crime and Disorder Act 1998, section 2 (sex offender orders)"
    CDA_8 = "cda_s8", "Crime and Disorder Act 1998, section 8 (parenting orders)"
    CDA_11 = "cda_s11", "Crime and Disorder Act 1998, section 11 (child safety orders)"
    CDA_15 = "cda_s15", "Crime and Disorder Act 1998, section 15 (curfews)"
    CDA_28_33 = "cda_s28_33", "Crime and Disorder Act 1998, sections 28 to 33 (racially aggravated)"
    HOUSING_84 = "housing_s84", "Housing Act 1985, section 84"
    HOMELESSNESS_10 = "homelessness_s10", "Homelessness Act 2002, section 10"
    ASB_CRIME_POLICING = "asbcpa_2014", "Anti-social Behaviour, Crime and Policing Act 2014"
    CHILDREN_ACTS = "children_acts", "Children Acts 1989 (s17, s27, s47) and 2004 (s10, s11)"
    CJA_325 = "cja_s325", "Criminal Justice Act 2003, section 325"
    CARE_ACT = "care_act", "Care Act 2014"
    UK_GDPR_6_1_E = "gdpr_6_1_e", "UK GDPR Article 6(1)(e): public task"
    DPA_2018 = "dpa_2018", "Data Protection Act 2018 (law enforcement, Part 3)"
    COMMON_LAW = "common_law", "Common-law duty of confidence (public interest)"
    OTHER = "other", "Other"


class AgreementKind(models.TextChoices):
    OVERARCHING = "overarching", "Overarching protocol or agreement"
    SUBJECT_SPECIFIC = "subject_specific", "Subject-specific agreement"


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_CONSULTATION = "in_consultation", "In consultation"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class SharingAgreement(TenantModel):
    """An information sharing protocol or agreement: the overarching one, or one for a
    subject (MARAC, community MARAC, Channel) beneath it."""

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AgreementKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="subject_agreements",
        help_text="The overarching agreement a subject-specific one sits beneath.",
    )
    subject = models.CharField(max_length=100, blank=True, help_text="For example MARAC.")
    # The document's own version ("2.1"); `version` (from TenantModel) is the edit counter.
    version_label = models.CharField(max_length=20, help_text="For example 2.1.")
    status = models.CharField(
        max_length=20, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    author = models.CharField(max_length=200, blank=True)
    contributors = models.TextField(blank=True)
    purposes = models.TextField(blank=True)
    legal_bases = models.JSONField(default=list, help_text="LegalBasis values.")
    circulation = models.TextField(blank=True)
    effective_on = models.DateField(null=True, blank=True)
    review_on = models.DateField(null=True, blank=True)
    review_owner = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approval_meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document = models.FileField(upload_to="sharing/agreements/", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version_label})"


class AgreementRevision(TenantModel):
    """A line of the agreement's document history: date | version | comments."""

    agreement = models.ForeignKey(
        SharingAgreement, on_delete=models.CASCADE, related_name="revisions"
    )
    on = models.DateField()
    version_label = models.CharField(max_length=20)
    comments = models.TextField()
    document = models.FileField(upload_to="sharing/agreements/", blank=True)

    class Meta:
        ordering = ["agreement", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.agreement.title} {self.version_label} ({self.on})"


class PartyStatus(models.TextChoices):
    REQUESTED = "requested", "Asked to join"
    ENDORSED = "endorsed", "Endorsed by head of service"
    SIGNED = "signed", "Signed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class Party(TenantModel):
    """An organisation that is (or is joining as) a signatory of an agreement, with its
    principal signatory and contacts. Only a signed party can be chosen in requests."""

    agreement = models.ForeignKey(
        SharingAgreement, on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=PartyStatus.choices, default=PartyStatus.REQUESTED
    )
    principal_signatory_role = models.CharField(
        max_length=200, help_text="For example Chief Executive or Borough Commander."
    )
    signatory = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_on = models.DateField(null=True, blank=True)
    spoc = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="single point of contact (SPOC)",
    )
    deputy_spoc = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="deputy SPOC",
    )
    liaison_officer = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="designated liaison officer",
    )
    caldicott_guardian = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    legal_contact = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreement", "organisation__name"]
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "organisation"], name="sharing_party_once_per_agreement"
            ),
            models.CheckConstraint(
                condition=~Q(status="signed") | Q(signed_on__isnull=False),
                name="sharing_signed_party_has_date",
                violation_error_message="Give the date the agreement was signed.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.agreement.title})"


class JoiningStep(TenantModel):
    """A recorded step of a party joining (or leaving) an agreement."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="joining_steps")
    status = models.CharField(max_length=20, choices=PartyStatus.choices)
    on = models.DateField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="For example who endorsed it.")

    class Meta:
        ordering = ["party", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.party}: {self.get_status_display()} on {self.on}"


class DataClass(models.TextChoices):
    PERSONAL = "personal", "Personal"
    DEPERSONALISED = "depersonalised", "Depersonalised"
    NON_PERSONAL = "non_personal", "Non-personal"


class DataSet(TenantModel):
    """What an agency can share: the data-set catalogue."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(
        SharingAgreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="data_sets"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    data_class = models.CharField(max_length=20, choices=DataClass.choices)
    owner = models.CharField(max_length=200, help_text="The post that owns the data.")
    format = models.CharField(max_length=100, blank=True)
    frequency = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "title"]

    def __str__(self) -> str:
        return self.title


class RequestStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Sent to the discloser"
    DISCLOSED = "disclosed", "Disclosed"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


class DeliveryMethod(models.TextChoices):
    SECURE_EMAIL = "secure_email", "Secure e-mail"
    PROTECTED_FILE = "protected_file", "Password-protected file"
    POST = "post", "Post (recorded)"
    BY_HAND = "by_hand", "By hand"
    VERBAL = "verbal", "Verbally (at a meeting or by phone)"
    OTHER = "other", "Other"


class DisclosureRequest(TenantModel):
    """A request for information from one party to another (Part A) and the discloser's
    answer (Part B). Its subjects are `RequestSubject` rows, encrypted."""

    agreement = models.ForeignKey(
        SharingAgreement, on_delete=models.PROTECT, related_name="requests"
    )
    reference = models.CharField(max_length=30)
    requesting_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    disclosing_party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    # Part A: the requester (an officer, not a subject) and the request.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requester_name = models.CharField(max_length=200)
    requester_job_title = models.CharField(max_length=200)
    requester_department = models.CharField(max_length=200, blank=True)
    requester_email = models.EmailField(blank=True)
    requester_phone = models.CharField(max_length=40, blank=True)
    information_requested = models.TextField(
        help_text="What is needed, described without personal details."
    )
    purpose = models.TextField(help_text="Why it is needed.")
    needed_by = models.DateField(null=True, blank=True)
    urgent_reason = models.TextField(blank=True)
    consent_obtained = models.BooleanField(default=False)
    public_interest_reason = models.TextField(
        blank=True, help_text="Required without consent: the public interest and why."
    )
    legal_bases = models.JSONField(default=list, help_text="LegalBasis values.")
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Part B: the discloser's answer.
    received_on = models.DateField(null=True, blank=True)
    disclosure_agreed = models.BooleanField(null=True, blank=True)
    decline_reason = models.TextField(blank=True)
    information_disclosed_encrypted = models.TextField(
        blank=True, help_text="Ciphertext: what was disclosed (it may hold personal data)."
    )
    information_type = models.CharField(
        max_length=200, blank=True, help_text="The type of information, for the decision log."
    )
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disclosed_by_name = models.CharField(max_length=200, blank=True)
    disclosed_by_job_title = models.CharField(max_length=200, blank=True)
    disclosed_to_name = models.CharField(max_length=200, blank=True)
    delivery_method = models.CharField(max_length=20, choices=DeliveryMethod.choices, blank=True)
    supplied_on = models.DateField(null=True, blank=True)
    # Retention.
    destroy_on = models.DateField(help_text="When the personal details are destroyed.")
    personal_details_destroyed_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["information_disclosed_encrypted"])

    class Meta:
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "reference"], name="sharing_request_unique_reference"
            ),
            models.CheckConstraint(
                condition=Q(consent_obtained=True) | ~Q(public_interest_reason=""),
                name="sharing_request_consent_or_public_interest",
                violation_error_message=(
                    "Without consent, give the public interest reason for sharing."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(disclosure_agreed=False) | ~Q(decline_reason=""),
                name="sharing_request_decline_has_reason",
                violation_error_message="Give the reason the disclosure is declined.",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class SubjectRole(models.TextChoices):
    VICTIM = "victim", "Victim"
    INFORMANT = "informant", "Informant"
    WITNESS = "witness", "Witness"
    SUSPECT = "suspect", "Suspect"
    OFFENDER = "offender", "Convicted offender"


class RequestSubject(TenantModel):
    """A person a request is about. Name, address and date of birth are ciphertext only."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="subjects"
    )
    role = models.CharField(max_length=20, choices=SubjectRole.choices)
    name_encrypted = models.TextField(blank=True)
    address_encrypted = models.TextField(blank=True)
    date_of_birth_encrypted = models.TextField(blank=True)
    destroyed = models.BooleanField(default=False)

    class Meta:
        ordering = ["request", "pk"]

    def __str__(self) -> str:
        # Never the subject's details: only what they are to the request.
        return f"{self.get_role_display()} subject of {self.request.reference}"


class AccessKind(models.TextChoices):
    VIEWED = "viewed", "Viewed the personal details"
    DOWNLOADED = "downloaded", "Downloaded the request as a PDF"
    EDITED = "edited", "Changed the personal details"


class AccessLogEntry(TenantModel):
    """Someone read a request's personal details."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="access_log"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=AccessKind.choices)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name_plural = "access log entries"

    def __str__(self) -> str:
        return f"{self.user} {self.get_kind_display().lower()} of {self.request} at {self.at}"


class Decision(models.TextChoices):
    SHARE = "share", "Share"
    NOT_SHARE = "not_share", "Do not share"


class SubjectTold(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "not_applicable", "Not applicable (shared with consent)"


class DecisionLogEntry(TenantModel):
    """The protocol's record of a decision to share or not: never the information itself,
    never a subject's identifiers. It stays when the request's personal details go."""

    request = models.ForeignKey(
        DisclosureRequest,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    decided_at = models.DateTimeField()
    information_summary = models.TextField(help_text="A summary, never the content.")
    requester_name = models.CharField(max_length=200)
    requester_job_title = models.CharField(max_length=200)
    requester_organisation = models.CharField(max_length=200)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    reasons = models.TextField()
    with_consent = models.BooleanField()
    subject_told = models.CharField(max_length=20, choices=SubjectTold.choices)
    not_told_reason = models.TextField(blank=True)
    authorised_by = models.CharField(
        max_length=200, help_text="Who consented, or who authorised sharing without consent."
    )
    information_type = models.CharField(max_length=200)
    how_shared = models.CharField(max_length=20, choices=DeliveryMethod.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name_plural = "decision log entries"
        constraints = [
            models.CheckConstraint(
                condition=~Q(subject_told="no") | ~Q(not_told_reason=""),
                name="sharing_decision_not_told_has_reason",
                violation_error_message="Say why the person was not told.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} on {self.decided_at:%d %B %Y %H:%M}"


class DestructionRecord(TenantModel):
    """`saferboard retention` destroyed a request's personal details."""

    request = models.OneToOneField(
        DisclosureRequest, on_delete=models.PROTECT, related_name="destruction"
    )
    destroyed_at = models.DateTimeField()
    subjects = models.PositiveSmallIntegerField(help_text="How many subjects' details went.")
    due_on = models.DateField()
    by = models.CharField(max_length=100, help_text="What destroyed them: the command, a user.")

    class Meta:
        ordering = ["-destroyed_at"]

    def __str__(self) -> str:
        return f"{self.request}: personal details destroyed {self.destroyed_at:%d %B %Y}"


class IncidentKind(models.TextChoices):
    BREACH = "breach", "Breach"
    BARRIER = "barrier", "Barrier to sharing"


class EscalationLevel(models.IntegerChoices):
    """The protocol's escalation path, in order."""

    ORGANISATION = 1, "Within the organisation"
    DIRECTORS = 2, "Directors with their counterparts"
    STATUTORY_OFFICERS = 3, "Statutory Officers Group"
    PARTNERSHIP = 4, "The full partnership"


class Incident(TenantModel):
    """A breach of the agreement or a barrier to sharing, with its escalation and outcome."""

    kind = models.CharField(max_length=10, choices=IncidentKind.choices)
    agreement = models.ForeignKey(
        SharingAgreement, null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents"
    )
    organisations = models.ManyToManyField(Organisation, related_name="+")
    reported_on = models.DateField()
    summary = models.TextField(help_text="What happened, without personal details.")
    level = models.PositiveSmallIntegerField(
        choices=EscalationLevel.choices, default=EscalationLevel.ORGANISATION
    )
    resolved_on = models.DateField(null=True, blank=True)
    resolution = models.TextField(blank=True)
    reported_to_ico = models.BooleanField(
        default=False, help_text="For a breach: reported to the Information Commissioner."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resolved_on__isnull=True) | ~Q(resolution=""),
                name="sharing_incident_resolution_described",
                violation_error_message="Describe how it was resolved.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reported {self.reported_on}"


class Escalation(TenantModel):
    """An incident moved up (or was settled at) a level of the escalation path."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="escalations")
    level = models.PositiveSmallIntegerField(choices=EscalationLevel.choices)
    on = models.DateField()
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["incident", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.incident}: {self.get_level_display()} on {self.on}"


class SharingReminder(ReminderSent):
    """One reminder e-mail sent (agreement reviews), so it is never sent twice a day."""

    class Meta(ReminderSent.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["email", "subject", "sent_on"], name="sharing_reminder_once_a_day"
            )
        ]
