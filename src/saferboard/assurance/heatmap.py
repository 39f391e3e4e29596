"""The assurance heat map as SVG drawn on the server, for the partnership view and the
summary paper: standards down the side, organisations across the top, one cell per latest
submitted rating.

Colour is never the only signal: every cell shows its level's code as text and carries a
<title> naming the organisation, the standard and the level, and pages put the same data in
a real table beside it (overview.HeatMap feeds both). Cell colours are the GOV.UK tag colours
the report uses for the same level (report.level_tag), with text that passes contrast on them.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from saferboard.assurance.overview import NOT_ASKED, NOT_SUBMITTED, HeatMap

# tag colour class -> (fill, text colour): the GOV.UK tag palette.
CELL_COLOURS = {
    "govuk-tag--green": ("#cce2d8", "#005a30"),
    "govuk-tag--orange": ("#fcd6c3", "#6e3619"),
    "govuk-tag--red": ("#f4cdc6", "#942514"),
    "govuk-tag--grey": ("#e5e6e7", "#0c2d4a"),
}
EMPTY_COLOURS = ("#ffffff", "#505a5f")
TEXT_COLOUR = "#0b0c0c"
LINE_COLOUR = "#b1b4b6"

LABEL_WIDTH = 320
CELL_WIDTH = 76
CELL_HEIGHT = 26
HEADER_HEIGHT = 150
SECTION_HEIGHT = 26
TITLE_LENGTH = 44


def _shorten(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def heat_map_svg(heat: HeatMap, *, chart_id: str = "heat-map") -> SafeString:
    """The heat map as an accessible SVG (see the module docstring)."""
    columns = max(len(heat.organisations), 1)
    width = LABEL_WIDTH + columns * CELL_WIDTH + 8
    height = HEADER_HEIGHT + sum(
        SECTION_HEIGHT + len(part.rows) * CELL_HEIGHT for part in heat.sections
    )
    title = f"Heat map of latest submitted ratings: {heat.framework}"
    description = (
        f"{len(heat.rows)} standards down the side and {len(heat.organisations)} organisations "
        "across the top. Each cell shows the organisation's rating of the standard in its "
        "latest submission. The same ratings are in the table that follows."
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sb-heat-map" role="img" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="Arial, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, organisation in enumerate(heat.organisations):
        x = LABEL_WIDTH + index * CELL_WIDTH + CELL_WIDTH / 2
        y = HEADER_HEIGHT - 8
        parts.append(
            f'<text x="{x:.0f}" y="{y}" transform="rotate(-40 {x:.0f} {y})" '
            f'fill="{TEXT_COLOUR}"><title>{escape(organisation.name)}</title>'
            f"{escape(_shorten(organisation.name, 26))}</text>"
        )
    y = HEADER_HEIGHT
    for part in heat.sections:
        parts.append(
            f'<text x="4" y="{y + SECTION_HEIGHT - 8}" font-weight="bold" '
            f'fill="{TEXT_COLOUR}">{escape(_shorten(str(part.section), 60))}</text>'
        )
        y += SECTION_HEIGHT
        for row in part.rows:
            standard = row.standard
            parts.append(
                f'<text x="12" y="{y + CELL_HEIGHT - 9}" fill="{TEXT_COLOUR}">'
                f"<title>{escape(str(standard))}</title>"
                f"{escape(standard.number)} {escape(_shorten(standard.title, TITLE_LENGTH))}"
                "</text>"
            )
            for index, cell in enumerate(row.cells):
                parts.append(_cell(cell, x=LABEL_WIDTH + index * CELL_WIDTH, y=y))
            y += CELL_HEIGHT
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)


def _cell(cell, *, x: int, y: int) -> str:
    if cell.state in (NOT_SUBMITTED, NOT_ASKED) or cell.level is None:
        fill, ink = EMPTY_COLOURS
    else:
        fill, ink = CELL_COLOURS.get(cell.tag, CELL_COLOURS["govuk-tag--grey"])
    label = f"{cell.organisation.name}, standard {cell.standard.number}: {cell.text}"
    return (
        f'<g class="sb-heat-cell"><title>{escape(label)}</title>'
        f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_WIDTH - 2}" height="{CELL_HEIGHT - 2}" '
        f'fill="{fill}" stroke="{LINE_COLOUR}"/>'
        f'<text x="{x + CELL_WIDTH / 2:.0f}" y="{y + CELL_HEIGHT - 9}" text-anchor="middle" '
        f'fill="{ink}">{escape(_shorten(cell.short, 10))}</text></g>'
    )
