"""Funding charts as server-drawn SVG (the style of performance/charts.py): a fund's balance
over time as steps, and horizontal bars of money by group. Each has a <title> and <desc>, and
the pages put a table beside it as the alternative; the two lines differ by dash and marker
as well as colour."""

import datetime
import math
from decimal import Decimal
from html import escape

from django.utils.safestring import SafeString, mark_safe

from saferboard.funding.ledger import pounds
from saferboard.performance.charts import TARGET_COLOUR, VALUE_COLOUR

AVAILABLE_COLOUR = "#00703c"


def _ticks(high: float) -> tuple[float, list[float]]:
    """A top of scale at or above `high` and about five round ticks from 0 up to it."""
    high = max(high, 1.0)
    raw = high / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next((m * magnitude for m in (1, 2, 2.5, 5) if raw <= m * magnitude), 10 * magnitude)
    top = step * math.ceil(high / step)
    return top, [step * i for i in range(int(round(top / step)) + 1)]


def _short_pounds(value: float) -> str:
    if value >= 1_000_000:
        return f"£{value / 1_000_000:g}m"
    if value >= 1000:
        return f"£{value / 1000:g}k"
    return f"£{value:g}"


def balance_chart(
    *,
    points: list[tuple[datetime.date, Decimal, Decimal]],
    title: str,
    chart_id: str = "balance-chart",
    width: int = 640,
    height: int = 280,
) -> SafeString:
    """Cash held and available to award (date, cash, available), as steps: a balance holds
    until the next entry. Dates are placed in proportion to time."""
    if not points:
        return mark_safe("")
    left, right, upper, lower = 72, 24, 16, 40
    plot_width, plot_height = width - left - right, height - upper - lower
    first, last = points[0][0], points[-1][0]
    days = max((last - first).days, 1)
    low = min(0.0, *(float(v) for _, cash, available in points for v in (cash, available)))
    top, ticks = _ticks(max(float(v) for _, cash, available in points for v in (cash, available)))
    bottom = min(low, 0.0)

    def x(on: datetime.date) -> float:
        if first == last:
            return left + plot_width / 2
        return left + (on - first).days / days * plot_width

    def y(value) -> float:
        return upper + plot_height * (1 - (float(value) - bottom) / ((top - bottom) or 1))

    description = (
        f"From {first:%-d %B %Y} to {last:%-d %B %Y}: cash held went from "
        f"{pounds(points[0][1])} to {pounds(points[-1][1])}, available to award from "
        f"{pounds(points[0][2])} to {pounds(points[-1][2])}. The table below has every figure."
    )
    full_height = height + 44
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
            f"{escape(_short_pounds(tick))}</text>"
        )
    for on, anchor in ((first, "start"), (last, "end")):
        if on == last and first == last:
            anchor = "middle"
        parts.append(
            f'<text x="{x(on):.1f}" y="{upper + plot_height + 18}" text-anchor="{anchor}">'
            f"{escape(f'{on:%-d %b %Y}')}</text>"
        )
        if first == last:
            break
    series = [
        ("Cash held", VALUE_COLOUR, "", 1, "circle"),
        ("Available to award", AVAILABLE_COLOUR, "6 3", 2, "square"),
    ]
    for _name, colour, dashes, index, marker in series:
        steps = []
        for position, point in enumerate(points):
            if position:
                steps.append((x(point[0]), y(points[position - 1][index])))
            steps.append((x(point[0]), y(point[index])))
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        if len(steps) > 1:
            joined = " ".join(f"{px:.1f},{py:.1f}" for px, py in steps)
            parts.append(
                f'<polyline points="{joined}" fill="none" stroke="{colour}" stroke-width="2"'
                f"{dash}/>"
            )
        for point in points:
            px, py = x(point[0]), y(point[index])
            if marker == "circle":
                parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="{colour}"/>')
            else:
                parts.append(
                    f'<rect x="{px - 3:.1f}" y="{py - 3:.1f}" width="6" height="6" '
                    f'fill="{colour}"/>'
                )
    for row, (name, colour, dashes, _, _) in enumerate(series):
        top_of_row = height + 8 + row * 20
        dash = f' stroke-dasharray="{dashes}"' if dashes else ""
        parts.append(
            f'<line x1="{left}" x2="{left + 32}" y1="{top_of_row}" y2="{top_of_row}" '
            f'stroke="{colour}" stroke-width="3"{dash}/>'
            f'<text x="{left + 40}" y="{top_of_row + 4}">{escape(name)}</text>'
        )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def bar_chart(
    *, rows: list[tuple[str, Decimal]], title: str, chart_id: str, width: int = 640
) -> SafeString:
    """Horizontal bars of money, one per (label, amount), labelled with the amount."""
    if not rows:
        return mark_safe("")
    label_width, bar_left, right, bar_height, gap = 220, 228, 110, 20, 10
    height = len(rows) * (bar_height + gap) + gap
    top = max(float(amount) for _, amount in rows) or 1.0
    span = width - bar_left - right
    description = "; ".join(f"{label}: {pounds(amount)}" for label, amount in rows)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<g font-family="Arial, sans-serif" font-size="12" fill="#0b0c0c">',
    ]
    for index, (label, amount) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = max(float(amount) / top * span, 1.0)
        short = label if len(label) <= 34 else label[:33] + "…"
        parts.append(
            f'<text x="{label_width}" y="{y + 14}" text-anchor="end">{escape(short)}</text>'
            f'<rect x="{bar_left}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{VALUE_COLOUR}"/>'
            f'<text x="{bar_left + length + 6:.1f}" y="{y + 14}">{escape(pounds(amount))}</text>'
        )
    parts.append(
        f'<line x1="{bar_left}" x2="{bar_left}" y1="0" y2="{height}" stroke="{TARGET_COLOUR}"/>'
    )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
