"""The import's one JSON line: its keys, the data-quality note about repeated Crime IDs, and
files as police.uk writes them (a byte-order mark, rows with no location)."""

import collections
import csv
import zipfile

from saferboard.crime.imports import crime_import_steps, files_from_paths
from saferboard.crime.models import CrimeImport, CrimeRecord
from tests.crime.conftest import CITY_FOLDER, run

JANUARY = CITY_FOLDER / "2020-01-city-of-london-street.csv"


def test_the_summary_line_has_the_documented_keys(db):
    summary = run("import", str(JANUARY))

    assert {
        "files",
        "rows_read",
        "rows_stored",
        "rows_replaced",
        "rows_rejected",
        "rejected_reasons",
        "months",
    } <= set(summary)
    assert summary["files"] == 1
    assert summary["months"] == ["2020-01"]
    assert summary["rows_replaced"] == 0
    assert summary["rows_rejected"] == 0


def test_repeated_crime_ids_are_kept_and_reported(db):
    with JANUARY.open(encoding="utf-8-sig", newline="") as handle:
        ids = collections.Counter(row["Crime ID"] for row in csv.DictReader(handle))
    repeated = sum(1 for crime_id, n in ids.items() if crime_id and n > 1)

    summary = run("import", str(JANUARY))

    assert repeated > 0
    assert any(f"{repeated} Crime IDs appear on more than one row" in n for n in summary["notes"])
    assert CrimeRecord.objects.count() == sum(ids.values())
    assert CrimeImport.objects.get().notes == summary["notes"]


def test_a_byte_order_mark_and_blank_lines_are_handled(db, tmp_path):
    copy = tmp_path / "2020-01-city-of-london-street.csv"
    copy.write_bytes(b"\xef\xbb\xbf" + JANUARY.read_bytes() + b",,,,,,,,,,,\r\n")

    summary = run("import", str(copy))

    assert summary["rows_stored"] == CrimeRecord.objects.count() > 700
    assert summary["rows_rejected"] == 1
    assert summary["rejected_reasons"] == {"blank row": 1}
    assert summary["rows_read"] == summary["rows_stored"] + 1


def test_rows_with_no_location_are_stored_without_coordinates(db):
    run("import", str(JANUARY))

    no_location = CrimeRecord.objects.filter(location="No Location")

    assert no_location.exists()
    assert not no_location.exclude(latitude=None).exists()
    assert not no_location.exclude(lsoa_code="").exists()


def test_a_police_uk_zip_gives_only_its_street_files(db, tmp_path):
    archive = tmp_path / "police-uk-download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(JANUARY, f"2020-01/{JANUARY.name}")
        zipped.writestr("2020-01/2020-01-city-of-london-outcomes.csv", "Crime ID,Month\n")

    summary = run("import", str(archive))

    assert summary["files"] == 1 and summary["months"] == ["2020-01"]


def test_an_import_stopped_part_way_stores_nothing(db):
    steps = crime_import_steps(files=files_from_paths([CITY_FOLDER]))
    next(steps)
    next(steps)  # the first file is stored inside the transaction

    steps.close()  # as when someone closes the upload page

    assert not CrimeRecord.objects.exists()
    assert not CrimeImport.objects.exists()
