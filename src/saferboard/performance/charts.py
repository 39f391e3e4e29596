"""Charts as SVG drawn on the server, so they work in pages, PDFs and without JavaScript.

Each chart has a <title> and <desc> for screen readers; pages put a data table beside
it as the alternative. Lines differ by dash pattern and marker as well as colour.
"""

import math
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from saferboard.performance.rag import number

# GOV.UK colours: blue for the values, black for the target, then comparators.
VALUE_COLOUR = "#1d70b8"
TARGET_COLOUR = "#0b0c0c"
COMPARATOR_STYLES = [
    ("#d4351c", "6 3"),
    ("#912b88", "2 3"),
    ("#00703c", "8 3 2 3"),
    ("#f47738", "4 4"),
]


def _nice_step(span: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks."""
    if span <= 0:
        return 1.0
    raw = span / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    for multiple in (1, 2, 2.5, 5):
        if raw <= multiple * magnitude:
            return multiple * magnitude
    return 10 * magnitude


def _scale(values: list[float]):
    low = min([0.0, *values])
    high = max([1.0, *values])
    step = _nice_step(high - low)
    top = step * (int(high / step) + (0 if high % step == 0 and high > 0 else 1))
    bottom = 0.0 if low >= 0 else -step * (int(-low / step) + 1)
    ticks = []
    tick = bottom
    while tick <= top + step / 1000:
        ticks.append(round(tick, 6))
        tick += step
    return bottom, top, ticks


def series_chart(
    *,
    title: str,
    description: str,
    labels: list[str],
    values: list,
    target=None,
    comparators: list[tuple[str, list]] | None = None,
    chart_id: str = "chart",
    width: int = 640,
    height: int = 300,
) -> SafeString:
    """A line chart of `values` (None leaves a gap) over `labels`, with an optional target
    line and comparator lines (name, values aligned with labels)."""
    comparators = comparators or []
    numbers = [float(v) for v in values if v is not None]
    numbers += [float(v) for _, series in comparators for v in series if v is not None]
    if target is not None:
        numbers.append(float(target))
    bottom, top, ticks = _scale(numbers)
    left, right, upper, lower = 64, 40, 16, 64  # room for half the last period label
    legend_rows = 1 + (target is not None) + len(comparators)
    plot_height = height - upper - lower
    full_height = height + legend_rows * 20
    plot_width = width - left - right
    count = max(len(labels), 1)

    def x(index: int) -> float:
        if count == 1:
            return left + plot_width / 2
        return left + index * plot_width / (count - 1)

    def y(value) -> float:
        return upper + plot_height * (1 - (float(value) - bottom) / ((top - bottom) or 1))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img" '
        f'viewBox="0 0 {width} {full_height}" width="{width}" height="{full_height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<g font-family="Arial, sans-serif" font-size="12" fill="#0b0c0c">',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            'stroke="#b1b4b6" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{escape(number(Decimal(str(tick))))}</text>"
        )
    every = max(1, (count + 7) // 8)
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            parts.append(
                f'<text x="{x(index):.1f}" y="{upper + plot_height + 18}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    if target is not None:
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(target):.1f}" y2="{y(target):.1f}" '
            f'stroke="{TARGET_COLOUR}" stroke-width="2" stroke-dasharray="10 5"/>'
        )
    for position, (_name, series) in enumerate(comparators):
        colour, dashes = COMPARATOR_STYLES[position % len(COMPARATOR_STYLES)]
        parts.append(_line(series, x, y, colour, dashes, marker="square"))
    parts.append(_line(values, x, y, VALUE_COLOUR, "", marker="circle"))
    legend_y = height - 8
    legend = [("Value", VALUE_COLOUR, "")]
    if target is not None:
        legend.append((f"Target ({number(target)})", TARGET_COLOUR, "10 5"))
    for position, (name, _) in enumerate(comparators):
        colour, dashes = COMPARATOR_STYLES[position % len(COMPARATOR_STYLES)]
        legend.append((name, colour, dashes))
    for row, (name, colour, dashes) in enumerate(legend):
        top_of_row = legend_y + row * 20
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        parts.append(
            f'<line x1="{left}" x2="{left + 32}" y1="{top_of_row}" y2="{top_of_row}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>'
            f'<text x="{left + 40}" y="{top_of_row + 4}">{escape(name)}</text>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def _line(values, x, y, colour: str, dashes: str, *, marker: str) -> str:
    """A polyline per unbroken run of values, with a marker at every point."""
    runs, run = [], []
    for index, value in enumerate(values):
        if value is None:
            if run:
                runs.append(run)
            run = []
        else:
            run.append((x(index), y(value)))
    if run:
        runs.append(run)
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    parts = []
    for points in runs:
        if len(points) > 1:
            joined = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(
                f'<polyline points="{joined}" fill="none" stroke="{colour}" '
                f'stroke-width="2"{dash}/>'
            )
        for px, py in points:
            if marker == "circle":
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>')
            elif marker == "square":
                parts.append(
                    f'<rect x="{px - 3:.1f}" y="{py - 3:.1f}" width="6" height="6" '
                    f'fill="{colour}"/>'
                )
    return "".join(parts)


def sparkline(values: list, *, title: str, width: int = 120, height: int = 32) -> SafeString:
    """A small trend line of the latest values (None leaves a gap), the last point marked."""
    numbers = [float(v) for v in values if v is not None]
    if len(numbers) < 2:
        return mark_safe("")
    low, high = min(numbers), max(numbers)
    span = (high - low) or 1.0
    count = len(values)

    def x(index):
        return 2 + index * (width - 4) / (count - 1)

    def y(value):
        return height - 3 - (float(value) - low) / span * (height - 6)

    last = next(
        (index, value) for index, value in reversed(list(enumerate(values))) if value is not None
    )
    return mark_safe(  # noqa: S308 (the title is escaped)
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-sparkline" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{escape(title)}</title>{_line(values, x, y, VALUE_COLOUR, '', marker='')}"
        f'<circle cx="{x(last[0]):.1f}" cy="{y(last[1]):.1f}" r="3" fill="{VALUE_COLOUR}"/></svg>'
    )
