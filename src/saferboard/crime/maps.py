"""Choropleth maps of crime by MSOA, drawn on the server as SVG from the ONS boundary files,
so they work in pages, PDFs and without JavaScript.

Counts come from CrimeCount in one query grouped by LSOA, then go to MSOAs through the ONS
LSOA to MSOA (2011) lookup: LSOA boundaries are not shipped, so the map is by MSOA. The
boundary files cover London only; records in an LSOA outside London are counted but not
drawn, and an area with none in London has no map. Like the charts, the SVG has a <title>
and <desc>, and `Choropleth.rows` is the table that pages show as its text alternative.
"""

import datetime
import functools
import io
import math
from collections import Counter
from dataclasses import dataclass
from html import escape
from importlib import resources
from typing import NamedTuple

import shapefile
from django.db.models import Sum
from django.utils.safestring import SafeString, mark_safe

from saferboard.crime import analysis, geography

BOUNDARY_FILES = "data/geography/london-msoa-2011/MSOA_2011_London_gen_MHW"
BOUNDARY_SOURCE = (
    "MSOA 2011 boundaries: ONS and London Datastore. Contains National Statistics data and "
    "OS data © Crown copyright and database right."
)
CLASSES = 5
# A single-hue sequential blue (ColorBrewer "Blues" without its palest step, so the lowest
# class stands apart from the grey context). Lightness alone orders the classes, which
# holds for every kind of colour blindness; outlines and the table carry the rest.
PALETTE = ("#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
OUTLINE = "#0b0c0c"
CONTEXT_FILL = "#f3f2f1"
CONTEXT_STROKE = "#b1b4b6"
TEXT = "#0b0c0c"
# Room around the MSOAs with records, as a share of the larger side, for their neighbours.
MARGIN = 0.12
MINIMUM_MARGIN_METRES = 600
# Points closer than this (in SVG pixels) to the last one kept add nothing visible; it
# keeps a map of all London's MSOAs near 650 KB.
SIMPLIFY_PIXELS = 0.75
# Outlines thin out on a map of many MSOAs, so their colours still show.
MANY_MSOAS = 100
LEGEND_ROW = 22


@dataclass(frozen=True)
class Msoa:
    """One MSOA of the boundary file: its rings (outer boundaries and holes alike) in
    British National Grid metres."""

    code: str
    name: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    rings: tuple[tuple[tuple[float, float], ...], ...]


@functools.cache
def london_msoas() -> dict[str, Msoa]:
    """London's 983 MSOAs by code, read once per process."""
    folder = resources.files("saferboard.crime")

    def opened(extension: str) -> io.BytesIO:
        return io.BytesIO(folder.joinpath(f"{BOUNDARY_FILES}.{extension}").read_bytes())

    found = {}
    with shapefile.Reader(shp=opened("shp"), shx=opened("shx"), dbf=opened("dbf")) as reader:
        for item in reader.iterShapeRecords():
            shape, record = item.shape, item.record
            starts = [*shape.parts, len(shape.points)]
            rings = tuple(
                tuple((float(x), float(y)) for x, y in shape.points[start:end])
                for start, end in zip(starts, starts[1:], strict=False)
            )
            found[record["MSOA11CD"]] = Msoa(
                code=record["MSOA11CD"],
                name=record["MSOA11NM"],
                bbox=tuple(float(value) for value in shape.bbox),
                rings=rings,
            )
    return found


class MapRow(NamedTuple):
    """One MSOA on the map: its records and their share of the area's total."""

    code: str
    name: str
    count: int
    percent: float


@dataclass(frozen=True)
class MapClass:
    """A colour of the map: the MSOAs with from `low` to `high` records."""

    low: int
    high: int
    colour: str
    msoas: int

    @property
    def label(self) -> str:
        if self.low == self.high:
            return f"{self.low:,} record{'' if self.low == 1 else 's'}"
        return f"{self.low:,} to {self.high:,} records"

    def holds(self, count: int) -> bool:
        return self.low <= count <= self.high


@dataclass(frozen=True)
class Choropleth:
    title: str
    scope_label: str
    crime_type: str
    first: datetime.date
    last: datetime.date
    svg: SafeString
    classes: list[MapClass]
    rows: list[MapRow]  # most records first
    total: int  # every record of the area, type and months
    no_location: int  # records with no LSOA: in the total, not on the map
    outside: int  # records in an LSOA with no MSOA in the boundary file (outside London)

    @property
    def on_map(self) -> int:
        return sum(row.count for row in self.rows)

    @property
    def crime_type_label(self) -> str:
        return analysis.TOTALS.get(self.crime_type, self.crime_type)

    @property
    def period_label(self) -> str:
        if (self.first.year, self.first.month) == (self.last.year, self.last.month):
            return f"{self.first:%B %Y}"
        return f"{self.first:%B %Y} to {self.last:%B %Y}"

    @property
    def source(self) -> str:
        return BOUNDARY_SOURCE


def quantile_classes(counts: list[int], *, classes: int = CLASSES) -> list[MapClass]:
    """Up to `classes` classes holding about as many MSOAs each (quantiles), never splitting
    MSOAs with the same count: as many classes as there are different counts, up to
    `classes`. Ranges are whole numbers, in increasing order, with no gaps between counts."""
    if not counts:
        return []
    frequency = Counter(counts)
    values = sorted(frequency)
    wanted = min(classes, len(values))
    ranges: list[tuple[int, int, int]] = []
    low, taken, members = None, 0, 0
    for index, value in enumerate(values):
        low = value if low is None else low
        taken += frequency[value]
        members += frequency[value]
        still_to_make = wanted - len(ranges) - 1
        values_left = len(values) - index - 1
        # Close the class once it holds its share of MSOAs, or when each class still to
        # make needs one of the values left.
        full = taken >= len(counts) * (len(ranges) + 1) / wanted
        if (
            still_to_make
            and values_left >= still_to_make
            and (full or values_left == still_to_make)
        ):
            ranges.append((low, value, members))
            low, members = None, 0
    ranges.append((low, values[-1], members))
    if len(ranges) == 1:
        colours = [PALETTE[len(PALETTE) // 2]]
    else:
        colours = [
            PALETTE[round(position * (len(PALETTE) - 1) / (len(ranges) - 1))]
            for position in range(len(ranges))
        ]
    return [
        MapClass(low=low, high=high, colour=colour, msoas=members)
        for (low, high, members), colour in zip(ranges, colours, strict=True)
    ]


def _counts_by_lsoa(
    scope: analysis.Scope, crime_type: str, first: datetime.date, last: datetime.date
) -> dict[str, int]:
    """Records per LSOA code ("" for records with no location): one query."""
    return dict(
        analysis.of_type(scope.counts(), crime_type)
        .filter(month__range=(first, last))
        .values_list("lsoa_code")
        .annotate(total=Sum("count"))
        .order_by()
    )


def choropleth(
    *,
    scope: analysis.Scope,
    first: datetime.date,
    last: datetime.date,
    crime_type: str = analysis.ALL,
    title: str,
    map_id: str = "map",
    width: int = 560,
) -> Choropleth | None:
    """The map of the scope's records of `crime_type` from `first` to `last` by MSOA, with
    its classes and table; None where none of those records lies in a London MSOA."""
    first = analysis.month_start(first)
    by_lsoa = _counts_by_lsoa(scope, crime_type, first, last)
    lookup, shapes = geography.msoa_of_lsoa(), london_msoas()
    by_msoa: Counter[str] = Counter()
    outside = 0
    for lsoa_code, n in by_lsoa.items():
        msoa_code = lookup.get(lsoa_code)
        if msoa_code in shapes:
            by_msoa[msoa_code] += n
        elif lsoa_code:
            outside += n
    by_msoa = Counter({code: n for code, n in by_msoa.items() if n})
    if not by_msoa:
        return None
    total = sum(by_lsoa.values())
    rows = sorted(
        (
            MapRow(code, shapes[code].name, n, round(n / total * 100, 1))
            for code, n in by_msoa.items()
        ),
        key=lambda row: (-row.count, row.code),
    )
    classes = quantile_classes(list(by_msoa.values()))
    description = (
        f"Records per MSOA, {first:%B %Y} to {last:%B %Y}, in {len(classes)} "
        f"class{'es' if len(classes) > 1 else ''} from light to dark blue: "
        + "; ".join(f"{c.label} ({c.msoas} MSOA{'s' if c.msoas > 1 else ''})" for c in classes)
        + ". Neighbouring MSOAs without records are grey. The table gives every figure."
    )
    svg = _svg(
        counts=by_msoa,
        classes=classes,
        title=title,
        description=description,
        map_id=map_id,
        width=width,
    )
    return Choropleth(
        title=title,
        scope_label=scope.label,
        crime_type=crime_type,
        first=first,
        last=last,
        svg=svg,
        classes=classes,
        rows=rows,
        total=total,
        no_location=by_lsoa.get("", 0),
        outside=outside,
    )


def _frame(codes) -> tuple[float, float, float, float]:
    """The MSOAs' bounding box with a margin for their neighbours, in metres."""
    shapes = london_msoas()
    west = min(shapes[code].bbox[0] for code in codes)
    south = min(shapes[code].bbox[1] for code in codes)
    east = max(shapes[code].bbox[2] for code in codes)
    north = max(shapes[code].bbox[3] for code in codes)
    margin = max(MINIMUM_MARGIN_METRES, MARGIN * max(east - west, north - south))
    return west - margin, south - margin, east + margin, north + margin


def _path(msoa: Msoa, project) -> str:
    """The MSOA's rings as one path's data, dropping points too close to show."""
    parts = []
    for ring in msoa.rings:
        kept: list[tuple[float, float]] = []
        for point in ring:
            x, y = project(point)
            if kept and math.dist(kept[-1], (x, y)) < SIMPLIFY_PIXELS:
                continue
            kept.append((x, y))
        if len(kept) >= 3:
            parts.append("M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
    return "".join(parts)


def _svg(
    *,
    counts: Counter,
    classes: list[MapClass],
    title: str,
    description: str,
    map_id: str,
    width: int,
) -> SafeString:
    shapes = london_msoas()
    west, south, east, north = _frame(counts)
    scale = width / (east - west)
    map_height = (north - south) * scale
    if map_height > width:  # a tall frame: keep the map square at most, aspect kept
        scale = width / (north - south)
        map_height = width
    map_width = (east - west) * scale
    offset = (width - map_width) / 2

    def project(point: tuple[float, float]) -> tuple[float, float]:
        # Eastings grow rightwards as x does; northings grow upwards, SVG's y downwards.
        return offset + (point[0] - west) * scale, (north - point[1]) * scale

    legend_rows = len(classes) + 1  # the classes and the grey context
    height = math.ceil(map_height) + 12 + legend_rows * LEGEND_ROW
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-map" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'style="max-width: 100%; height: auto" '
        f'aria-labelledby="{map_id}-title {map_id}-desc">',
        f'<title id="{map_id}-title">{escape(title)}</title>',
        f'<desc id="{map_id}-desc">{escape(description)}</desc>',
        f'<defs><clipPath id="{map_id}-frame"><rect x="{offset:.1f}" y="0" '
        f'width="{map_width:.1f}" height="{map_height:.1f}"/></clipPath></defs>',
        f'<g clip-path="url(#{map_id}-frame)" stroke-linejoin="round">',
    ]
    for msoa in shapes.values():
        if msoa.code in counts:
            continue
        b = msoa.bbox
        if b[2] < west or b[0] > east or b[3] < south or b[1] > north:
            continue
        parts.append(
            f'<path class="sb-map-context" d="{_path(msoa, project)}" fill="{CONTEXT_FILL}" '
            f'stroke="{CONTEXT_STROKE}" stroke-width="0.5" fill-rule="evenodd">'
            f"<title>{escape(msoa.name)}: no records</title></path>"
        )
    outline_width = 0.75 if len(counts) <= MANY_MSOAS else 0.4
    for code, n in sorted(counts.items()):
        msoa = shapes[code]
        colour = next(c.colour for c in classes if c.holds(n))
        parts.append(
            f'<path class="sb-map-msoa" data-msoa="{code}" data-count="{n}" '
            f'd="{_path(msoa, project)}" fill="{colour}" stroke="{OUTLINE}" '
            f'stroke-width="{outline_width}" fill-rule="evenodd">'
            f"<title>{escape(msoa.name)}: {n:,} record{'' if n == 1 else 's'}</title></path>"
        )
    parts.append(
        f'</g><rect x="{offset:.1f}" y="0.5" width="{map_width:.1f}" '
        f'height="{map_height - 1:.1f}" fill="none" stroke="{CONTEXT_STROKE}"/>'
    )
    parts.append(
        f'<g class="sb-map-legend" font-family="Arial, sans-serif" font-size="13" fill="{TEXT}">'
    )
    legend = [
        (c.colour, OUTLINE, f"{c.label} ({c.msoas} MSOA{'s' if c.msoas > 1 else ''})")
        for c in classes
    ]
    legend.append((CONTEXT_FILL, CONTEXT_STROKE, "No records in the area (shown for context)"))
    top = math.ceil(map_height) + 12
    for row, (fill, stroke, text) in enumerate(legend):
        y = top + row * LEGEND_ROW
        parts.append(
            f'<rect class="sb-map-key" x="0.5" y="{y + 0.5}" width="24" height="15" '
            f'fill="{fill}" stroke="{stroke}"/>'
            f'<text x="34" y="{y + 12}">{escape(text)}</text>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
