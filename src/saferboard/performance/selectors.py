"""Reads of the performance framework, scoped to one partnership.

The dashboard, the indicator list and the exception report all summarise indicators the
same way (`indicator_summaries`): two queries for any number of indicators and periods
(the indicators with their priority and lead, then their values), the rest in Python.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from saferboard.core.models import Partnership
from saferboard.performance import periods as period_rules
from saferboard.performance import rag as rag_rules
from saferboard.performance.models import Comparator, Frequency, Indicator, IndicatorValue, Unit
from saferboard.plans.exceptions import plan_exceptions
from saferboard.plans.models import PlanStatus
from saferboard.plans.selectors import plan_list

# How far back the dashboard looks: the sparkline, previous period, same period last year,
# FYTD and rolling 12 months all fit in three years.
LOOK_BACK_DAYS = 3 * 366
SPARKLINE_POINTS = 8


def indicator_list(*, partnership: Partnership) -> QuerySet[Indicator]:
    return Indicator.objects.filter(partnership=partnership).select_related(
        "priority", "priority__strategy", "lead_organisation", "lead_person"
    )


def indicator_get(*, partnership: Partnership, pk) -> Indicator:
    return get_object_or_404(indicator_list(partnership=partnership), pk=pk)


def indicator_value_list(*, partnership: Partnership) -> QuerySet[IndicatorValue]:
    return IndicatorValue.objects.filter(partnership=partnership).select_related(
        "indicator", "submitted_by"
    )


def indicator_values(*, indicator: Indicator) -> list[IndicatorValue]:
    return list(
        IndicatorValue.objects.filter(indicator=indicator)
        .select_related("submitted_by")
        .order_by("period_start", "period_end")
    )


def indicator_value_history(*, indicator: Indicator) -> list:
    """Every saved version of every value of the indicator, newest first: who sent what."""
    return list(
        IndicatorValue.history.filter(indicator_id=indicator.pk)
        .select_related("history_user")
        .order_by("-history_date")
    )


def comparator_list(*, indicator: Indicator) -> list[Comparator]:
    return list(indicator.comparators.order_by("name", "period_start"))


@dataclass
class Window:
    """A total over a window (FYTD, rolling 12 months), with last year's for comparison."""

    period: period_rules.Period
    total: Decimal
    last_year: Decimal | None
    direction: rag_rules.Direction


@dataclass
class IndicatorSummary:
    indicator: Indicator
    latest: IndicatorValue | None = None
    period: period_rules.Period | None = None
    rag: rag_rules.RagResult | None = None
    figure: str = "No information"
    previous: rag_rules.Direction | None = None
    last_year: rag_rules.Direction | None = None
    series: list = field(default_factory=list)  # (Period, IndicatorValue) oldest first
    fytd: Window | None = None
    rolling: Window | None = None


def _window_total(rows_by_period: dict, window: period_rules.Period) -> Decimal | None:
    """The sum of the values inside `window`, only if they cover every month of it."""
    inside = [
        row
        for (start, end), row in rows_by_period.items()
        if start >= window.start and end <= window.end
    ]
    if any(row.value is None for row in inside):
        return None
    months = sum(period_rules.period_of(row.period_start, row.period_end).months for row in inside)
    if months != window.months:
        return None
    return sum((row.value for row in inside), Decimal(0))


def _window(indicator, rows_by_period, window) -> Window | None:
    total = _window_total(rows_by_period, window)
    if total is None:
        return None
    earlier = period_rules.same_period_last_year(window)
    last_year = _window_total(rows_by_period, earlier)
    return Window(
        period=window,
        total=total,
        last_year=last_year,
        direction=rag_rules.direction(
            value=total,
            previous=last_year,
            polarity=indicator.polarity,
            against=earlier.label,
            unit=indicator.unit,
        ),
    )


def summarise(
    indicator: Indicator, rows: list[IndicatorValue], *, as_at: datetime.date
) -> IndicatorSummary:
    """An indicator's position at `as_at` from its values (any order): latest value, RAG,
    direction against the previous period and the same period last year, the series, and
    FYTD / rolling 12 month totals where adding up makes sense (counts, monthly or
    quarterly)."""
    by_period = {(row.period_start, row.period_end): row for row in rows if row.period_end <= as_at}
    summary = IndicatorSummary(indicator=indicator)
    ordered = sorted(by_period.values(), key=lambda row: (row.period_end, row.period_start))
    summary.series = [
        (period_rules.period_of(row.period_start, row.period_end), row) for row in ordered
    ]
    summary.rag = rag_rules.indicator_rag(indicator, None)
    if not ordered:
        return summary
    latest = ordered[-1]
    period = period_rules.period_of(latest.period_start, latest.period_end)
    summary.latest, summary.period = latest, period
    summary.rag = rag_rules.indicator_rag(indicator, latest)
    summary.figure = rag_rules.figure(
        latest.value,
        unit=indicator.unit,
        numerator=latest.numerator,
        denominator=latest.denominator,
    )
    before = period_rules.previous(period)
    summary.previous = rag_rules.value_direction(
        indicator, latest, by_period.get((before.start, before.end)), against=before.label
    )
    year_ago = period_rules.same_period_last_year(period)
    summary.last_year = rag_rules.value_direction(
        indicator, latest, by_period.get((year_ago.start, year_ago.end)), against=year_ago.label
    )
    if indicator.unit == Unit.COUNT and indicator.frequency != Frequency.ANNUAL:
        summary.fytd = _window(indicator, by_period, period_rules.fytd(latest.period_end))
        summary.rolling = _window(
            indicator, by_period, period_rules.rolling_12_months(latest.period_end)
        )
    return summary


def indicator_summaries(
    *, indicators: list[Indicator], as_at: datetime.date
) -> list[IndicatorSummary]:
    """`summarise` for many indicators with one query for all their values."""
    rows: dict[int, list] = {indicator.pk: [] for indicator in indicators}
    values = IndicatorValue.objects.filter(
        indicator__in=[indicator.pk for indicator in indicators],
        period_end__lte=as_at,
        period_end__gte=as_at - datetime.timedelta(days=LOOK_BACK_DAYS),
    ).select_related("submitted_by")
    for row in values:
        rows[row.indicator_id].append(row)
    return [summarise(indicator, rows[indicator.pk], as_at=as_at) for indicator in indicators]


@dataclass
class PriorityGroup:
    priority: object  # plans.Priority or None ("Other indicators")
    summaries: list


def group_by_priority(summaries: list) -> list[PriorityGroup]:
    """Summaries grouped by their indicator's priority, in the strategy's order; indicators
    without a priority come last."""
    groups: dict = {}
    for summary in summaries:
        groups.setdefault(summary.indicator.priority, []).append(summary)

    def order(priority):
        if priority is None:
            return (1, datetime.date.min, 0, 0)
        return (0, priority.strategy.period_start, priority.position, priority.pk)

    return [
        PriorityGroup(priority=priority, summaries=groups[priority])
        for priority in sorted(groups, key=order)
    ]


def dashboard(*, partnership: Partnership, as_at: datetime.date) -> list[PriorityGroup]:
    """Every current indicator of the partnership, summarised and grouped by priority."""
    indicators = list(indicator_list(partnership=partnership).exclude(lifecycle="retired"))
    return group_by_priority(indicator_summaries(indicators=indicators, as_at=as_at))


def is_current(summary: IndicatorSummary, period: period_rules.Period) -> bool:
    """Whether a summary made at the end of `period` has a value to judge it on: one
    ending within the period, or (for an indicator reported less often) within the year
    before the period ends. Reports judge an indicator with no such value as "no
    information" rather than on an old figure."""
    if summary.latest is None:
        return False
    recent_from = period.end - datetime.timedelta(days=366)
    return summary.latest.period_end >= min(period.start, recent_from)


@dataclass
class IndicatorException:
    summary: IndicatorSummary
    commentary: str  # the value's commentary, or the latest commentary given


def indicator_exceptions(
    *, partnership: Partnership, period: period_rules.Period
) -> list[IndicatorException]:
    """Red and amber indicators at the end of `period`, with lead and commentary.

    Each indicator is judged on its latest value ending within the period (a monthly
    indicator's last month of a quarter; an annual one's year ending in it, else its
    latest value in the year before the period ends).
    """
    indicators = list(indicator_list(partnership=partnership).exclude(lifecycle="retired"))
    summaries = indicator_summaries(indicators=indicators, as_at=period.end)
    exceptions = []
    for summary in summaries:
        if not is_current(summary, period):
            continue
        if summary.rag.status not in (rag_rules.RED, rag_rules.AMBER):
            continue
        commentary = summary.latest.commentary
        if not commentary:
            commentary = next(
                (row.commentary for _, row in reversed(summary.series) if row.commentary), ""
            )
        exceptions.append(IndicatorException(summary=summary, commentary=commentary))
    exceptions.sort(key=lambda e: (e.summary.rag.status != rag_rules.RED,))
    return exceptions


@dataclass
class PlanExceptions:
    plan: object  # plans.DeliveryPlan
    sections: list  # plans.exceptions.ExceptionSection


def plan_exception_sections(
    *, partnership: Partnership, period: period_rules.Period
) -> list[PlanExceptions]:
    """The red and amber key actions of every delivery plan running during `period`
    (drafts left out), from the plans app's own exception rule."""
    plans = (
        plan_list(partnership=partnership)
        .filter(period_start__lte=period.end, period_end__gte=period.start)
        .exclude(status=PlanStatus.DRAFT)
    )
    return [PlanExceptions(plan=plan, sections=plan_exceptions(plan=plan)) for plan in plans]
