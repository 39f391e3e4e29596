"""Performance reports for meetings: the half-year and annual performance report, and the
pieces every report shares (an indicator's chart against its target, the target in words,
PDFs and the papers a meeting pack takes).

The half-year report covers April to September of a financial year, the annual report
the whole year. Each indicator is judged on the same figures as the exception report
(`selectors.is_current`), so the two never disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from saferboard.core.models import Partnership
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.packs import html_to_pdf
from saferboard.performance import charts, selectors
from saferboard.performance import periods as period_rules
from saferboard.performance import rag as rag_rules
from saferboard.performance.models import Frequency, Indicator, Lifecycle, QuarterlySheet
from saferboard.performance.selectors import IndicatorSummary

# How many periods an indicator's chart shows on a report: two years of months or quarters.
CHART_POINTS = {Frequency.MONTHLY: 24, Frequency.QUARTERLY: 8, Frequency.ANNUAL: 5}


def target_text(indicator: Indicator, target) -> str:
    """The target as people read it: "380 (-5% change on 2024/25: 400)" or "No target"."""
    if target is None:
        return "No target"
    shown = rag_rules.figure(target, unit=indicator.unit)
    if indicator.target_kind == "percent_change":
        change = rag_rules.number(indicator.target_value)
        baseline = indicator.baseline_label or "the baseline"
        return (
            f"{shown} ({change}% change on {baseline}: "
            f"{rag_rules.figure(indicator.baseline_value)})"
        )
    return shown


def indicator_chart(summary: IndicatorSummary, *, chart_id: str) -> SafeString | None:
    """The indicator's recent values against its target as an SVG line chart, or None
    when it has no values yet."""
    indicator = summary.indicator
    recent = summary.series[-CHART_POINTS.get(indicator.frequency, 8) :]
    if not recent:
        return None
    labels = [period.label for period, _ in recent]
    target = summary.rag.target if summary.rag else None
    return charts.series_chart(
        title=f"{indicator.code} {indicator.name}: values by period",
        description=(
            f"{len(labels)} periods from {labels[0]} to {labels[-1]}. "
            f"Target: {target_text(indicator, target)}."
        ),
        labels=labels,
        values=[row.value for _, row in recent],
        target=target,
        chart_id=chart_id,
    )


def render_pdf(template: str, context: dict) -> bytes:
    """A report's PDF from its template (A4 landscape; charts are inline SVG)."""
    return html_to_pdf(render_to_string(template, context)).write_pdf()


def file_stem(text: str) -> str:
    """ "Q2 2025/26" -> "q2-2025-26": for file names."""
    return "-".join(text.lower().replace("/", "-").split())


# The exception report as a paper --------------------------------------------------------


def exception_report(*, partnership: Partnership, period: period_rules.Period) -> dict:
    """What the exception report shows for a period (page, PDF and paper alike)."""
    return {
        "period": period,
        "exceptions": selectors.indicator_exceptions(partnership=partnership, period=period),
        "plans": selectors.plan_exception_sections(partnership=partnership, period=period),
    }


def exception_report_pdf(
    *, partnership: Partnership, period: period_rules.Period, today: datetime.date
) -> bytes:
    return render_pdf(
        "performance/pdf/exception_report.html",
        {
            "partnership": partnership,
            "generated_on": today,
            **exception_report(partnership=partnership, period=period),
        },
    )


def exception_report_paper(
    *, partnership: Partnership, period: period_rules.Period, today: datetime.date
) -> GeneratedPaper:
    """The exception report as a meeting paper. Its file name does not name the period,
    so putting a later quarter's report on the same item replaces the earlier one."""
    return GeneratedPaper(
        title=f"Performance exception report, {period.label}",
        file_name="performance-exception-report.pdf",
        pdf=exception_report_pdf(partnership=partnership, period=period, today=today),
    )


# The half-year and annual report ----------------------------------------------------------

HALF_YEAR = "half"
FULL_YEAR = "year"
PARTS = {HALF_YEAR: "Half-year", FULL_YEAR: "Annual"}


@dataclass(frozen=True)
class ReportWindow:
    """The months a half-year (April to September) or annual report covers."""

    year: period_rules.Period  # the financial year
    part: str  # HALF_YEAR or FULL_YEAR

    @property
    def period(self) -> period_rules.Period:
        if self.part == FULL_YEAR:
            return self.year
        end = datetime.date(self.year.start.year, 9, 30)
        return period_rules.Period(
            start=self.year.start,
            end=end,
            label=f"April to September {self.year.start.year}",
            kind=period_rules.CUSTOM,
        )

    @property
    def title(self) -> str:
        return f"{PARTS[self.part]} performance report {self.year.label}"

    @property
    def file_name(self) -> str:
        return f"performance-report-{'half-year' if self.part == HALF_YEAR else 'annual'}.pdf"


def report_window(*, year: str, part: str) -> ReportWindow:
    """The window for a financial year written as "2025/26" and a part ("half" or "year");
    ValueError saying what is accepted otherwise."""
    period = period_rules.parse_period(year)
    if period.kind != period_rules.YEAR:
        raise ValueError(f"“{year.strip()}” is not a financial year. Write it as 2025/26.")
    if part not in PARTS:
        raise ValueError("Choose the half year (April to September) or the whole year.")
    return ReportWindow(year=period, part=part)


def latest_window(today: datetime.date) -> ReportWindow:
    """The latest report that has ended: this year's first half once September is over,
    otherwise last year's annual report."""
    year = period_rules.financial_year_of(today)
    if today > datetime.date(year.start.year, 9, 30):
        return ReportWindow(year=year, part=HALF_YEAR)
    return ReportWindow(year=period_rules.previous(year), part=FULL_YEAR)


STATUS_ORDER = [
    (rag_rules.GREEN, "Green", "govuk-tag--green"),
    (rag_rules.AMBER, "Amber", "govuk-tag--orange"),
    (rag_rules.RED, "Red", "govuk-tag--red"),
    ("no_information", "No information", "govuk-tag--grey"),
    ("no_target", "No target", "govuk-tag--grey"),
]


@dataclass
class ReportRow:
    summary: IndicatorSummary
    current: bool  # has a figure to judge it on for the window
    target: str
    chart: SafeString | None = None

    @property
    def indicator(self) -> Indicator:
        return self.summary.indicator

    @property
    def count_key(self) -> str:
        """Which summary count the row falls in."""
        if self.summary.rag.status != rag_rules.NONE:
            return self.summary.rag.status
        return "no_target" if self.summary.rag.label == "No target" else "no_information"


@dataclass
class PerformanceReport:
    window: ReportWindow
    groups: list  # selectors.PriorityGroup with ReportRow in `summaries`
    counts: list  # (label, tag class, count) in STATUS_ORDER
    developing: list[Indicator]  # under development or in abeyance
    issues: list  # QuarterlySheet of the window's last quarter with concerns or issues
    exceptions: list
    plans: list
    total: int = 0
    rows: list = field(default_factory=list)


def report_row(summary: IndicatorSummary, period: period_rules.Period) -> ReportRow:
    """An indicator's line in a report for `period`."""
    current = selectors.is_current(summary, period)
    if not current:
        # An old figure is not this report's: show "No information" and no direction.
        indicator = summary.indicator
        summary = IndicatorSummary(
            indicator=indicator,
            series=summary.series,
            rag=rag_rules.indicator_rag(indicator, None),
        )
    return ReportRow(
        summary=summary,
        current=current,
        target=target_text(summary.indicator, summary.rag.target),
    )


def performance_report(*, partnership: Partnership, window: ReportWindow) -> PerformanceReport:
    """The report's figures: every indicator not retired, judged at the window's end and
    grouped by priority, with counts of each colour, the exceptions, and the areas of
    concern and emerging issues written on the last quarter's sheets."""
    period = window.period
    indicators = list(
        selectors.indicator_list(partnership=partnership).exclude(lifecycle=Lifecycle.RETIRED)
    )
    summaries = selectors.indicator_summaries(indicators=indicators, as_at=period.end)
    rows = [report_row(summary, period) for summary in summaries]
    for row in rows:
        row.chart = indicator_chart(row.summary, chart_id=f"report-{row.summary.indicator.pk}")
    groups = selectors.group_by_priority(rows)
    tally = dict.fromkeys((key for key, _, _ in STATUS_ORDER), 0)
    for row in rows:
        tally[row.count_key] += 1
    counts = [
        (label, tag, tally[key])
        for key, label, tag in STATUS_ORDER
        if key != "no_target" or tally[key]
    ]
    last_quarter = period_rules.quarter_of(period.end)
    priorities = [group.priority for group in groups if group.priority is not None]
    sheets = QuarterlySheet.objects.filter(
        partnership=partnership, period_start=last_quarter.start, priority__in=priorities
    ).select_related("priority")
    order = {priority.pk: position for position, priority in enumerate(priorities)}
    report = exception_report(partnership=partnership, period=period)
    return PerformanceReport(
        window=window,
        groups=groups,
        counts=counts,
        developing=[
            indicator
            for indicator in indicators
            if indicator.lifecycle in (Lifecycle.UNDER_DEVELOPMENT, Lifecycle.IN_ABEYANCE)
        ],
        issues=sorted(
            (sheet for sheet in sheets if sheet.concerns or sheet.emerging_issues),
            key=lambda sheet: order[sheet.priority_id],
        ),
        exceptions=report["exceptions"],
        plans=report["plans"],
        total=len(rows),
        rows=rows,
    )


def performance_report_pdf(
    *, partnership: Partnership, report: PerformanceReport, today: datetime.date
) -> bytes:
    return render_pdf(
        "performance/pdf/performance_report.html",
        {"partnership": partnership, "report": report, "generated_on": today},
    )


def performance_report_paper(
    *, partnership: Partnership, window: ReportWindow, today: datetime.date
) -> GeneratedPaper:
    report = performance_report(partnership=partnership, window=window)
    return GeneratedPaper(
        title=window.title,
        file_name=window.file_name,
        pdf=performance_report_pdf(partnership=partnership, report=report, today=today),
    )
