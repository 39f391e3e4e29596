"""Indicators, their targets and comparators, and the values partners return per period.

Red/amber/green and direction of travel are never stored as typed colours: they are
computed (performance/rag.py) from the value, the target, the tolerance and the
polarity. A manual override is stored on the value with its reason, and audited.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.plans.models import Priority
from saferboard.registry.models import Organisation, Person


class Unit(models.TextChoices):
    COUNT = "count", "Count"
    PERCENT = "percent", "Percentage"
    RATE_PER_1000 = "rate_1000", "Rate per 1,000"
    RATE_PER_10000 = "rate_10000", "Rate per 10,000"
    MINUTES = "minutes", "Minutes"
    CURRENCY = "currency", "Pounds (£)"


class Polarity(models.TextChoices):
    LOWER_IS_BETTER = "lower", "Lower is better"
    HIGHER_IS_BETTER = "higher", "Higher is better"


class TargetKind(models.TextChoices):
    ABSOLUTE = "absolute", "A value to reach"
    PERCENT_CHANGE = "percent_change", "A % change against the baseline"
    NONE = "none", "No target (monitored only)"


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"
    ANNUAL = "annual", "Annual (financial year)"


class Lifecycle(models.TextChoices):
    UNDER_DEVELOPMENT = "under_development", "Under development"
    IN_ABEYANCE = "in_abeyance", "In abeyance"
    AGREED = "agreed", "Agreed"
    RETIRED = "retired", "Retired"


class Rag(models.TextChoices):
    """Stored only as a manual override; otherwise computed."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ValueSource(models.TextChoices):
    """Where an indicator's values come from. Data sources (such as police.uk crime counts)
    register themselves in performance.sources; their key is stored here."""

    RETURNS = "returns", "Partner returns"


class Indicator(TenantModel):
    priority = models.ForeignKey(
        Priority, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    code = models.CharField(max_length=40, help_text="For example KPI 4 or NI19.")
    name = models.CharField(max_length=300)
    definition = models.TextField(blank=True, help_text="What is counted, and how.")
    unit = models.CharField(max_length=20, choices=Unit.choices, default=Unit.COUNT)
    polarity = models.CharField(
        max_length=10, choices=Polarity.choices, default=Polarity.LOWER_IS_BETTER
    )
    target_kind = models.CharField(
        max_length=20, choices=TargetKind.choices, default=TargetKind.ABSOLUTE
    )
    target_value = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        help_text="The value to reach, or the % change against the baseline (for example -5 "
        "for a 5% reduction).",
    )
    amber_tolerance = models.DecimalField(
        max_digits=14,
        decimal_places=3,
        default=0,
        help_text="How far short of the target still counts as amber, in the indicator's unit "
        "(percentage points for a % change target).",
    )
    baseline_label = models.CharField(
        max_length=40, blank=True, verbose_name="Baseline period", help_text="For example 2011/12."
    )
    baseline_start = models.DateField(null=True, blank=True)
    baseline_end = models.DateField(null=True, blank=True)
    baseline_value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    frequency = models.CharField(
        max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    lead_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="indicators"
    )
    lead_person = models.ForeignKey(
        Person,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Who submits the return, and is chased when it is missing.",
    )
    data_source = models.CharField(max_length=200, blank=True, help_text="For example MPS CRIS.")
    value_source = models.CharField(
        max_length=40,
        default=ValueSource.RETURNS,
        help_text="Partner returns, or a data source that computes the values.",
    )
    value_source_options = models.JSONField(default=dict, blank=True)
    return_due_days = models.PositiveSmallIntegerField(
        default=20, help_text="Days after the end of a period that its return is due."
    )
    lifecycle = models.CharField(
        max_length=20, choices=Lifecycle.choices, default=Lifecycle.UNDER_DEVELOPMENT
    )
    lifecycle_since = models.DateField(null=True, blank=True, verbose_name="In this state since")
    baseline_due_by = models.DateField(
        null=True, blank=True, help_text="For an indicator under development."
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "code", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"],
                name="indicator_code_unique_in_partnership",
                violation_error_message="This partnership already has an indicator with that code.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.name}" if self.code else self.name

    def clean(self):
        errors = {}
        for name in ("priority", "lead_organisation", "lead_person"):
            related = getattr(self, name)
            if related is not None and related.partnership_id != self.partnership_id:
                errors[name] = "Choose one of this partnership's records."
        if self.target_kind != TargetKind.NONE and self.target_value is None:
            errors["target_value"] = "Enter the target, or choose “no target”."
        if self.target_kind == TargetKind.PERCENT_CHANGE and self.baseline_value is None:
            errors["baseline_value"] = "A % change target needs a baseline value."
        if self.amber_tolerance is not None and self.amber_tolerance < 0:
            errors["amber_tolerance"] = "The amber tolerance cannot be negative."
        if errors:
            raise ValidationError(errors)


class Comparator(TenantModel):
    """A comparison for one period: an average (London, family group) or a rank (3rd of 32)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="comparators")
    name = models.CharField(max_length=100, help_text="For example London average.")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    rank_of = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="Out of")
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "name", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "name", "period_start", "period_end"],
                name="comparator_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_start:%b %Y})"


class IndicatorValue(TenantModel):
    """The value of an indicator for one period (a month, quarter or financial year).

    `value` is empty when the partner returned "no information". For small numbers the
    count behind a percentage or rate is kept in `numerator` / `denominator`.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=3, null=True, blank=True)
    no_information_reason = models.CharField(max_length=300, blank=True)
    commentary = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(
        max_length=40, default="web", help_text="web, upload, or the data source's key."
    )
    rag_override = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    rag_override_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "period_end"],
                name="indicator_value_once_per_period",
                violation_error_message="This indicator already has a value for that period.",
            ),
            models.CheckConstraint(
                condition=Q(rag_override="") | ~Q(rag_override_reason=""),
                name="indicator_value_override_has_reason",
                violation_error_message="A manual red, amber or green needs a reason.",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start:%b %Y}: {self.value}"


class ReturnReminder(TenantModel):
    """A chasing e-mail for a missing return, so one is never sent twice the same day."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField()
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    email = models.EmailField()

    class Meta:
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start", "person", "sent_on"],
                name="return_reminder_once_a_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_start:%b %Y} to {self.person}"


class QuarterlySheet(TenantModel):
    """The words of a priority's quarterly performance sheet (the Haringey A3 sheet).

    The charts and figures on the sheet are computed from the indicators' values; only
    the narrative is stored: one sheet per priority and quarter, kept in history.
    """

    priority = models.ForeignKey(
        Priority, on_delete=models.PROTECT, related_name="quarterly_sheets"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    context = models.TextField(blank=True, help_text="What lies behind the figures.")
    activity = models.TextField(
        blank=True, help_text="Successful activity or interventions this quarter."
    )
    concerns = models.TextField(blank=True, verbose_name="Areas of concern")
    emerging_issues = models.TextField(blank=True)
    partner_comments = models.TextField(
        blank=True,
        help_text="Partners' comments, usually added at the board before the sheet goes on.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["priority", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "period_start"],
                name="quarterly_sheet_once_per_priority_and_quarter",
                violation_error_message="This priority already has a sheet for that quarter.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.priority} ({self.period_start:%b %Y})"
