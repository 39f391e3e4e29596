"""Returns as files: uploading a CSV or XLSX of returns, and downloading the template to fill
in and the export of what was returned, all in one format (docs/performance.md, "Returns").

An upload is read and every row checked before anything is written; then every row is
saved in one transaction, so a bad file changes nothing and its errors name the row and
the column. A file exported and uploaded again changes nothing.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import Partnership, User
from saferboard.core.selectors import user_roles_in
from saferboard.meetings.papers import size_label
from saferboard.performance.models import Indicator, IndicatorValue, ValueSource
from saferboard.performance.periods import Period, month_of, parse_period, period_of
from saferboard.performance.returns import (
    ReturnStatus,
    indicators_for_user,
    indicators_taking_returns,
    number_text,
    parse_number,
    period_text,
    return_due_on,
    return_problems,
    return_submit,
    returns_due,
)

# The columns of the template, the export and an upload, in order. An upload needs the
# REQUIRED ones; INFORMATION_ONLY columns help people fill the file in and are not read.
COLUMNS = (
    "indicator_code",
    "indicator_name",
    "period",
    "due_by",
    "value",
    "numerator",
    "denominator",
    "commentary",
    "no_information_reason",
)
REQUIRED = ("indicator_code", "period", "value")
INFORMATION_ONLY = ("indicator_name", "due_by")
NUMBER_COLUMNS = ("value", "numerator", "denominator")
REASON_LIMIT = IndicatorValue._meta.get_field("no_information_reason").max_length
DEFAULT_MAX_MB = 5
MAX_ROWS = 10_000
# Errors listed for one file; the rest are counted.
MAX_ERRORS_LISTED = 50
SHEET_NAME = "Returns"
CSV = "csv"
XLSX = "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A spreadsheet treats text starting with these as a formula: CSV files escape them with a
# leading apostrophe (and an apostrophe itself, so the escape reads back exactly).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_YEAR_FIRST_QUARTER = re.compile(r"^(\d{4}\s*/\s*\d{2,4})\s+(q[1-4])$", re.IGNORECASE)
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


class ReturnsFileError(BusinessRuleError):
    """A file that cannot be taken, with every problem found in it."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__(errors[0] if len(errors) == 1 else f"{len(errors)} problems in the file")


@dataclass
class UploadSummary:
    """What an upload did: returns added, changed and already the same; rows skipped."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    empty_rows: int = 0
    indicators: set[str] = field(default_factory=set)

    def as_dict(self) -> dict:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "empty_rows": self.empty_rows,
            "indicators": sorted(self.indicators),
        }

    def message(self) -> str:
        def count(number: int, what: str) -> str:
            return f"{number} {what}{'s' * (number != 1)}"

        parts = [count(self.created, "new return"), count(self.updated, "changed return")]
        if self.unchanged:
            parts.append(f"{count(self.unchanged, 'return')} already up to date")
        return "File uploaded: " + ", ".join(parts) + "."


def max_upload_bytes() -> int:
    """The largest file taken; deployments may change it with SAFERBOARD_RETURNS_MAX_MB."""
    return int(float(getattr(settings, "SAFERBOARD_RETURNS_MAX_MB", DEFAULT_MAX_MB)) * 1024**2)


# Reading ------------------------------------------------------------------------------


@dataclass
class Table:
    kind: str
    headings: list[str]
    rows: list[tuple[int, dict]]  # (row number as the spreadsheet shows it, cells by column)


def _file_kind(name: str, data: bytes) -> str:
    lower = name.lower()
    if data.startswith(b"PK\x03\x04"):
        return XLSX
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReturnsFileError(
            [f"“{name}” is an old Excel .xls file: save it as .xlsx or CSV and upload that."]
        )
    if lower.endswith(".xlsx"):
        raise ReturnsFileError([f"“{name}” is not a working XLSX file: it cannot be opened."])
    if b"\x00" in data or not (lower.endswith((".csv", ".txt")) or "." not in lower):
        raise ReturnsFileError(
            [f"“{name}” is not a CSV or XLSX file. Download the template and fill that in."]
        )
    return CSV


def _csv_rows(data: bytes) -> list[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV files in its own code page.
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ","
    if "," not in first_line:
        delimiter = next((d for d in (";", "\t") if d in first_line), ",")
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ReturnsFileError([f"The file cannot be read as CSV: {error}."]) from error


def _xlsx_rows(name: str, data: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ReturnsFileError(
            [f"“{name}” is not a working XLSX file: it cannot be opened."]
        ) from error
    try:
        sheet = (
            workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        )
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def _heading(cell) -> str:
    return "_".join(str(cell or "").strip().lower().replace("-", " ").split())


def _is_empty(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def read_table(*, name: str, data: bytes) -> Table:
    """The file's headings and rows, or ReturnsFileError saying why it cannot be read."""
    if not data:
        raise ReturnsFileError([f"“{name}” is empty."])
    limit = max_upload_bytes()
    if len(data) > limit:
        raise ReturnsFileError(
            [
                f"“{name}” is {size_label(len(data))}: files must be no bigger than "
                f"{size_label(limit)}. Split it into smaller files."
            ]
        )
    kind = _file_kind(name, data)
    raw = _csv_rows(data) if kind == CSV else _xlsx_rows(name, data)
    numbered = [(number, row) for number, row in enumerate(raw, start=1)]
    numbered = [(n, row) for n, row in numbered if not all(_is_empty(c) for c in row)]
    if not numbered:
        raise ReturnsFileError([f"“{name}” has nothing in it."])
    header_number, header = numbered[0]
    while header and _is_empty(header[-1]):
        header = header[:-1]
    headings = [_heading(cell) for cell in header]
    errors = _heading_problems(headings)
    if errors:
        raise ReturnsFileError(errors)
    body = numbered[1:]
    if not body:
        raise ReturnsFileError([f"“{name}” has its column headings but no returns under them."])
    if len(body) > MAX_ROWS:
        raise ReturnsFileError(
            [f"“{name}” has more than {MAX_ROWS:,} rows. Split it into smaller files."]
        )
    rows = []
    for number, row in body:
        extra = [cell for cell in row[len(headings) :] if not _is_empty(cell)]
        if extra:
            raise ReturnsFileError([f"Row {number} has more cells than there are column headings."])
        cells = dict(zip(headings, list(row) + [None] * (len(headings) - len(row)), strict=False))
        rows.append((number, cells))
    return Table(kind=kind, headings=headings, rows=rows)


def _heading_problems(headings: list[str]) -> list[str]:
    known = ", ".join(COLUMNS)
    errors = []
    for position, heading in enumerate(headings, start=1):
        if not heading:
            errors.append(f"Column {position} has no heading. The headings are: {known}.")
        elif heading not in COLUMNS:
            errors.append(
                f"Column {position}, “{heading}”, is not one of the columns. "
                f"The headings are: {known}."
            )
        elif headings.index(heading) != position - 1:
            errors.append(f"Column {position}, “{heading}”, appears more than once.")
    missing = [name for name in REQUIRED if name not in headings]
    if missing:
        names = ", ".join(missing)
        errors.append(
            f"The file has no {names} column{'s' * (len(missing) > 1)}: "
            "the first row must hold the column headings, as in the template."
        )
    return errors


# Checking each row -------------------------------------------------------------------


def _text(cell, *, kind: str) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    text = str(cell).strip()
    if kind == CSV and len(text) > 1 and text[0] == "'" and text[1] in FORMULA_STARTS:
        text = text[1:]
    return text


def _number(cell) -> Decimal | None:
    """A number cell: empty, a number, or text people write numbers as. ValueError if not."""
    if _is_empty(cell):
        return None
    if isinstance(cell, bool):
        raise ValueError(f"“{cell}” is not a number")
    if isinstance(cell, datetime.date | datetime.datetime):
        raise ValueError(f"“{cell:%Y-%m-%d}” is a date, not a number")
    if isinstance(cell, int):
        return Decimal(cell)
    if isinstance(cell, float):
        number = Decimal(repr(cell))
        rounded = number.quantize(Decimal("0.001"))
        # Spreadsheet arithmetic leaves binary dust (0.30000000000000004): drop it.
        return rounded if abs(number - rounded) < Decimal("1e-9") else number
    return parse_number(str(cell))


def period_from_cell(cell) -> Period:
    """A period written as "2025-04", "Q1 2025/26", "2025/26 Q1", "2025/26" or "April 2025",
    or a spreadsheet date on the first of a month (Excel turns "2025-04" into one)."""
    if isinstance(cell, datetime.datetime | datetime.date):
        day = cell.date() if isinstance(cell, datetime.datetime) else cell
        if day.day == 1:
            return month_of(day)
        raise ValueError(f"“{day:%Y-%m-%d}” is a day, not a period")
    text = " ".join(str(cell).split())
    if (match := _ISO_MONTH.match(text)) and 1 <= int(match[2]) <= 12:
        return month_of(datetime.date(int(match[1]), int(match[2]), 1))
    if match := _YEAR_FIRST_QUARTER.match(text):
        text = f"{match[2]} {match[1]}"
    period = parse_period(text)
    if period.kind == "custom":  # pragma: no cover - parse_period returns named periods
        raise ValueError(f"“{text}” is not a period we recognise")
    return period


@dataclass
class _Row:
    number: int
    indicator: Indicator
    period: Period
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    commentary: str
    no_information_reason: str


_COLUMN_OF_FIELD = {"indicator": "indicator_code"}


def _check_row(
    *,
    number: int,
    cells: dict,
    kind: str,
    by_code: dict[str, Indicator],
    allowed: set[int],
    today: datetime.date,
) -> tuple[_Row | None, list[str]]:
    errors = []

    def problem(column: str, message: str) -> None:
        errors.append(f"Row {number}, column {column}: {message}.")

    code = _text(cells.get("indicator_code"), kind=kind)
    indicator = by_code.get(code.lower())
    if not code:
        problem("indicator_code", "enter the indicator's code, as in the template")
    elif indicator is None:
        problem("indicator_code", f"there is no indicator with the code “{code}”")
    elif indicator.pk not in allowed:
        lead = indicator.lead_organisation or indicator.lead_person or "someone else"
        problem(
            "indicator_code",
            f"you may send returns only for indicators you or your organisation lead; "
            f"{indicator.code} is led by {lead}",
        )
        indicator = None
    period = None
    if _is_empty(cells.get("period")):
        problem("period", "enter the period, like “2025-04”, “Q1 2025/26” or “2025/26”")
    else:
        try:
            period = period_from_cell(cells["period"])
        except ValueError as error:
            problem("period", str(error).rstrip("."))
    numbers = {}
    for column in NUMBER_COLUMNS:
        try:
            numbers[column] = _number(cells.get(column))
        except ValueError as error:
            hint = " (leave it empty and give a no_information_reason)" if column == "value" else ""
            problem(column, f"{error}{hint}")
            numbers[column] = None
    commentary = _text(cells.get("commentary"), kind=kind)
    reason = _text(cells.get("no_information_reason"), kind=kind)
    if len(reason) > REASON_LIMIT:
        problem("no_information_reason", f"keep the reason under {REASON_LIMIT} characters")
    if errors or indicator is None or period is None:
        return None, errors
    for name, message in return_problems(
        indicator=indicator,
        period=period,
        value=numbers["value"],
        numerator=numbers["numerator"],
        denominator=numbers["denominator"],
        no_information_reason=reason,
        today=today,
    ):
        column = _COLUMN_OF_FIELD.get(name, name)
        problem(column, message)
    if errors:
        return None, errors
    row = _Row(
        number,
        indicator,
        period,
        commentary=commentary,
        no_information_reason=reason,
        **{name: numbers[name] for name in NUMBER_COLUMNS},
    )
    return row, []


def _left_empty(cells: dict) -> bool:
    """A template row nobody filled in: nothing but its indicator, period and notes."""
    return all(
        _is_empty(cells.get(c))
        for c in COLUMNS
        if c not in ("indicator_code", "period", *INFORMATION_ONLY)
    )


def _same(existing: IndicatorValue, row: _Row) -> bool:
    return (
        existing.value == row.value
        and existing.numerator == row.numerator
        and existing.denominator == row.denominator
        and existing.commentary == row.commentary
        and existing.no_information_reason
        == (row.no_information_reason if row.value is None else "")
    )


def returns_upload(
    *,
    partnership: Partnership,
    by: User,
    name: str,
    data: bytes,
    today: datetime.date | None = None,
) -> UploadSummary:
    """Check every row of the file, then save them all in one transaction.

    Raises ReturnsFileError listing every problem (row and column) and saves nothing if
    any row is wrong. A row the same as what is stored is left alone (no new history).
    """
    today = today or timezone.localdate()
    table = read_table(name=name, data=data)
    roles = user_roles_in(user=by, partnership=partnership)
    everything = Indicator.objects.filter(partnership=partnership).select_related(
        "lead_organisation", "lead_person"
    )
    by_code = {indicator.code.strip().lower(): indicator for indicator in everything}
    allowed = set(
        indicators_for_user(
            queryset=everything, partnership=partnership, user=by, roles=roles, on=today
        ).values_list("pk", flat=True)
    )
    summary = UploadSummary()
    errors: list[str] = []
    rows: list[_Row] = []
    seen: dict[tuple[int, datetime.date], int] = {}
    for number, cells in table.rows:
        if _left_empty(cells):
            summary.empty_rows += 1
            continue
        row, row_errors = _check_row(
            number=number,
            cells=cells,
            kind=table.kind,
            by_code=by_code,
            allowed=allowed,
            today=today,
        )
        errors += row_errors
        if row is None:
            continue
        key = (row.indicator.pk, row.period.start)
        if key in seen:
            errors.append(
                f"Row {number}: {row.indicator.code} for {row.period.label} is also in row "
                f"{seen[key]}. Give each indicator and period once."
            )
            continue
        seen[key] = number
        rows.append(row)
    if errors:
        raise ReturnsFileError(_capped(errors))
    if not rows:
        raise ReturnsFileError([f"“{name}” has no returns filled in: every row is empty."])
    try:
        _save(rows=rows, by=by, today=today, summary=summary)
    except (BusinessRuleError, StaleEditError) as error:
        raise ReturnsFileError([str(error)]) from error
    return summary


def _capped(errors: list[str]) -> list[str]:
    if len(errors) <= MAX_ERRORS_LISTED:
        return errors
    more = len(errors) - MAX_ERRORS_LISTED
    return [*errors[:MAX_ERRORS_LISTED], f"And {more} more problem{'s' * (more != 1)}."]


@transaction.atomic
def _save(*, rows: list[_Row], by: User, today: datetime.date, summary: UploadSummary) -> None:
    existing = {
        (value.indicator_id, value.period_start, value.period_end): value
        for value in IndicatorValue.objects.filter(indicator__in={row.indicator.pk for row in rows})
    }
    for row in rows:
        stored = existing.get((row.indicator.pk, row.period.start, row.period.end))
        summary.indicators.add(row.indicator.code)
        if stored is not None and _same(stored, row):
            summary.unchanged += 1
            continue
        return_submit(
            indicator=row.indicator,
            period=row.period,
            value=row.value,
            numerator=row.numerator,
            denominator=row.denominator,
            commentary=row.commentary,
            no_information_reason=row.no_information_reason,
            by=by,
            source="upload",
            today=today,
        )
        if stored is None:
            summary.created += 1
        else:
            summary.updated += 1


# Writing -----------------------------------------------------------------------------


def _line(indicator: Indicator, period: Period, value: IndicatorValue | None) -> dict:
    return {
        "indicator_code": indicator.code,
        "indicator_name": indicator.name,
        "period": period_text(period),
        "due_by": return_due_on(indicator, period).isoformat(),
        "value": value.value if value else None,
        "numerator": value.numerator if value else None,
        "denominator": value.denominator if value else None,
        "commentary": value.commentary if value else "",
        "no_information_reason": value.no_information_reason if value else "",
    }


def table_bytes(lines: list[dict], *, kind: str) -> bytes:
    """The lines as a CSV or XLSX file with the standard columns."""
    if kind == XLSX:
        return _xlsx_bytes(lines)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in lines:
        writer.writerow([_csv_cell(column, line[column]) for column in COLUMNS])
    # With a byte order mark Excel reads the file as UTF-8 (pound signs, curly quotes).
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(column: str, cell) -> str:
    if column in NUMBER_COLUMNS:
        return number_text(cell)
    text = str(cell or "")
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _xlsx_bytes(lines: list[dict]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append([None] * len(COLUMNS))
        for position, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=sheet.max_row, column=position)
            value = line[column]
            if column in NUMBER_COLUMNS:
                if value is not None:
                    cell.value = int(value) if value == value.to_integral() else float(value)
            elif value:
                cell.value = str(value)
                # Always text: never a formula, and "2025-04" never turned into a date.
                cell.data_type = "s"
    widths = {"indicator_code": 14, "indicator_name": 40, "period": 12, "due_by": 12}
    for position, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=position).column_letter
        sheet.column_dimensions[letter].width = widths.get(
            column, 18 if column != "commentary" else 50
        )
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def returns_template(
    *, partnership: Partnership, user: User, roles: frozenset[str], today: datetime.date, kind: str
) -> bytes:
    """A file listing each return `user` may submit that is due or overdue and not yet in."""
    indicators = indicators_for_user(
        queryset=indicators_taking_returns(partnership=partnership),
        partnership=partnership,
        user=user,
        roles=roles,
        on=today,
    )
    due = [
        each
        for each in returns_due(indicators=indicators, today=today)
        if each.status in (ReturnStatus.DUE, ReturnStatus.OVERDUE)
    ]
    due.sort(key=lambda each: (each.indicator.position, each.indicator.code, each.period.start))
    return table_bytes([_line(each.indicator, each.period, None) for each in due], kind=kind)


def returns_export(
    *, partnership: Partnership, user: User, roles: frozenset[str], today: datetime.date, kind: str
) -> bytes:
    """Every return submitted for the indicators `user` may submit, in the upload format."""
    indicators = indicators_for_user(
        queryset=Indicator.objects.filter(
            partnership=partnership, value_source=ValueSource.RETURNS
        ),
        partnership=partnership,
        user=user,
        roles=roles,
        on=today,
    )
    values = (
        IndicatorValue.objects.filter(indicator__in=indicators)
        .select_related("indicator")
        .order_by("indicator__position", "indicator__code", "indicator_id", "period_start")
    )
    return table_bytes(
        [
            _line(value.indicator, period_of(value.period_start, value.period_end), value)
            for value in values
        ],
        kind=kind,
    )


def returns_filename(
    *, partnership: Partnership, what: str, today: datetime.date, kind: str
) -> str:
    return f"{partnership.slug}-returns-{what}-{today.isoformat()}.{kind}"
