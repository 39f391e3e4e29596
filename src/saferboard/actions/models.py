"""The action log: what a meeting (or the manager) asked someone to do, and how it went.

An `Action` has one or more `ActionOwner` rows and a trail of dated `ActionUpdate`
notes that are added, never edited. Closing an action (complete or obsolete)
needs a note of the evidence and the date; services.py enforces that.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.meetings.models import AgendaItem, Meeting, Resolution
from saferboard.registry.models import Body, Organisation, Person, Post


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETE = "complete", "Complete"
    OBSOLETE = "obsolete", "Obsolete"
    CARRIED_FORWARD = "carried_forward", "Carried forward"


# Statuses that close an action: they need a closing note and date.
CLOSED_STATUSES = frozenset({ActionStatus.COMPLETE, ActionStatus.OBSOLETE})


def action_reference(*, meeting: Meeting | None, item: AgendaItem | None) -> str:
    """The partnership's usual reference, e.g. "04.12.20 Item 11"."""
    if meeting is None:
        return ""
    reference = f"{meeting.date:%d.%m.%y}"
    if item is not None and (item.number or item.minute_number):
        reference += f" Item {item.number or item.minute_number}"
    return reference


class Action(TenantModel):
    text = models.TextField(verbose_name="Action")
    reference = models.CharField(
        max_length=60,
        blank=True,
        help_text="For example 04.12.20 Item 11. Left blank, it is made from the meeting "
        "date and item number.",
    )
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.PROTECT, related_name="actions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions",
        verbose_name="minute",
        help_text="The minute the action was raised in, if any.",
    )
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions"
    )
    due_date = models.DateField(null=True, blank=True)
    by_next_meeting = models.BooleanField(default=False, verbose_name="Due by the next meeting")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default="open")
    closing_note = models.TextField(
        blank=True, help_text="The evidence the action is complete, or why it is obsolete."
    )
    closed_on = models.DateField(null=True, blank=True, verbose_name="Date closed")
    owners_to_confirm = models.CharField(
        max_length=200,
        blank=True,
        help_text="Owners written in the minutes (such as initials) that matched no one, or "
        "more than one person, and still need choosing.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date", "pk"]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 60 else f"{self.text[:59]}…"
        return f"{self.reference}: {text}" if self.reference else text

    def owner_names(self) -> str:
        return ", ".join(str(owner) for owner in self.owners.all())

    @property
    def due(self) -> datetime.date | None:
        """The date the action is due: its due date, or for "by the next meeting" the date of
        the body's next meeting (annotated as `due_on` by selectors.with_due_on)."""
        if hasattr(self, "due_on"):
            return self.due_on
        return self.due_date

    def due_label(self) -> str:
        if self.by_next_meeting:
            due = self.due
            return f"By the next meeting ({due:%-d %B %Y})" if due else "By the next meeting"
        return f"{self.due_date:%-d %B %Y}" if self.due_date else ""

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        today = today or datetime.date.today()
        return not self.is_closed and self.due is not None and self.due < today

    def clean(self):
        errors = {}
        for name in ("meeting", "agenda_item", "resolution"):
            related = getattr(self, name)
            if related is not None and related.partnership_id != self.partnership_id:
                errors[name] = f"Choose a {self._meta.get_field(name).verbose_name} of this "
                errors[name] += "partnership."
        if (
            self.agenda_item_id
            and self.meeting_id
            and self.agenda_item.meeting_id != self.meeting_id
        ):
            errors["agenda_item"] = "Choose a minute of the action's meeting."
        if self.due_date and self.by_next_meeting:
            errors["due_date"] = "Give a due date or tick “by the next meeting”, not both."
        if errors:
            raise ValidationError(errors)


class ActionOwner(TenantModel):
    """One owner of an action: exactly one of a person, a post, an organisation or a body."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="owners")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    post = models.ForeignKey(
        Post, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.ForeignKey(
        Body, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        person__isnull=False,
                        post__isnull=True,
                        organisation__isnull=True,
                        body__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        post__isnull=False,
                        organisation__isnull=True,
                        body__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        post__isnull=True,
                        organisation__isnull=False,
                        body__isnull=True,
                    )
                    | Q(
                        person__isnull=True,
                        post__isnull=True,
                        organisation__isnull=True,
                        body__isnull=False,
                    )
                ),
                name="action_owner_exactly_one",
                violation_error_message="An owner is one person, post, organisation or body.",
            )
        ]

    def __str__(self) -> str:
        return str(self.owner)

    @property
    def owner(self):
        return self.person or self.post or self.organisation or self.body

    def clean(self):
        owner = self.owner
        if owner is not None and owner.partnership_id != self.partnership_id:
            raise ValidationError("Choose an owner of this partnership.")


class ActionUpdate(TenantModel):
    """A dated progress note on an action, with the status it set. Kept, never edited."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(verbose_name="Date")
    note = models.TextField()
    status = models.CharField(max_length=20, choices=ActionStatus.choices)
    author = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["action", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.on:%-d %B %Y}: {self.get_status_display()}"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "Due within 7 days"
    OVERDUE = "overdue", "Overdue"
    DIGEST = "digest", "Weekly digest"


class ActionReminder(TenantModel):
    """One reminder e-mail sent to a person, so `saferboard remind` never sends it twice a day.

    A due-soon or overdue reminder names its action; a weekly digest has none.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    sent_on = models.DateField()
    email = models.EmailField()

    class Meta:
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "action", "sent_on"],
                condition=Q(action__isnull=False),
                name="action_reminder_once_a_day",
            ),
            models.UniqueConstraint(
                fields=["person", "kind", "sent_on"],
                condition=Q(action__isnull=True),
                name="action_digest_once_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.person} on {self.sent_on:%-d %B %Y}"
