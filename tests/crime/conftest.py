"""Named fixtures for crime tests: the real City of London files, counted independently."""

import collections
import csv
import datetime
import io
import json
import pathlib

import pytest
from django.core.management import call_command
from django.utils import timezone

import saferboard.crime
from tests.factories import AgendaItemFactory, MeetingFactory

CITY_FOLDER = (
    pathlib.Path(saferboard.crime.__file__).parent / "data" / "police-uk" / "city-of-london"
)
CITY_FORCE = "City of London Police"
ASB = "Anti-social behaviour"


def city_files() -> list[pathlib.Path]:
    return sorted(CITY_FOLDER.glob("*-street.csv"))


def counts_from_csv(files=None) -> collections.Counter:
    """(month, crime type) -> rows, read with the csv module, independently of the importer."""
    counted = collections.Counter()
    for path in files or city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                counted[row["Month"], row["Crime type"]] += 1
    return counted


def run(*args) -> dict:
    """Run `saferboard crime ...` and return the one JSON document it printed."""
    out = io.StringIO()
    call_command("crime", *args, stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1, lines
    return json.loads(lines[0])


@pytest.fixture
def city_imported(db) -> dict:
    """All 24 months imported from the folder, as the command line does it."""
    return run("import", str(CITY_FOLDER))


@pytest.fixture
def item(partnership_a):
    """An agenda item of a meeting next week, to put a report on."""
    return AgendaItemFactory(
        partnership=partnership_a,
        meeting=MeetingFactory(
            partnership=partnership_a, date=timezone.localdate() + datetime.timedelta(days=7)
        ),
    )
