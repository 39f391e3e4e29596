"""Rows of an outstanding-actions table ("action log", "action tracker", "outstanding references").

A table is found by its header row (tab-separated cells naming an action and an
owner, "lead" or "by"); each later row is mapped by column. The header repeated
at the top of a page is skipped, a row with no number continues the row above
(a row broken across pages), and a number seen twice is kept once.
"""

import re
from datetime import date

from saferboard.archive import dates
from saferboard.archive.people import split_owners

COLUMNS = {
    "number": re.compile(
        r"^(?:no\.?|number|ref(?:erence)?\.?(?: no\.?)?|#|id|item no\.?|action (?:no\.?|ref\.?))$",
        re.I,
    ),
    # A deadline is not the date raised; the document has no field for it, so it is left out.
    "due": re.compile(r"due|deadline|target|by when|timescale|completion date", re.I),
    "raised": re.compile(r"date|raised|meeting", re.I),
    "reference": re.compile(r"^(?:agenda )?item|subject|minute|topic", re.I),
    "action": re.compile(
        r"^(?:actions?|action required|actions? agreed|agreed actions?|description|task)$", re.I
    ),
    "owners": re.compile(r"owner|lead|responsib|action by|^by$|^who$|by whom", re.I),
    "status": re.compile(r"^(?:status|rag(?: status)?|progress|open/closed|complete\??)$", re.I),
    "update": re.compile(r"update|comment|note", re.I),
}
STATUSES = (
    ("complete", re.compile(r"\b(?:complete[d]?|done|closed|achieved)\b", re.I)),
    ("obsolete", re.compile(r"\b(?:obsolete|superseded|no longer|withdrawn)\b", re.I)),
    ("carried_forward", re.compile(r"\b(?:carried forward|c/f|rolled over)\b", re.I)),
    (
        "ongoing",
        re.compile(r"\b(?:ongoing|open|in progress|outstanding|on track|amber|red)\b", re.I),
    ),
)


def header_columns(cells: list[str]) -> dict[str, int] | None:
    """Which column holds what, if these cells are an action table's header."""
    found: dict[str, int] = {}
    for position, cell in enumerate(cells):
        for name, pattern in COLUMNS.items():
            if name not in found and pattern.search(cell.strip()):
                found[name] = position
                break
    if "action" in found and "owners" in found and len(found) >= 3:
        return found
    return None


def status_of(text: str) -> str | None:
    for status, pattern in STATUSES:
        if pattern.search(text):
            return status
    return None


def raised_on(text: str, warnings: list[str], line: int) -> str | None:
    found = dates.find_dates(text)
    if not found:
        return None
    day, month, year, *_ = found[0]
    if year is None:
        warnings.append(f"line {line + 1}: action raised on {day}/{month} has no year; left empty")
        return None
    return date(year, month, day).isoformat()


def action_log(lines: list[str], warnings: list[str]) -> list[dict]:
    rows: list[dict] = []
    columns: dict[str, int] | None = None
    header: list[str] | None = None
    for index, line in enumerate(lines):
        cells = [" ".join(cell.split()) for cell in line.split("\t")]
        if len(cells) < 3:
            if columns and line.strip() and "\t" not in line and len(line) > 60:
                columns = None  # prose after the table ends it
            continue
        if found := header_columns(cells):
            if cells != header:
                columns, header = found, cells
            continue
        if columns is None:
            continue

        def cell(name: str, cells=cells, columns=columns) -> str:
            position = columns.get(name)
            return cells[position] if position is not None and position < len(cells) else ""

        number = cell("number").rstrip(".") or None
        if number is None and rows and "number" in columns:
            previous = rows[-1]  # a cell wrapped onto the next line, or a row broken across pages
            for name in ("raised", "reference", "action", "owners", "status", "update"):
                previous[name] = " ".join(filter(None, [previous[name], cell(name)]))
            continue
        if number is not None and any(row["number"] == number for row in rows):
            warnings.append(f"line {index + 1}: action {number} appears twice; kept the first")
            continue
        if not cell("action") and "number" not in columns:
            continue
        rows.append(
            {
                "number": number,
                "line": index,
                **{
                    name: cell(name)
                    for name in ("raised", "reference", "action", "owners", "status", "update")
                },
            }
        )
    return [finished(row, warnings) for row in rows if row["action"]]


def finished(row: dict, warnings: list[str]) -> dict:
    """A row's collected cell text as the document's fields."""
    return {
        "number": row["number"],
        "raised": raised_on(row["raised"], warnings, row["line"]),
        "reference": row["reference"] or None,
        "action": row["action"],
        "owners": split_owners(row["owners"]),
        "status": status_of(row["status"] or row["update"]),
        "update": row["update"] or None,
    }
