"""Meetings of the partnership's bodies and who attended them.

A meeting belongs to one or more bodies (several bodies meeting "in common")
and moves through a fixed life cycle; the allowed moves live in services.py.
An `Attendance` row says whether the holder of one seat came, sent apologies
(perhaps with a substitute) or was absent.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.registry.models import Body, Membership, Person

# Clerks run meetings; the community safety manager runs everything.


class MeetingStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AGENDA_PUBLISHED = "agenda_published", "Agenda published"
    HELD = "held", "Held"
    DRAFT_MINUTES = "draft_minutes", "Draft minutes"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(TenantModel):
    """One sitting of one body, or of several bodies meeting in common."""

    bodies = models.ManyToManyField(
        Body,
        related_name="meetings",
        help_text="Tick more than one for a meeting held in common.",
    )
    title = models.CharField(
        max_length=200, blank=True, help_text="Leave empty to name it after its bodies."
    )
    date = models.DateField()
    start_time = models.TimeField(help_text="For example 14:00.")
    end_time = models.TimeField(
        null=True, blank=True, verbose_name="Expected end time", help_text="For example 16:00."
    )
    venue = models.CharField(max_length=300, blank=True)
    virtual_link = models.URLField(blank=True, help_text="Where members join online.")
    webcast_link = models.URLField(blank=True, help_text="Where the public can watch.")
    clerk = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    chair = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.DRAFT, editable=False
    )
    # Circulation: when the agenda was published, and why, if after the deadline.
    agenda_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    late_reason = models.TextField(blank=True, editable=False)
    # Minutes: approved "as a correct record" at a later meeting, signed by its chair.
    minutes_approved_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="minutes_approved_here",
        editable=False,
        help_text="The meeting at which these minutes were approved.",
    )
    minutes_signed_by = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    minutes_signed_on = models.DateField(null=True, blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[bodies])

    class Meta:
        ordering = ["-date", "-start_time"]
        indexes = [models.Index(fields=["partnership", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(end_time__gt=models.F("start_time")),
                name="meeting_ends_after_start",
                violation_error_message="The expected end time must be after the start time.",
            )
        ]

    def __str__(self) -> str:
        name = self.title or self.body_names() or "Meeting"
        return f"{name}, {self.date:%-d %B %Y}" if self.date else name

    def body_names(self) -> str:
        # Uses .all() so a prefetch on a list page serves every row.
        if self.pk is None:
            return ""
        return " and ".join(body.name for body in self.bodies.all())

    def date_label(self) -> str:
        return f"{self.date:%A %-d %B %Y}"

    def start_label(self) -> str:
        return f"{self.start_time:%H:%M}"

    def end_label(self) -> str:
        return f"{self.end_time:%H:%M}" if self.end_time else ""

    def clean(self):
        errors = {}
        for name in ("clerk", "chair"):
            person = getattr(self, name)
            if person is not None and person.partnership_id != self.partnership_id:
                errors[name] = "Choose a person of this partnership."
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = "The expected end time must be after the start time."
        if errors:
            raise ValidationError(errors)


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"


class Attendance(TenantModel):
    """Whether one seat's holder came to one meeting, or who substituted for them."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="attendance")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    substitute_name = models.CharField(
        max_length=200, blank=True, help_text="Someone without a record in the registry."
    )
    substitute_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "membership__body__name"]
        verbose_name_plural = "attendance"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                name="one_attendance_per_seat_per_meeting",
                violation_error_message="Attendance for this seat is already recorded.",
            ),
            models.CheckConstraint(
                condition=Q(status="apologies")
                | (Q(substitute_name="") & Q(substitute_person__isnull=True)),
                name="substitute_only_with_apologies",
                violation_error_message="Only a member who sent apologies can have a substitute.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.membership.person or 'Vacant seat'}: {self.get_status_display()}"

    @property
    def substitute(self) -> str:
        return self.substitute_name or (
            str(self.substitute_person) if self.substitute_person else ""
        )


# --- agendas ---------------------------------------------------------------------


class DecisionType(models.TextChoices):
    FOR_DECISION = "decision", "For decision"
    FOR_INFORMATION = "information", "For information"
    FOR_DISCUSSION = "discussion", "For discussion"
    ORAL_UPDATE = "oral_update", "Oral update"
    TO_BE_HEARD = "to_be_heard", "To be heard"


class SecurityMarking(models.TextChoices):
    """Government Security Classifications as partnerships use them on papers."""

    OFFICIAL = "official", "OFFICIAL"
    OFFICIAL_SENSITIVE = "official_sensitive", "OFFICIAL-SENSITIVE"


class ExemptParagraph(models.IntegerChoices):
    """Local Government Act 1972, Schedule 12A, Part 1: descriptions of exempt information."""

    P1 = 1, "1. Information relating to any individual"
    P2 = 2, "2. Information likely to reveal the identity of an individual"
    P3 = 3, "3. Financial or business affairs of any particular person"
    P4 = 4, "4. Consultations or negotiations on labour relations"
    P5 = 5, "5. Legal professional privilege"
    P6 = 6, "6. Notices, orders or directions under an enactment"
    P7 = 7, "7. Prevention, investigation or prosecution of crime"


class StandingKind(models.TextChoices):
    """The standing items a terms of reference expects on every agenda."""

    FILMING = "filming", "Filming at meetings"
    APOLOGIES = "apologies", "Apologies for absence"
    URGENT_BUSINESS = "urgent_business", "Urgent business"
    DECLARATIONS = "declarations", "Declarations of interest"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting"
    MATTERS_ARISING = "matters_arising", "Matters arising"
    OUTSTANDING_ACTIONS = "outstanding_actions", "Outstanding actions"
    ANY_OTHER_BUSINESS = "any_other_business", "Any other business"
    FUTURE_DATES = "future_dates", "Dates of future meetings"


class AgendaSection(TenantModel):
    """A heading on an agenda, such as "Standing items" or "Main business"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class AgendaItem(TenantModel):
    """One item of business. Its minute and resolutions are recorded on it after the meeting.

    An item is public unless it is exempt (Schedule 12A) or marked OFFICIAL-SENSITIVE;
    non-public items and their papers never reach a public page, feed, pack or API.
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(
        AgendaSection, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    position = models.PositiveIntegerField(default=0, help_text="Order on the agenda.")
    number = models.PositiveIntegerField(
        null=True, blank=True, help_text="The item number printed on the agenda."
    )
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True, help_text="What the item is for, in a sentence or two.")
    decision_type = models.CharField(
        max_length=20, choices=DecisionType.choices, default=DecisionType.FOR_INFORMATION
    )
    presenter = models.CharField(
        max_length=200,
        blank=True,
        help_text="“Report of …”, for example Director of Public Health.",
    )
    lead_officer = models.CharField(max_length=200, blank=True)
    minutes_allowed = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="Time allowed (minutes)"
    )
    security_marking = models.CharField(
        max_length=20, choices=SecurityMarking.choices, default=SecurityMarking.OFFICIAL
    )
    is_exempt = models.BooleanField(
        default=False,
        verbose_name="Exempt from publication",
        help_text="Taken in private under Schedule 12A to the Local Government Act 1972.",
    )
    exempt_paragraph = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=ExemptParagraph.choices,
        verbose_name="Schedule 12A paragraph",
    )
    standing_kind = models.CharField(
        max_length=30,
        choices=StandingKind.choices,
        blank=True,
        help_text="Set for standing items, which come from the body's template.",
    )
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
        help_text="The deferred item from an earlier meeting that this item takes up.",
    )
    forward_plan_entry = models.ForeignKey(
        "ForwardPlanEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items",
    )
    # The minutes, written after the meeting.
    minute_number = models.CharField(max_length=30, blank=True, editable=False)
    minute_text = models.TextField(blank=True)
    is_deferred = models.BooleanField(
        default=False, help_text="The item was not taken and goes to a later meeting."
    )
    matters_arising_from = models.ManyToManyField(
        "self",
        blank=True,
        symmetrical=False,
        related_name="matters_arising",
        help_text="Earlier minutes this item follows up.",
    )
    history = HistoricalRecords(m2m_fields=[matters_arising_from])

    class Meta:
        ordering = ["meeting", "position", "pk"]
        indexes = [models.Index(fields=["meeting", "position"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_exempt=True) | Q(exempt_paragraph__isnull=True),
                name="exempt_paragraph_only_when_exempt",
                violation_error_message="Only an exempt item has a Schedule 12A paragraph.",
            ),
            models.CheckConstraint(
                condition=Q(is_exempt=False) | Q(exempt_paragraph__isnull=False),
                name="exempt_item_has_paragraph",
                violation_error_message="Give the Schedule 12A paragraph an exempt item "
                "falls under.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    @property
    def is_public(self) -> bool:
        return not self.is_exempt and self.security_marking == SecurityMarking.OFFICIAL

    def clean(self):
        errors = {}
        if self.is_exempt and not self.exempt_paragraph:
            errors["exempt_paragraph"] = (
                "Give the Schedule 12A paragraph an exempt item falls under."
            )
        if not self.is_exempt and self.exempt_paragraph:
            errors["exempt_paragraph"] = (
                "Only an exempt item has a Schedule 12A paragraph: tick exempt or clear it."
            )
        if self.section_id and self.meeting_id and self.section.meeting_id != self.meeting_id:
            errors["section"] = "Choose a section of this meeting's agenda."
        if errors:
            raise ValidationError(errors)


class StandingItem(TenantModel):
    """One line of a body's standing-items template, copied onto each new agenda."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="standing_items")
    kind = models.CharField(max_length=30, choices=StandingKind.choices, blank=True)
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    decision_type = models.CharField(
        max_length=20, choices=DecisionType.choices, default=DecisionType.FOR_INFORMATION
    )
    at_end = models.BooleanField(
        default=False, help_text="Place after the main business (like any other business)."
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "at_end", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class ForwardPlanEntry(TenantModel):
    """Business a body plans to take at a future meeting; offered for its next agendas."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="forward_plan")
    title = models.CharField(max_length=300)
    purpose = models.TextField(blank=True)
    decision_type = models.CharField(
        max_length=20, choices=DecisionType.choices, default=DecisionType.FOR_DECISION
    )
    presenter = models.CharField(max_length=200, blank=True)
    lead_officer = models.CharField(max_length=200, blank=True)
    planned_for = models.DateField(
        null=True, blank=True, help_text="The meeting date or month it is planned for."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["body", "planned_for", "pk"]
        verbose_name_plural = "forward plan entries"

    def __str__(self) -> str:
        return self.title


# --- papers and packs ------------------------------------------------------------


def paper_upload_to(paper: "Paper", filename: str) -> str:
    return f"papers/{paper.partnership_id}/{paper.item.meeting_id}/{filename}"


def pack_upload_to(pack: "Pack", filename: str) -> str:
    return f"packs/{pack.partnership_id}/{pack.meeting_id}/{filename}"


class Paper(TenantModel):
    """A document for an agenda item: the file as uploaded and its PDF rendering.

    A paper takes its item's security marking and exemption. A paper added after the
    main pack was published is late and goes in a supplementary pack.
    """

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="papers")
    title = models.CharField(max_length=300)
    position = models.PositiveIntegerField(default=0)
    original = models.FileField(upload_to=paper_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    original_format = models.CharField(max_length=10, help_text="PDF or DOCX.")
    original_size = models.PositiveBigIntegerField(default=0)
    pdf = models.FileField(upload_to=paper_upload_to, max_length=300)
    page_count = models.PositiveIntegerField(default=0)
    supplement = models.PositiveSmallIntegerField(
        default=0,
        help_text="0 for the main pack, 1 for the first supplementary pack, and so on.",
    )
    generated = models.BooleanField(
        default=False,
        editable=False,
        help_text="Made by saferboard from its records (such as the outstanding actions "
        "report) and remade when the main pack is built, rather than uploaded.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class PackKind(models.TextChoices):
    PUBLIC = "public", "Public pack"
    RESTRICTED = "restricted", "Members' pack (includes exempt and sensitive papers)"


class Pack(TenantModel):
    """A built agenda pack: one PDF with a front sheet and the papers, page-numbered.

    `contents` records, per agenda item, the first and last pack page of its papers,
    as printed on the front sheet: [{"item": id, "number": n, "first": a, "last": b}].
    """

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="packs")
    kind = models.CharField(max_length=20, choices=PackKind.choices)
    supplement = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(upload_to=pack_upload_to, max_length=300)
    page_count = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    contents = models.JSONField(default=list, blank=True)
    built_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "supplement", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "kind", "supplement"], name="one_pack_per_kind_and_supplement"
            )
        ]

    def __str__(self) -> str:
        label = f"Supplementary pack {self.supplement}" if self.supplement else "Agenda pack"
        audience = "public" if self.is_public else "members"
        return f"{label} ({audience})"

    @property
    def is_public(self) -> bool:
        return self.kind == PackKind.PUBLIC


# --- attendance by others, declarations, resolutions -----------------------------


class InAttendanceKind(models.TextChoices):
    OFFICER = "officer", "Officer"
    GUEST = "guest", "Guest"


class InAttendance(TenantModel):
    """An officer or guest "in attendance": present, but not a member of the body."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="in_attendance")
    kind = models.CharField(
        max_length=10, choices=InAttendanceKind.choices, default=InAttendanceKind.OFFICER
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200, blank=True, help_text="Someone not in the registry.")
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=200, blank=True, help_text="For example Clerk.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "kind", "pk"]
        verbose_name_plural = "in attendance"
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(name=""),
                name="in_attendance_named",
                violation_error_message="Give the person's name or choose them from the list.",
            )
        ]

    def __str__(self) -> str:
        return self.name or str(self.person)


class InterestType(models.TextChoices):
    PERSONAL = "personal", "Personal"
    PREJUDICIAL = "prejudicial", "Prejudicial"
    PECUNIARY = "pecuniary", "Disclosable pecuniary"


# A member with one of these interests takes no part in the item's vote.
DISQUALIFYING_INTERESTS = frozenset({InterestType.PREJUDICIAL, InterestType.PECUNIARY})


class Declaration(TenantModel):
    """A member's declared interest in one agenda item."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="declarations")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+")
    interest_type = models.CharField(max_length=20, choices=InterestType.choices)
    nature = models.TextField(help_text="What the interest is, as it will appear in the minutes.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "membership"],
                name="one_declaration_per_member_per_item",
                violation_error_message="This member has already declared an interest in "
                "this item.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.person}: {self.get_interest_type_display()} interest"

    @property
    def removes_vote(self) -> bool:
        return self.interest_type in DISQUALIFYING_INTERESTS


class ResolutionKind(models.TextChoices):
    NOTED = "noted", "Noted"
    AGREED = "agreed", "Agreed"
    APPROVED = "approved", "Approved"
    RECEIVED = "received", "Received"
    RECOMMENDED = "recommended", "Recommended"
    DELEGATED = "delegated", "Delegated"


class Resolution(TenantModel):
    """One part of what the meeting resolved on an item ("RESOLVED: (a) … (b) …")."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="resolutions")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=ResolutionKind.choices)
    text = models.TextField()
    delegated_to = models.CharField(
        max_length=200, blank=True, help_text="Who the decision is delegated to."
    )
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="delegated") | ~Q(delegated_to=""),
                name="delegation_names_delegate",
                violation_error_message="Say who the decision is delegated to.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    @property
    def has_vote(self) -> bool:
        return any(v is not None for v in (self.votes_for, self.votes_against, self.abstentions))

    def clean(self):
        if self.kind == ResolutionKind.DELEGATED and not self.delegated_to:
            raise ValidationError({"delegated_to": "Say who the decision is delegated to."})
