"""Strategies and their priorities (outcomes), and the delivery plans beneath them.

A `Strategy` (such as "Community Safety Strategy 2018-22") names the partnership's
priorities; indicators (performance app) and delivery plans' key actions hang off
a `Priority`.
"""

import dataclasses
import re

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.registry.models import Body, Organisation


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_CONSULTATION = "in_consultation", "In consultation"
    ENDORSED = "endorsed", "Endorsed"
    SUPERSEDED = "superseded", "Superseded"


class Strategy(TenantModel):
    name = models.CharField(max_length=200, help_text="For example Community Safety Strategy.")
    period_start = models.DateField(verbose_name="Starts")
    period_end = models.DateField(verbose_name="Ends")
    owner_body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategies",
        verbose_name="Owning body",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="A wider plan this strategy sits beneath, such as the Borough Plan.",
    )
    is_statutory = models.BooleanField(default=False, verbose_name="Statutory")
    status = models.CharField(
        max_length=20, choices=StrategyStatus.choices, default=StrategyStatus.DRAFT
    )
    description = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "name"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return f"{self.name} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.period_start.year == self.period_end.year:
            return str(self.period_start.year)
        return f"{self.period_start.year}-{self.period_end:%y}"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The end must be on or after the start."})
        for name in ("owner_body", "parent"):
            related = getattr(self, name)
            if related is not None and related.partnership_id != self.partnership_id:
                raise ValidationError({name: "Choose one of this partnership's records."})


class Priority(TenantModel):
    """A priority or outcome of a strategy, such as "1. Reduce violence"."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="priorities")
    number = models.CharField(max_length=10, help_text="For example 1 or 4.")
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["strategy", "position", "pk"]
        verbose_name_plural = "priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"],
                name="priority_number_unique_in_strategy",
                violation_error_message="This strategy already has a priority with that number.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}" if self.number else self.title

    def clean(self):
        if self.strategy_id and self.strategy.partnership_id != self.partnership_id:
            raise ValidationError({"strategy": "Choose one of this partnership's strategies."})


class PlanType(models.TextChoices):
    CSP_DELIVERY = "csp_delivery", "Community safety partnership delivery plan"
    IMPLEMENTATION = "implementation", "Annual implementation plan"
    YOUTH_JUSTICE = "youth_justice", "Youth justice plan"
    VAWG = "vawg", "Violence against women and girls plan"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse plan"
    DRUGS = "drugs", "Drug and alcohol treatment plan"
    REOFFENDING = "reoffending", "Reducing reoffending plan"
    ASB = "asb", "Anti-social behaviour plan"
    GANGS = "gangs", "Gangs and serious violence plan"
    HATE_CRIME = "hate_crime", "Hate crime plan"
    PREVENT = "prevent", "Prevent plan"
    OTHER = "other", "Other plan"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_CONSULTATION = "in_consultation", "In consultation"
    ENDORSED = "endorsed", "Endorsed"
    CLOSED = "closed", "Closed"


class StatusKey(models.TextChoices):
    """How a plan reports its key actions' status: the City's key, or plain RAG."""

    PROGRESS = "progress", "Complete, progressing, on hold, not started (blue, green, amber, red)"
    RAG = "rag", "Red, amber, green: off track, at risk, on track (exception reporting)"


class KeyActionStatus(models.TextChoices):
    """Stable codes for what a status means; its colour comes from the plan's key."""

    NOT_STARTED = "not_started", "Not started"
    ON_HOLD = "on_hold", "On hold"
    PROGRESSING = "progressing", "Progressing"
    OFF_TRACK = "off_track", "Red: off track"
    AT_RISK = "at_risk", "Amber: at risk"
    ON_TRACK = "on_track", "Green: on track"
    COMPLETE = "complete", "Complete"


@dataclasses.dataclass(frozen=True)
class KeyEntry:
    status: str
    colour: str  # blue, green, amber or red: how the plan's key shows it
    meaning: str


# Each key's statuses, in the order a key is read out ("Blue = complete, Green = ...").
STATUS_KEYS: dict[str, tuple[KeyEntry, ...]] = {
    StatusKey.PROGRESS: (
        KeyEntry(KeyActionStatus.COMPLETE, "blue", "complete"),
        KeyEntry(KeyActionStatus.PROGRESSING, "green", "progressing"),
        KeyEntry(KeyActionStatus.ON_HOLD, "amber", "on hold"),
        KeyEntry(KeyActionStatus.NOT_STARTED, "red", "not started"),
    ),
    StatusKey.RAG: (
        KeyEntry(KeyActionStatus.OFF_TRACK, "red", "off track"),
        KeyEntry(KeyActionStatus.AT_RISK, "amber", "at risk"),
        KeyEntry(KeyActionStatus.ON_TRACK, "green", "on track"),
        KeyEntry(KeyActionStatus.COMPLETE, "blue", "complete"),
    ),
}
# The status a new key action starts with under each key.
FIRST_STATUS = {
    StatusKey.PROGRESS: KeyActionStatus.NOT_STARTED,
    StatusKey.RAG: KeyActionStatus.ON_TRACK,
}
# Red and amber under either key: what an exception report shows.
EXCEPTION_STATUSES = frozenset(
    entry.status
    for entries in STATUS_KEYS.values()
    for entry in entries
    if entry.colour in {"red", "amber"}
)


def status_colour(*, key: str, status: str) -> str:
    for entry in STATUS_KEYS[key]:
        if entry.status == status:
            return entry.colour
    return ""


class DeliveryPlan(TenantModel):
    """A plan of key actions for a period, owned by a body: "CSP delivery plan 2025/26"."""

    name = models.CharField(max_length=200, help_text="For example Community Safety Plan 2025/26.")
    strategy = models.ForeignKey(
        Strategy,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_plans",
        help_text="The strategy whose priorities the key actions sit under, if any.",
    )
    plan_type = models.CharField(
        max_length=20, choices=PlanType.choices, default=PlanType.CSP_DELIVERY, verbose_name="Type"
    )
    period_start = models.DateField(verbose_name="Starts")
    period_end = models.DateField(verbose_name="Ends")
    owner_body = models.ForeignKey(
        Body,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="delivery_plans",
        verbose_name="Owning body",
    )
    is_statutory = models.BooleanField(default=False, verbose_name="Statutory")
    status = models.CharField(max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    status_key = models.CharField(
        max_length=20,
        choices=StatusKey.choices,
        default=StatusKey.PROGRESS,
        help_text="How key actions' status is reported.",
    )
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="Last year's plan this one was copied from.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_start", "name"]
        verbose_name = "delivery plan"

    def __str__(self) -> str:
        return self.name

    @property
    def period_label(self) -> str:
        return f"{self.period_start:%-d %B %Y} to {self.period_end:%-d %B %Y}"

    def key_entries(self) -> tuple[KeyEntry, ...]:
        return STATUS_KEYS[self.status_key]

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The end must be on or after the start."})
        for name in ("strategy", "owner_body"):
            related = getattr(self, name)
            if related is not None and related.partnership_id != self.partnership_id:
                raise ValidationError({name: "Choose one of this partnership's records."})


# A key action's number: whole numbers joined by full stops, such as 4 or 1.2 or 3.10.1.
NUMBER_PATTERN = re.compile(r"^\d{1,4}(\.\d{1,4}){0,4}$")


def number_sort_key(number: str) -> str:
    """A text that sorts as the number reads: 1.2 before 1.10 (each part padded to 4 digits)."""
    return ".".join(part.zfill(4) for part in number.split("."))


class KeyAction(TenantModel):
    """One row of a delivery plan: "1.2 Deliver bystander training", its lead and status."""

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="key_actions")
    priority = models.ForeignKey(
        Priority,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="key_actions",
        help_text="The priority or outcome it delivers.",
    )
    number = models.CharField(max_length=24, help_text="For example 1.2: priority 1, action 2.")
    sort_key = models.CharField(max_length=30, blank=True, editable=False, db_index=True)
    title = models.CharField(max_length=300, verbose_name="Key action")
    description = models.TextField(blank=True)
    delivery = models.TextField(
        blank=True, verbose_name="Delivery notes", help_text="How it will be delivered."
    )
    lead_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="led_key_actions", verbose_name="Lead organisations"
    )
    lead_officers = models.CharField(
        max_length=200, blank=True, verbose_name="Lead officers", help_text="Names or posts."
    )
    co_operating_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="co_operating_key_actions",
        verbose_name="Co-operating agencies",
    )
    co_operating_note = models.CharField(
        max_length=300,
        blank=True,
        verbose_name="Other co-operating agencies",
        help_text="Agencies not in the register, for example local charities.",
    )
    deadline = models.DateField(null=True, blank=True)
    timescale = models.CharField(
        max_length=100, blank=True, help_text="For example Sept–Dec 2025, or ongoing."
    )
    status = models.CharField(max_length=20, choices=KeyActionStatus.choices)
    completed_on = models.DateField(null=True, blank=True, verbose_name="Date completed")
    carried_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
        help_text="The key action of last year's plan this one continues.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "sort_key"]
        verbose_name = "key action"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="key_action_number_unique_in_plan",
                violation_error_message="This plan already has a key action with that number.",
            )
        ]
        indexes = [models.Index(fields=["partnership", "status"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_complete(self) -> bool:
        return self.status == KeyActionStatus.COMPLETE

    @property
    def colour(self) -> str:
        return status_colour(key=self.plan.status_key, status=self.status)

    def due_label(self) -> str:
        parts = [f"{self.deadline:%-d %B %Y}" if self.deadline else "", self.timescale]
        return ", ".join(part for part in parts if part)

    def lead_names(self) -> str:
        names = [org.name for org in self.lead_organisations.all()]
        if self.lead_officers:
            names.append(self.lead_officers)
        return ", ".join(names)

    def co_operating_names(self) -> str:
        names = [org.name for org in self.co_operating_organisations.all()]
        if self.co_operating_note:
            names.append(self.co_operating_note)
        return ", ".join(names)

    def save(self, *args, **kwargs):
        self.sort_key = number_sort_key(self.number)
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.number and not NUMBER_PATTERN.match(self.number):
            errors["number"] = (
                f"“{self.number}” is not a key action number: use whole numbers joined by full "
                "stops, such as 1.2 or 4.10"
            )
        for name in ("plan", "priority"):
            related = getattr(self, name)
            if related is not None and related.partnership_id != self.partnership_id:
                errors[name] = "Choose one of this partnership's records."
        if errors:
            raise ValidationError(errors)


class KeyActionUpdate(TenantModel):
    """A dated progress note on a key action, with the status it set. Kept, never edited."""

    key_action = models.ForeignKey(KeyAction, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField(verbose_name="Date")
    note = models.TextField(verbose_name="Update")
    mitigation = models.TextField(
        blank=True, help_text="For a red or amber action: what is being done to recover it."
    )
    status = models.CharField(max_length=20, choices=KeyActionStatus.choices)
    author = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key_action", "-on", "-pk"]
        verbose_name = "key action update"

    def __str__(self) -> str:
        return f"{self.on:%-d %B %Y}: {self.get_status_display()}"


class PlanReport(TenantModel):
    """The plan was reported (to the board, or onwards) on this date.

    Key actions completed after the latest report are "completed since last report".
    """

    plan = models.ForeignKey(DeliveryPlan, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(verbose_name="Date reported")
    reported_to = models.CharField(
        max_length=200,
        blank=True,
        help_text="For example the SCP board, or the Health and Wellbeing Board.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "-reported_on", "-pk"]
        verbose_name = "plan report"

    def __str__(self) -> str:
        return f"{self.plan} reported on {self.reported_on:%-d %B %Y}"
