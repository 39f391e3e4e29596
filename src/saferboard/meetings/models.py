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
