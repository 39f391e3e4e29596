"""Crime benchmark: importing a million police.uk rows, against DuckDB reading the same files.

The real City of London files (24 months, 12,316 rows) are scaled up into 48 synthetic
months of police.uk street files (each month: the real file of the same calendar month
repeated COPIES times, with Crime IDs made unique and coordinates nudged), about a million
rows in all. The baseline is DuckDB's `read_csv` of the same files into a table, timed in
the same run on the same machine: a columnar engine that checks nothing. `crime import`
checks every value, writes the rows, replaces the months and rebuilds the monthly counts
in one transaction. The ratio says what that costs.

Then the summary (every crime type: this month, FYTD, rolling 12 months and the periods
they are compared with, 24 months in all) is timed from the monthly counts, against the
same totals grouped from the records.

Called from bench/run.py once Django is set up; `python bench/crime.py` runs it alone.
"""

import csv
import datetime
import hashlib
import pathlib
import statistics
import sys
import tempfile
import time

COPIES = 42  # x ~513 rows a month x 48 months = about a million rows
MONTHS = 48
FIRST_MONTH = datetime.date(2016, 1, 1)
FORCE = "City of London Police"


def _real_files() -> dict[int, list[list[str]]]:
    """Real rows by calendar month (1-12), both years' files together; plus the heading."""
    import saferboard.crime

    folder = (
        pathlib.Path(saferboard.crime.__file__).parent / "data" / "police-uk" / "city-of-london"
    )
    by_month: dict[int, list[list[str]]] = {}
    heading = None
    for path in sorted(folder.glob("*-street.csv")):
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            heading = next(reader)
            month = int(path.name[5:7])
            by_month.setdefault(month, []).append(list(reader))
    by_month[0] = [[heading]]
    return by_month


def generate(folder: pathlib.Path) -> int:
    """Write the synthetic files; return how many rows they hold."""
    real = _real_files()
    heading = real[0][0][0]
    rows_written = 0
    for index in range(MONTHS):
        year, month = FIRST_MONTH.year + (index // 12), index % 12 + 1
        label = f"{year}-{month:02d}"
        source = real[month][index // 12 % 2]
        path = folder / f"{label}-city-of-london-street.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(heading)
            for copy in range(COPIES):
                nudge = copy * 0.00001
                for row in source:
                    crime_id, _, reported, falls, lon, lat, *rest = row
                    if crime_id:
                        crime_id = hashlib.sha256(f"{crime_id}{label}{copy}".encode()).hexdigest()
                    if lon:
                        lon, lat = f"{float(lon) + nudge:.6f}", f"{float(lat) + nudge:.6f}"
                    writer.writerow([crime_id, label, reported, falls, lon, lat, *rest])
                    rows_written += 1
    return rows_written


def _duckdb_load(folder: pathlib.Path, database: pathlib.Path) -> int:
    import duckdb

    database.unlink(missing_ok=True)
    connection = duckdb.connect(str(database))
    connection.execute(
        "CREATE TABLE crimes AS SELECT * FROM read_csv(?, header = true)",
        [str(folder / "*-street.csv")],
    )
    rows = connection.execute("SELECT count(*) FROM crimes").fetchone()[0]
    connection.close()
    return rows


def _median(fn, repeat: int) -> float:
    fn()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def run() -> None:
    from django.db.models import Count

    from saferboard.crime import analysis
    from saferboard.crime.imports import crime_import, files_from_paths
    from saferboard.crime.models import CrimeCount, CrimeRecord

    with tempfile.TemporaryDirectory() as temp:
        folder = pathlib.Path(temp) / "files"
        folder.mkdir()
        started = time.perf_counter()
        rows = generate(folder)
        generated = time.perf_counter() - started

        started = time.perf_counter()
        duck_rows = _duckdb_load(folder, pathlib.Path(temp) / "bench.duckdb")
        duck = time.perf_counter() - started

        started = time.perf_counter()
        batch = crime_import(files=files_from_paths([folder]))
        ours = time.perf_counter() - started
        if batch.rows_stored != rows or duck_rows != rows:
            raise SystemExit(f"stored {batch.rows_stored}, DuckDB {duck_rows}, files {rows}")

        # The same import again: every month replaced, nothing doubles.
        started = time.perf_counter()
        again = crime_import(files=files_from_paths([folder]))
        replaced = time.perf_counter() - started
        if again.rows_replaced != rows or CrimeRecord.objects.count() != rows:
            raise SystemExit("re-import did not replace every row")

        last = datetime.date(FIRST_MONTH.year + MONTHS // 12 - 1, 12, 1)
        scope = analysis.scope_for_force(FORCE)
        from_counts = _median(lambda: analysis.summary(scope=scope, month=last), 5)
        first = analysis.add_months(last, -23)

        def from_records():
            return list(
                CrimeRecord.objects.filter(force=FORCE, month__range=(first, last))
                .values_list("crime_type", "month")
                .annotate(total=Count("id"))
                .order_by()
            )

        from_rows = _median(from_records, 3)

    print()
    print(
        f"crime benchmark: {MONTHS} months of police.uk street files, {rows:,} rows "
        f"(generated in {generated:.1f}s); {CrimeCount.objects.count():,} monthly count rows"
    )
    print(f"{'benchmark':48} {'time':>9} {'rows/s':>11}")
    print(f"{'DuckDB read_csv into a table (baseline)':48} {duck:8.1f}s {rows / duck:11,.0f}")
    print(f"{'crime import (check, store, count)':48} {ours:8.1f}s {rows / ours:11,.0f}")
    again_label = "crime import again (replaces every month)"
    print(f"{again_label:48} {replaced:8.1f}s {rows / replaced:11,.0f}")
    print(f"{'ratio (crime import / DuckDB)':48} {ours / duck:8.1f}x")
    print(f"{'summary, 24 months x all types, from records':48} {from_rows * 1000:7.1f}ms")
    print(f"{'summary, 24 months x all types, from counts':48} {from_counts * 1000:7.1f}ms")
    print(f"{'ratio (records / counts)':48} {from_rows / from_counts:8.1f}x")


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).parent))
    import run as bench_run  # bench/run.py, beside this script

    with tempfile.TemporaryDirectory() as var:
        bench_run._setup_django(var)
        run()
