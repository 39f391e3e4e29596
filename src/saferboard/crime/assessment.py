"""The strategic assessment report for an area or one of its sub-areas, for the 12 months to a
chosen month or a financial year (to date): headline changes, a card and a chart per crime
type, hotspot tables, outcomes and a data-quality note.

It reads the monthly counts through crime.analysis, in a fixed number of queries whatever
the data (one for every crime type's 24-month series, not one per type). The page, its PDF
and the meeting pack paper all render the same `Assessment`.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.db.models import Sum
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from saferboard.crime import analysis, maps
from saferboard.crime.models import Area, CrimeCount, CrimeType, LoadedMonth, SubArea
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.packs import html_to_pdf
from saferboard.performance import charts
from saferboard.performance import periods as period_rules

CHART_MONTHS = 24
HOTSPOT_LIMIT = 10
REPEATED_IDS = re.compile(r": (\d+) Crime IDs? appears? on more than one row")


# What a report covers: the 12 months to a month, or a financial year (to date).
TWELVE_MONTHS = "months"
FINANCIAL_YEAR = "year"


@dataclass(frozen=True)
class ReportPeriod:
    """The months the hotspots and outcomes cover; the headline windows end with `last`."""

    kind: str
    first: datetime.date
    last: datetime.date
    label: str  # "12 months to June 2021", "financial year 2020/21"
    file_part: str  # "2021-06", "2020-21", "2021-22-to-2021-12"

    @property
    def query(self) -> dict[str, str]:
        """The page's GET parameters choosing this period."""
        if self.kind == FINANCIAL_YEAR:
            return {"year": str(self.first.year)}
        return {"month": f"{self.last:%Y-%m}"}


def report_query(period: ReportPeriod, sub_area: SubArea | None) -> dict[str, str]:
    """The GET parameters choosing a report: its period and place."""
    chosen = dict(period.query)
    if sub_area is not None:
        chosen["sub_area"] = str(sub_area.pk)
    return chosen


def twelve_months_to(month: datetime.date) -> ReportPeriod:
    month = analysis.month_start(month)
    return ReportPeriod(
        kind=TWELVE_MONTHS,
        first=analysis.add_months(month, -11),
        last=month,
        label=f"12 months to {month:%B %Y}",
        file_part=f"{month:%Y-%m}",
    )


def financial_year(start_year: int, latest: datetime.date | None) -> ReportPeriod:
    """The financial year April `start_year` to March; while it is not over (its March is
    after `latest`, the latest month loaded), April to `latest`, labelled year to date.
    ValueError where no month of it is loaded yet."""
    first = datetime.date(start_year, 4, 1)
    last = datetime.date(start_year + 1, 3, 1)
    name = period_rules.financial_year_label(start_year)
    if latest is None or latest < first:
        raise ValueError(f"No months of the financial year {name} are loaded yet.")
    if latest >= last:
        return ReportPeriod(
            kind=FINANCIAL_YEAR,
            first=first,
            last=last,
            label=f"financial year {name}",
            file_part=name.replace("/", "-"),
        )
    latest = analysis.month_start(latest)
    since = "April" if latest.year == start_year else f"April {start_year}"
    return ReportPeriod(
        kind=FINANCIAL_YEAR,
        first=first,
        last=latest,
        label=f"financial year {name}, {since} to {latest:%B %Y} (year to date)",
        file_part=f"{name.replace('/', '-')}-to-{latest:%Y-%m}",
    )


@dataclass
class CrimeCard:
    """One crime type (or total): its counts and changes in each window, and its chart."""

    figures: analysis.TypeFigures
    cells: list[tuple[analysis.Window, int, int, object]]
    chart: SafeString | None = None
    series: list[tuple[datetime.date, int]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.figures.label


@dataclass
class DataQuality:
    first: datetime.date
    last: datetime.date
    missing_months: list[datetime.date]
    notes: list[str]
    repeated_ids: int
    no_location: int
    area_has_lsoas: bool


@dataclass
class Assessment:
    area: Area
    sub_area: SubArea | None
    period: ReportPeriod
    summary: analysis.Summary
    headlines: list[CrimeCard]
    cards: list[CrimeCard]
    no_records: list[str]
    hotspots: list[analysis.Hotspot]
    hotspot_total: int
    hotspot_no_location: int
    locations: list[analysis.Share]
    outcomes: list[analysis.Share]
    charged: analysis.Share
    quality: DataQuality
    # The choropleth by MSOA (crime/maps.py); the body shows it after the hotspot tables.
    map: maps.Choropleth | None = None

    @property
    def month(self) -> datetime.date:
        """The month the headline windows (this month, FYTD, rolling 12) end with."""
        return self.period.last

    @property
    def place(self) -> str:
        return f"{self.area.name}: {self.sub_area.name}" if self.sub_area else self.area.name

    @property
    def title(self) -> str:
        return f"Strategic assessment: {self.place}, {self.period.label}"

    @property
    def file_name(self) -> str:
        place = f"{self.area.slug}-{self.sub_area.slug}" if self.sub_area else self.area.slug
        return f"strategic-assessment-{place}-{self.period.file_part}.pdf"

    @property
    def query(self) -> dict[str, str]:
        return report_query(self.period, self.sub_area)

    @property
    def rolling(self) -> analysis.Window:
        return self.summary.windows[-1]

    @property
    def incomplete(self) -> list:
        return [
            period
            for window in self.summary.windows
            for period in (window.now, window.before)
            if not self.summary.complete(period)
        ]

    @property
    def small_population(self) -> bool:
        return any(spot.small_resident_population for spot in self.hotspots)


def _card(row: analysis.TypeFigures, windows: list[analysis.Window]) -> CrimeCard:
    return CrimeCard(
        figures=row,
        cells=[
            (window, row.counts[window.key], row.counts[window.before_key], row.changes[window.key])
            for window in windows
        ],
    )


def _series_by_type(
    scope: analysis.Scope, first: datetime.date, last: datetime.date
) -> dict[str, list[tuple[datetime.date, int]]]:
    """Every crime type's monthly series in one query."""
    totals = {
        (crime_type, month): n
        for crime_type, month, n in scope.counts()
        .filter(month__range=(first, last))
        .values_list("crime_type", "month")
        .annotate(total=Sum("count"))
        .order_by()
    }
    months = analysis.months_between(first, last)
    return {
        crime_type: [(month, totals.get((crime_type, month), 0)) for month in months]
        for crime_type in CrimeType.values
    }


def _data_quality(
    scope: analysis.Scope, first: datetime.date, last: datetime.date, loaded: set
) -> DataQuality:
    """Months not loaded, repeated Crime IDs (the imports' notes) and "No Location" records,
    for the forces' files over the months the charts cover."""
    held = LoadedMonth.objects.filter(month__range=(first, last))
    if scope.forces:
        held = held.filter(force__in=scope.forces)
    prefixes = {f"{month:%Y-%m}, {force}:" for force, month in held.values_list("force", "month")}
    notes = sorted(
        {
            note
            for import_notes in held.values_list("crime_import__notes", flat=True)
            for note in import_notes or []
            if any(note.startswith(prefix) for prefix in prefixes)
        }
    )
    repeated = sum(int(found.group(1)) for note in notes if (found := REPEATED_IDS.search(note)))
    counts = CrimeCount.objects.filter(month__range=(first, last), lsoa_code="")
    if scope.forces:
        counts = counts.filter(force__in=scope.forces)
    return DataQuality(
        first=first,
        last=last,
        missing_months=[m for m in analysis.months_between(first, last) if m not in loaded],
        notes=notes,
        repeated_ids=repeated,
        no_location=counts.aggregate(total=Sum("count"))["total"] or 0,
        area_has_lsoas=scope.lsoa_codes is not None,
    )


def assessment(
    *,
    area: Area,
    month: datetime.date | None = None,
    period: ReportPeriod | None = None,
    sub_area: SubArea | None = None,
) -> Assessment:
    """The strategic assessment of `area` (or its `sub_area`) for `period`, or for the 12
    months to `month`. The headline windows end with the period's last month; hotspots,
    locations and outcomes cover the period; the charts the 24 months to its last month."""
    if period is None:
        period = twelve_months_to(month)
    month = period.last
    scope = analysis.scope_for_area(area, sub_area)
    place = scope.label
    summary = analysis.summary(scope=scope, month=month)
    windows = summary.windows
    rows = {row.crime_type: row for row in summary.rows}
    first = analysis.add_months(month, 1 - CHART_MONTHS)
    year_start = period.first
    series = _series_by_type(scope, first, month)

    cards = []
    no_records = []
    for crime_type in CrimeType.values:
        points = series[crime_type]
        if not any(n for _, n in points):
            no_records.append(crime_type)
            continue
        card = _card(rows[crime_type], windows)
        card.series = points
        card.chart = charts.series_chart(
            title=f"{crime_type}, {place}, by month",
            description=f"Records per month from {first:%B %Y} to {month:%B %Y}; "
            "months not loaded are left blank.",
            labels=[f"{m:%b %y}" for m, _ in points],
            values=[n if m in summary.loaded else None for m, n in points],
            chart_id=f"chart-{len(cards)}",
            width=560,
            height=220,
        )
        cards.append(card)
    hotspots, hotspot_total, no_location = analysis.top_lsoas(
        scope=scope, crime_type=analysis.ALL, first=year_start, last=month, limit=HOTSPOT_LIMIT
    )
    locations = analysis.top_locations(
        scope=scope, crime_type=analysis.ALL, first=year_start, last=month, limit=HOTSPOT_LIMIT
    )
    outcomes, charged = analysis.outcome_shares(
        scope=scope, crime_type=analysis.ALL_CRIME, first=year_start, last=month
    )
    return Assessment(
        area=area,
        sub_area=sub_area,
        period=period,
        summary=summary,
        headlines=[
            _card(rows[key], windows) for key in (analysis.ALL, analysis.ALL_CRIME, analysis.ASB)
        ],
        cards=cards,
        no_records=no_records,
        hotspots=hotspots,
        hotspot_total=hotspot_total,
        hotspot_no_location=no_location,
        locations=locations,
        outcomes=outcomes,
        charged=charged,
        quality=_data_quality(scope, first, month, summary.loaded),
        map=maps.choropleth(
            scope=scope,
            first=year_start,
            last=month,
            title=f"All records by MSOA, {place}, {period.label}",
        ),
    )


def assessment_pdf(*, report: Assessment, today: datetime.date) -> bytes:
    """The report as an A4 PDF (charts are inline SVG)."""
    html = render_to_string(
        "crime/pdf/assessment.html", {"report": report, "generated_on": today, "pdf": True}
    )
    return html_to_pdf(html).write_pdf()


def assessment_paper(
    *,
    area: Area,
    today: datetime.date,
    month: datetime.date | None = None,
    period: ReportPeriod | None = None,
    sub_area: SubArea | None = None,
) -> GeneratedPaper:
    report = assessment(area=area, month=month, period=period, sub_area=sub_area)
    return GeneratedPaper(
        title=report.title,
        file_name=report.file_name,
        pdf=assessment_pdf(report=report, today=today),
    )
