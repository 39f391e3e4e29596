"""The action log as a spreadsheet: CSV (streamed) and XLSX, one row per action.

Both take the log as filtered on the page. Text is never read as a formula: in
the CSV a cell starting with = + - @ (or a tab or carriage return) gets a
leading apostrophe, and in the XLSX every text cell is stored as text.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from saferboard.actions.models import Action

# (heading, width in characters in the XLSX)
COLUMNS = (
    ("Reference", 16),
    ("Meeting date", 13),
    ("Body", 30),
    ("Action", 60),
    ("Owners", 30),
    ("Due", 13),
    ("Status", 15),
    ("Overdue", 9),
    ("Latest update date", 13),
    ("Latest update", 50),
    ("Closing note", 40),
    ("Date closed", 13),
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "dd/mm/yyyy"


def export_rows(actions: Iterable[Action], *, today: datetime.date) -> Iterator[list]:
    """One list of values per action, in COLUMNS order; dates stay dates.

    The actions need `due_on` (selectors.with_due_on) and the latest update
    (selectors.with_latest_update) annotated, and their meeting's bodies and owners
    prefetched.
    """
    for action in actions:
        meeting = action.meeting
        due = action.due
        if due is None and action.by_next_meeting:
            due = "By the next meeting"
        yield [
            action.reference,
            meeting.date if meeting else None,
            meeting.body_names() if meeting else "",
            action.text,
            action.owner_names(),
            due,
            action.get_status_display(),
            "Yes" if action.is_overdue(today) else "No",
            action.latest_update_on,
            action.latest_update_note or "",
            action.closing_note,
            action.closed_on,
        ]


def _csv_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_chunks(rows: Iterable[list], *, columns=COLUMNS) -> Iterator[str]:
    """The CSV a line at a time, starting with a byte-order mark so Excel reads it as UTF-8.
    Other exports (funding) pass their own (heading, width) columns."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        writer.writerow(values)
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(heading for heading, _ in columns)
    for row in rows:
        yield line(_csv_text(value) for value in row)


def xlsx_bytes(rows: Iterable[list], *, columns=COLUMNS, sheet_name: str = "Actions") -> bytes:
    """A workbook with a bold, frozen header row, set column widths and real dates."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name)
    sheet.freeze_panes = "A2"
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for heading, _ in columns:
        cell = WriteOnlyCell(sheet, value=heading)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, str):
                cell.data_type = "s"  # text, even if it starts with "="
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
