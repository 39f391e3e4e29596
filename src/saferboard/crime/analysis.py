"""What crime is doing in an area: monthly series, this month against last year, financial
year to date and rolling 12 months against the 12 before, outcome shares and hotspots.

Everything here reads the monthly counts (`CrimeCount`), a table of a few thousand rows per
force-year, never the records, except `top_locations`: street names are not in the counts.
Windows come from performance.periods, so "financial year to date" means the same thing
here as on the performance dashboard. Percentages are None where the base is 0; pages word
small numbers as counts ("up from 1 to 3") with performance.rag.direction.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum

from saferboard.crime import geography
from saferboard.crime.models import Area, CrimeCount, CrimeRecord, CrimeType, LoadedMonth, SubArea
from saferboard.performance import periods
from saferboard.performance.models import Polarity
from saferboard.performance.rag import Direction, direction

ALL = "all"
ALL_CRIME = "all-crime"
TOTALS = {ALL: "All crime and anti-social behaviour", ALL_CRIME: "All crime (without ASB)"}
ASB = CrimeType.ANTI_SOCIAL_BEHAVIOUR.value
# Last outcomes that mean a suspect was charged or summonsed (whatever the court decided).
CHARGE_OR_SUMMONS = frozenset(
    {
        "Awaiting court outcome",
        "Court result unavailable",
        "Court case unable to proceed",
        "Defendant found not guilty",
        "Defendant sent to Crown Court",
        "Offender sent to prison",
        "Offender given suspended prison sentence",
        "Offender given community sentence",
        "Offender fined",
        "Offender given conditional discharge",
        "Offender given absolute discharge",
        "Offender deprived of property",
        "Offender ordered to pay compensation",
        "Offender otherwise dealt with",
        "Suspect charged as part of another case",
    }
)
NO_OUTCOME = "No outcome recorded"


@dataclass(frozen=True)
class Scope:
    """Which records a figure counts: those falling within `forces` (empty: any force) and
    lying in `lsoa_codes` (None: anywhere, including records with no location)."""

    label: str
    forces: tuple[str, ...] = ()
    lsoa_codes: tuple[str, ...] | None = None

    def counts(self) -> QuerySet[CrimeCount]:
        return self._filter(CrimeCount.objects.all())

    def records(self) -> QuerySet[CrimeRecord]:
        return self._filter(CrimeRecord.objects.all())

    def _filter(self, queryset):
        if self.forces:
            queryset = queryset.filter(force__in=self.forces)
        if self.lsoa_codes is not None:
            queryset = queryset.filter(lsoa_code__in=self.lsoa_codes)
        return queryset


def scope_for_force(name: str) -> Scope:
    return Scope(label=name, forces=(name,))


def scope_for_area(area: Area, sub_area: SubArea | None = None) -> Scope:
    lsoas = tuple(area.lsoa_codes) if area.lsoa_codes else None
    if sub_area is not None:
        wanted = set(sub_area.lsoa_codes)
        lsoas = tuple(sorted(wanted if lsoas is None else wanted & set(lsoas)))
        return Scope(
            label=f"{area.name}: {sub_area.name}", forces=tuple(area.forces), lsoa_codes=lsoas
        )
    return Scope(label=area.name, forces=tuple(area.forces), lsoa_codes=lsoas)


def crime_type_for(text: str) -> str:
    """A crime type as someone types it ("burglary", "anti-social-behaviour", "all",
    "all-crime") -> the stored name or ALL / ALL_CRIME. ValueError says what is accepted."""
    cleaned = " ".join(text.strip().lower().replace("-", " ").replace("_", " ").split())
    for special in (ALL, ALL_CRIME):
        if cleaned == special.replace("-", " "):
            return special
    for value in CrimeType.values:
        if cleaned == value.lower().replace("-", " "):
            return value
    raise ValueError(
        f"“{text}” is not a crime type. Use all, all-crime (without anti-social behaviour) "
        f"or one of: {', '.join(CrimeType.values)}."
    )


def of_type(queryset, crime_type: str):
    """`queryset` of counts or records narrowed to a crime type, ALL or ALL_CRIME."""
    if crime_type == ALL:
        return queryset
    if crime_type == ALL_CRIME:
        return queryset.exclude(crime_type=ASB)
    return queryset.filter(crime_type=crime_type)


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def months_between(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def parse_month(text: str) -> datetime.date:
    """ "2021-03" -> 1 March 2021; ValueError with a plain message otherwise."""
    period = periods.parse_period(text)
    if period.kind != periods.MONTH:
        raise ValueError(f"“{text}” is not a month; write it as YYYY-MM, for example 2021-03.")
    return period.start


def monthly_series(
    *, scope: Scope, crime_type: str, first: datetime.date, last: datetime.date
) -> list[tuple[datetime.date, int]]:
    """(month, count) for every month from `first` to `last`, 0 where nothing was recorded."""
    totals = dict(
        of_type(scope.counts(), crime_type)
        .filter(month__range=(month_start(first), last))
        .values_list("month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return [(month, totals.get(month, 0)) for month in months_between(first, last)]


def loaded_months(*, scope: Scope) -> list[datetime.date]:
    """Months loaded for every force of the scope (any force, for a scope naming none)."""
    rows = LoadedMonth.objects.all()
    if scope.forces:
        rows = rows.filter(force__in=scope.forces)
    by_month: dict[datetime.date, set[str]] = {}
    for force, month in rows.values_list("force", "month"):
        by_month.setdefault(month, set()).add(force)
    needed = set(scope.forces)
    return sorted(month for month, forces in by_month.items() if needed <= forces)


def percent_change(now: int, before: int) -> float | None:
    """The % change from `before` to `now`, to one decimal place; None where `before` is 0."""
    if not before:
        return None
    return round((now - before) / before * 100, 1)


@dataclass(frozen=True)
class Window:
    """One comparison window: the period now and the one it is compared with."""

    key: str  # this_month, fytd, rolling_12
    now: periods.Period
    before: periods.Period
    before_key: str  # same_month_last_year, previous_fytd, previous_rolling_12


def windows_for(month: datetime.date) -> list[Window]:
    this = periods.month_of(month)
    year_to_date = periods.fytd(month)
    rolling = periods.rolling_12_months(month)
    return [
        Window("this_month", this, periods.same_period_last_year(this), "same_month_last_year"),
        Window("fytd", year_to_date, periods.same_period_last_year(year_to_date), "previous_fytd"),
        Window(
            "rolling_12", rolling, periods.same_period_last_year(rolling), "previous_rolling_12"
        ),
    ]


@dataclass
class TypeFigures:
    """One crime type's (or total's) counts in each window, and the changes."""

    crime_type: str
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    changes: dict[str, Direction] = field(default_factory=dict)

    def as_json(self, windows: list[Window]) -> dict:
        shown: dict = {"type": self.crime_type}
        for window in windows:
            now, before = self.counts[window.key], self.counts[window.before_key]
            shown[window.key] = now
            shown[window.before_key] = before
            shown[f"{window.key}_change_pct"] = percent_change(now, before)
        return shown


@dataclass
class Summary:
    scope: Scope
    month: datetime.date
    windows: list[Window]
    rows: list[TypeFigures]
    loaded: set[datetime.date]

    def complete(self, period: periods.Period) -> bool:
        """Whether every month of the period is loaded (else its count is too low)."""
        return all(month in self.loaded for month in months_between(period.start, period.end))

    def as_json(self) -> dict:
        shown_periods = {}
        for window in self.windows:
            for key, period in ((window.key, window.now), (window.before_key, window.before)):
                shown_periods[key] = {
                    "from": f"{period.start:%Y-%m}",
                    "to": f"{period.end:%Y-%m}",
                    "label": period.label,
                    "complete": self.complete(period),
                }
        return {
            "area": self.scope.label,
            "month": f"{self.month:%Y-%m}",
            "periods": shown_periods,
            "crime_types": [row.as_json(self.windows) for row in self.rows],
        }


def summary(*, scope: Scope, month: datetime.date) -> Summary:
    """Every crime type, all crime and all crime with ASB, for the month ending each window."""
    month = month_start(month)
    windows = windows_for(month)
    first = min(window.before.start for window in windows)
    by_type_month: dict[tuple[str, datetime.date], int] = {
        (crime_type, counted): total
        for crime_type, counted, total in scope.counts()
        .filter(month__range=(first, month))
        .values_list("crime_type", "month")
        .annotate(total=Sum("count"))
        .order_by()
    }

    def total(types: set[str], period: periods.Period) -> int:
        return sum(
            n
            for (crime_type, counted), n in by_type_month.items()
            if crime_type in types and period.start <= counted <= period.end
        )

    groups = [(value, value, {value}) for value in CrimeType.values]
    groups.append((ALL_CRIME, TOTALS[ALL_CRIME], set(CrimeType.values) - {ASB}))
    groups.append((ALL, TOTALS[ALL], set(CrimeType.values)))
    rows = []
    for key, label, types in groups:
        row = TypeFigures(crime_type=key, label=label)
        for window in windows:
            row.counts[window.key] = total(types, window.now)
            row.counts[window.before_key] = total(types, window.before)
            row.changes[window.key] = direction(
                value=row.counts[window.key],
                previous=row.counts[window.before_key],
                polarity=Polarity.LOWER_IS_BETTER,
                against=window.before.label,
            )
        rows.append(row)
    return Summary(
        scope=scope, month=month, windows=windows, rows=rows, loaded=set(loaded_months(scope=scope))
    )


@dataclass(frozen=True)
class Share:
    name: str
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if not self.total else round(self.count / self.total * 100, 1)


def outcome_shares(
    *, scope: Scope, crime_type: str, first: datetime.date, last: datetime.date
) -> tuple[list[Share], Share]:
    """Each last outcome's share of the records, largest first, and the share charged or
    summonsed. Anti-social behaviour has no outcomes: use ALL_CRIME for crime outcomes."""
    rows = (
        of_type(scope.counts(), crime_type)
        .filter(month__range=(month_start(first), last))
        .values_list("outcome")
        .annotate(total=Sum("count"))
        .order_by()
    )
    counted = {outcome or NO_OUTCOME: n for outcome, n in rows}
    total = sum(counted.values())
    shares = sorted(
        (Share(name, n, total) for name, n in counted.items()), key=lambda s: (-s.count, s.name)
    )
    charged = sum(n for name, n in counted.items() if name in CHARGE_OR_SUMMONS)
    return shares, Share("Charged or summonsed", charged, total)


@dataclass(frozen=True)
class Hotspot:
    code: str
    name: str
    count: int
    total: int
    population: int | None

    @property
    def percent(self) -> float | None:
        return None if not self.total else round(self.count / self.total * 100, 1)

    @property
    def rate_per_1000(self) -> float | None:
        return None if not self.population else round(self.count / self.population * 1000, 1)

    @property
    def small_resident_population(self) -> bool:
        """Rates per resident mislead here (see geography.SMALL_RESIDENT_POPULATION)."""
        return geography.has_small_resident_population(self.code)


def top_lsoas(
    *,
    scope: Scope,
    crime_type: str,
    first: datetime.date,
    last: datetime.date,
    limit: int = 10,
) -> tuple[list[Hotspot], int, int]:
    """The LSOAs with most records, with their share of the scope's total and the rate per
    1,000 residents; also the total and how many records have no location (not in any
    LSOA, so in the total but never a hotspot)."""
    counts = of_type(scope.counts(), crime_type).filter(month__range=(month_start(first), last))
    total = counts.aggregate(total=Sum("count"))["total"] or 0
    no_location = counts.filter(lsoa_code="").aggregate(total=Sum("count"))["total"] or 0
    top = (
        counts.exclude(lsoa_code="")
        .values_list("lsoa_code", "lsoa_name")
        .annotate(total=Sum("count"))
        .order_by("-total", "lsoa_code")[:limit]
    )
    population = geography.lsoas()
    hotspots = [
        Hotspot(
            code=code,
            name=name,
            count=n,
            total=total,
            population=population[code].population if code in population else None,
        )
        for code, name, n in top
    ]
    return hotspots, total, no_location


def top_locations(
    *,
    scope: Scope,
    crime_type: str,
    first: datetime.date,
    last: datetime.date,
    limit: int = 10,
) -> list[Share]:
    """The snap points ("On or near ...") with most records. Reads the records, not the
    counts (locations are not counted), through the force and month index."""
    records = of_type(scope.records(), crime_type).filter(month__range=(month_start(first), last))
    total = records.count()
    top = (
        records.exclude(Q(location="") | Q(lsoa_code=""))
        .values_list("location")
        .annotate(total=Count("id"))
        .order_by("-total", "location")[:limit]
    )
    return [Share(location, n, total) for location, n in top]
