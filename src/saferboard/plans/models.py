"""Strategies and their priorities (outcomes), and the delivery plans beneath them.

A `Strategy` (such as "Community Safety Strategy 2018-22") names the partnership's
priorities; indicators (performance app) and delivery plans' key actions hang off
a `Priority`.
"""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from saferboard.core.models import TenantModel
from saferboard.registry.models import Body


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
