"""Importing police.uk street files: check every row, store them in bulk, replace the months
they cover, and rebuild those months' counts, all in one transaction.

A bad file changes nothing: every file is checked, the problems are collected (naming the
file, row and column) and, if there are any, the whole import is rolled back. Re-importing
a force's month replaces it, so counts never double. Rows are written with COPY on
PostgreSQL and executemany elsewhere: building a model object per row would cost more than
reading the file.
"""

import collections
import csv
import datetime
import functools
import io
import pathlib
import re
import zipfile
from collections.abc import Callable, Generator, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Count

from saferboard.core.errors import BusinessRuleError
from saferboard.crime.models import CrimeCount, CrimeImport, CrimeRecord, CrimeType, LoadedMonth
from saferboard.crime.sources import indicators_refresh_after_import

COLUMNS = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
# The order CrimeRecord's columns are written in; each row tuple follows it.
_RECORD_FIELDS = (
    "crime_import",
    "month",
    "crime_id",
    "reported_by",
    "force",
    "longitude",
    "latitude",
    "location",
    "lsoa_code",
    "lsoa_name",
    "crime_type",
    "outcome",
    "context",
)
CRIME_TYPES = frozenset(CrimeType.values)
STREET_FILE_PATTERN = "*-street.csv"
MAX_PROBLEMS = 50
BLANK_ROW = "blank row"
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_NAME_MONTH = re.compile(r"^(\d{4}-\d{2})(?!\d)")


class CrimeImportError(BusinessRuleError):
    """The files could not be imported; nothing was stored. `problems` lists every one."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{problems[0]}{more}. Nothing was imported.")


@dataclass(frozen=True)
class CrimeFile:
    """A file to import: its name (for messages) and how to read its bytes."""

    name: str
    read: Callable[[], bytes]


ProgressCallback = Callable[[int, int, str], None]


def files_from_paths(paths: Iterable[str | pathlib.Path]) -> list[CrimeFile]:
    """Files named on the command line; a folder gives every *-street.csv inside it."""
    found: list[CrimeFile] = []
    problems = []
    for given in paths:
        path = pathlib.Path(given)
        if path.is_dir():
            inside = sorted(path.rglob(STREET_FILE_PATTERN))
            if not inside:
                problems.append(f"{path}: no police.uk street files ({STREET_FILE_PATTERN}) in it")
            found += [CrimeFile(str(p), p.read_bytes) for p in inside]
        elif path.is_file() and path.suffix.lower() == ".zip":
            found += files_from_upload(str(path), path.read_bytes())
        elif path.is_file():
            found.append(CrimeFile(str(path), path.read_bytes))  # read when its turn comes
        else:
            problems.append(f"{path}: no such file or folder")
    if problems:
        raise CrimeImportError(problems)
    if not found:
        raise CrimeImportError(["No files given"])
    return found


def files_from_upload(name: str, data: bytes) -> list[CrimeFile]:
    """One uploaded file, or the street files inside a .zip (as police.uk's download comes)."""
    if not name.lower().endswith(".zip"):
        return [CrimeFile(name, lambda: data)]
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as error:
        raise CrimeImportError(
            [f"{pathlib.Path(name).name}: is not a readable .zip file"]
        ) from error
    members = sorted(
        member
        for member in archive.namelist()
        if pathlib.PurePosixPath(member).match(STREET_FILE_PATTERN)
    )
    if not members:
        raise CrimeImportError(
            [f"{pathlib.Path(name).name}: holds no police.uk street files ({STREET_FILE_PATTERN})"]
        )
    return [CrimeFile(member, functools.partial(archive.read, member)) for member in members]


def _month_start(text: str) -> datetime.date:
    return datetime.date(int(text[:4]), int(text[5:7]), 1)


@dataclass
class _ParsedFile:
    rows: list[tuple] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    month: str = ""
    forces: set[str] = field(default_factory=set)
    blank_rows: int = 0
    repeated_ids: dict[str, int] = field(default_factory=dict)  # force -> IDs seen twice or more
    rows_read: int = 0


def _number(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if low <= value <= high else None


def _parse(source: CrimeFile, batch_id: int) -> _ParsedFile:
    parsed = _ParsedFile()
    name = pathlib.Path(source.name).name

    def problem(text: str, row: int | None = None, column: str | None = None) -> None:
        where = name
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column “{column}”"
        parsed.problems.append(f"{where}: {text}")

    data = source.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem("is not UTF-8 text; download the file from police.uk again")
        return parsed
    if not text.strip():
        problem("the file is empty")
        return parsed
    reader = csv.reader(io.StringIO(text, newline=""))
    heading = [cell.strip() for cell in next(reader)]
    missing = [column for column in COLUMNS if column not in heading]
    if missing:
        names = ", ".join(f"“{column}”" for column in missing)
        problem(f"missing column {names}; a police.uk street file has {', '.join(COLUMNS)}", 1)
        return parsed
    at = [heading.index(column) for column in COLUMNS]
    width = len(heading)
    named = _NAME_MONTH.match(name)
    expected_month = named[1] if named else None
    month_dates: dict[str, str] = {}
    ids = collections.defaultdict(collections.Counter)
    (
        i_id,
        i_month,
        i_reported,
        i_force,
        i_lon,
        i_lat,
        i_location,
        i_lsoa,
        i_lsoa_name,
        i_type,
        i_outcome,
        i_context,
    ) = at
    for number, row in enumerate(reader, start=2):
        if len(parsed.problems) >= MAX_PROBLEMS:
            break
        parsed.rows_read += 1
        if not any(cell.strip() for cell in row):
            parsed.blank_rows += 1
            continue
        if len(row) != width:
            problem(f"has {len(row)} values where the heading row has {width}", number)
            continue
        month = row[i_month]
        if month not in month_dates:
            if not _MONTH.match(month):
                problem(f"“{month}” is not a month; write it as YYYY-MM", number, "Month")
                continue
            if expected_month and month != expected_month:
                problem(
                    f"{month} does not match the month in the file's name ({expected_month})",
                    number,
                    "Month",
                )
                continue
            if month_dates:
                first = next(iter(month_dates))
                problem(
                    f"{month} differs from {first} in the rows above; a police.uk file holds "
                    "one month",
                    number,
                    "Month",
                )
                continue
            month_dates[month] = f"{month}-01"
        longitude_text, latitude_text = row[i_lon].strip(), row[i_lat].strip()
        longitude = latitude = None
        if longitude_text or latitude_text:
            longitude = _number(longitude_text, -180, 180)
            latitude = _number(latitude_text, -90, 90)
            if longitude is None:
                problem(
                    f"“{longitude_text}” is not a longitude; give numbers for both coordinates "
                    "or leave both empty",
                    number,
                    "Longitude",
                )
                continue
            if latitude is None:
                problem(
                    f"“{latitude_text}” is not a latitude; give numbers for both coordinates "
                    "or leave both empty",
                    number,
                    "Latitude",
                )
                continue
        crime_type = row[i_type].strip()
        if crime_type not in CRIME_TYPES:
            problem(
                f"“{crime_type}” is not a police.uk crime type (for example Burglary, "
                "Anti-social behaviour)",
                number,
                "Crime type",
            )
            continue
        force = row[i_force].strip()
        if not force:
            problem("is empty; every record falls within a force", number, "Falls within")
            continue
        crime_id = row[i_id].strip()
        if crime_id:
            ids[force][crime_id] += 1
        parsed.forces.add(force)
        parsed.rows.append(
            (
                batch_id,
                month_dates[month],
                crime_id,
                row[i_reported].strip(),
                force,
                longitude,
                latitude,
                row[i_location].strip(),
                row[i_lsoa].strip(),
                row[i_lsoa_name].strip(),
                crime_type,
                row[i_outcome].strip(),
                row[i_context].strip(),
            )
        )
    if not parsed.problems and not parsed.rows:
        problem("has column headings but no records")
    parsed.month = next(iter(month_dates), "")
    parsed.repeated_ids = {
        force: sum(1 for seen in counter.values() if seen > 1) for force, counter in ids.items()
    }
    return parsed


def _store(rows: list[tuple]) -> None:
    table = connection.ops.quote_name(CrimeRecord._meta.db_table)
    columns = ", ".join(
        connection.ops.quote_name(CrimeRecord._meta.get_field(name).column)
        for name in _RECORD_FIELDS
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(_RECORD_FIELDS))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608 - our names
                rows,
            )


def _recount(force: str, month: datetime.date) -> None:
    """Rebuild the counts of one force's month from its records."""
    CrimeCount.objects.filter(force=force, month=month).delete()
    grouped = (
        CrimeRecord.objects.filter(force=force, month=month)
        .values("crime_type", "outcome", "lsoa_code", "lsoa_name")
        .annotate(records=Count("id"))
        .order_by()
    )
    CrimeCount.objects.bulk_create(
        (
            CrimeCount(
                month=month,
                force=force,
                crime_type=group["crime_type"],
                outcome=group["outcome"],
                lsoa_code=group["lsoa_code"],
                lsoa_name=group["lsoa_name"],
                count=group["records"],
            )
            for group in grouped
        ),
        batch_size=2000,
    )


def crime_import(
    *,
    files: list[CrimeFile],
    by=None,
    partnership=None,
    allowed_forces: Iterable[str] | None = None,
    progress: ProgressCallback | None = None,
) -> CrimeImport:
    """Import police.uk street files; raise CrimeImportError (storing nothing) if any row is
    wrong. `allowed_forces`, when given, limits the forces the files may hold (an upload
    through a partnership's page may only replace its own forces' months). `progress` is
    called with (files done, files in all, the next file's name)."""
    steps = crime_import_steps(
        files=files, by=by, partnership=partnership, allowed_forces=allowed_forces
    )
    while True:
        try:
            done, total, name = next(steps)
        except StopIteration as finished:
            return finished.value
        if progress:
            progress(done, total, name)


def crime_import_steps(
    *,
    files: list[CrimeFile],
    by=None,
    partnership=None,
    allowed_forces: Iterable[str] | None = None,
) -> Generator[tuple[int, int, str], None, CrimeImport]:
    """`crime_import` as a generator that yields (files done, files in all, next file's name)
    before each file and returns the CrimeImport, so a streamed page can show progress.
    The transaction spans the whole run: a generator closed early stores nothing."""
    with transaction.atomic():
        batch = yield from _import_files(files, by, partnership, allowed_forces)
        indicators_refresh_after_import(batch)  # police.uk indicators fill themselves
        return batch


def _import_files(files, by, partnership, allowed_forces):
    if not files:
        raise CrimeImportError(["No files given"])
    allowed = None if allowed_forces is None else set(allowed_forces)
    batch = CrimeImport.objects.create(
        by=by, partnership=partnership, file_names=[pathlib.Path(f.name).name for f in files]
    )
    problems: list[str] = []
    loaded: dict[tuple[str, datetime.date], str] = {}  # (force, month) -> file name
    rejected: collections.Counter = collections.Counter()
    notes = []
    for done, source in enumerate(files):
        yield done, len(files), pathlib.Path(source.name).name
        parsed = _parse(source, batch.pk)
        name = pathlib.Path(source.name).name
        problems += parsed.problems
        batch.rows_read += parsed.rows_read
        rejected[BLANK_ROW] += parsed.blank_rows
        if parsed.problems:
            continue
        if allowed is not None and (others := sorted(parsed.forces - allowed)):
            problems.append(
                f"{name}: its records fall within {', '.join(others)}, which is not one of "
                f"your partnership's forces ({', '.join(sorted(allowed)) or 'none set'}); "
                "add the force to one of your areas first"
            )
            continue
        month = _month_start(parsed.month)
        for force in sorted(parsed.forces):
            if (force, month) in loaded:
                problems.append(
                    f"{name}: {parsed.month} for {force} is also in {loaded[force, month]}; "
                    "import each force's month once"
                )
            loaded[force, month] = name
            if repeated := parsed.repeated_ids.get(force):
                notes.append(
                    f"{parsed.month}, {force}: {repeated} Crime ID"
                    f"{'s appear' if repeated > 1 else ' appears'} on more than one row "
                    "(kept: each row is a record, as police.uk counts them)"
                )
        if problems:
            continue
        for force in sorted(parsed.forces):
            batch.rows_replaced += CrimeRecord.objects.filter(force=force, month=month).delete()[0]
            LoadedMonth.objects.update_or_create(
                force=force,
                month=month,
                defaults={
                    "crime_import": batch,
                    "file_name": name,
                    "rows": sum(1 for row in parsed.rows if row[4] == force),
                },
            )
        _store(parsed.rows)
        batch.rows_stored += len(parsed.rows)
    yield len(files), len(files), ""
    if problems:
        raise CrimeImportError(problems[:MAX_PROBLEMS])
    for force, month in sorted(loaded):
        _recount(force, month)
    batch.rejected_reasons = {reason: n for reason, n in rejected.items() if n}
    batch.rows_rejected = sum(batch.rejected_reasons.values())
    batch.months = sorted({f"{month:%Y-%m}" for _, month in loaded})
    batch.forces = sorted({force for force, _ in loaded})
    batch.notes = notes
    batch.save()
    return batch


def import_summary(batch: CrimeImport) -> dict:
    """The one-line JSON summary the command prints and the upload page shows."""
    return {
        "import": batch.pk,
        "files": len(batch.file_names),
        "rows_read": batch.rows_read,
        "rows_stored": batch.rows_stored,
        "rows_replaced": batch.rows_replaced,
        "rows_rejected": batch.rows_rejected,
        "rejected_reasons": batch.rejected_reasons,
        "months": batch.months,
        "forces": batch.forces,
        "notes": batch.notes,
    }
