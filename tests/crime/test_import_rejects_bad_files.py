"""A bad file changes nothing: the error names the file, row and column, and no record,
count, loaded month or import is stored, even when good files came before it."""

import pytest
from django.core.management.base import CommandError

from saferboard.crime.imports import CrimeFile, CrimeImportError, crime_import
from saferboard.crime.models import CrimeCount, CrimeImport, CrimeRecord, LoadedMonth
from tests.crime.conftest import CITY_FOLDER, run

JANUARY = CITY_FOLDER / "2020-01-city-of-london-street.csv"
FEBRUARY = CITY_FOLDER / "2020-02-city-of-london-street.csv"


def stored() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (CrimeRecord, CrimeCount, LoadedMonth, CrimeImport)
    }


def edited(tmp_path, name: str, change) -> str:
    """A copy of January's file with one change made to its lines."""
    lines = JANUARY.read_bytes().decode("utf-8").split("\r\n")
    path = tmp_path / name
    path.write_bytes("\r\n".join(change(lines)).encode("utf-8"))
    return str(path)


def set_cell(lines: list[str], row: int, column: int, value: str) -> list[str]:
    cells = lines[row - 1].split(",")
    cells[column] = value
    lines[row - 1] = ",".join(cells)
    return lines


def import_fails(*paths) -> str:
    with pytest.raises(CommandError) as raised:
        run("import", str(FEBRUARY), *paths)
    return str(raised.value)


@pytest.fixture
def before(db):
    run("import", str(JANUARY))
    return stored()


def test_a_missing_column_is_named(before, tmp_path):
    path = edited(
        tmp_path,
        "2020-01-x-street.csv",
        lambda lines: [
            line.replace(",Crime type,", ",Kind of crime,") if n == 0 else line
            for n, line in enumerate(lines)
        ],
    )

    message = import_fails(path)

    assert "2020-01-x-street.csv, row 1: missing column “Crime type”" in message
    assert "Nothing was imported" in message
    assert stored() == before


def test_a_bad_month_is_named_by_row_and_column(before, tmp_path):
    path = edited(tmp_path, "2020-01-x-street.csv", lambda lines: set_cell(lines, 5, 1, "Jan 2020"))

    message = import_fails(path)

    assert "2020-01-x-street.csv, row 5, column “Month”: “Jan 2020” is not a month" in message
    assert stored() == before


def test_a_month_other_than_the_files_is_refused(before, tmp_path):
    path = edited(tmp_path, "2020-01-x-street.csv", lambda lines: set_cell(lines, 7, 1, "2020-03"))

    message = import_fails(path)

    assert "row 7, column “Month”: 2020-03 does not match the month in the file's name" in message
    assert stored() == before


def test_non_numeric_coordinates_are_refused(before, tmp_path):
    path = edited(tmp_path, "2020-01-x-street.csv", lambda lines: set_cell(lines, 3, 4, "west"))

    message = import_fails(path)

    assert "2020-01-x-street.csv, row 3, column “Longitude”: “west” is not a longitude" in message
    assert stored() == before


def test_one_coordinate_without_the_other_is_refused(before, tmp_path):
    path = edited(tmp_path, "2020-01-x-street.csv", lambda lines: set_cell(lines, 4, 5, ""))

    message = import_fails(path)

    assert "row 4, column “Latitude”: “” is not a latitude" in message
    assert stored() == before


def test_an_unknown_crime_type_is_refused(before, tmp_path):
    def change(lines):
        cells = lines[1].split(",")
        cells[-3] = "Littering"
        lines[1] = ",".join(cells)
        return lines

    message = import_fails(edited(tmp_path, "2020-01-x-street.csv", change))

    assert "row 2, column “Crime type”: “Littering” is not a police.uk crime type" in message
    assert stored() == before


def test_an_empty_file_is_refused(before, tmp_path):
    empty = tmp_path / "2020-01-empty-street.csv"
    empty.write_bytes(b"")

    message = import_fails(str(empty))

    assert "2020-01-empty-street.csv: the file is empty" in message
    assert stored() == before


def test_a_file_with_headings_only_is_refused(before, tmp_path):
    path = edited(tmp_path, "2020-01-x-street.csv", lambda lines: lines[:1])

    assert "has column headings but no records" in import_fails(path)
    assert stored() == before


def test_every_problem_is_listed_when_called_as_a_service(before, tmp_path):
    def change(lines):
        return set_cell(set_cell(lines, 3, 4, "west"), 9, 1, "2020-13")

    path = edited(tmp_path, "2020-01-x-street.csv", change)

    with pytest.raises(CrimeImportError) as raised:
        crime_import(files=[CrimeFile(path, lambda: open(path, "rb").read())])  # noqa: SIM115

    assert len(raised.value.problems) == 2
    assert "row 9, column “Month”" in raised.value.problems[1]
    assert stored() == before


def test_the_same_force_and_month_twice_in_one_import_is_refused(before, tmp_path):
    copy = tmp_path / "2020-01-copy-street.csv"
    copy.write_bytes(JANUARY.read_bytes())

    message = import_fails(str(JANUARY), str(copy))

    assert (
        "2020-01 for City of London Police is also in 2020-01-city-of-london-street.csv" in message
    )
    assert stored() == before


def test_a_missing_path_is_refused(before, tmp_path):
    message = import_fails(str(tmp_path / "nowhere"))

    assert "no such file or folder" in message
    assert stored() == before
