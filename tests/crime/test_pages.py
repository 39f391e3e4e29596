"""The crime pages: the overview for everyone in the partnership, uploading with progress for
analysts and managers, adding an area, and an area's chart, summary and hotspots."""

import csv
import gzip
import html
import pathlib
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import saferboard.crime
from saferboard.core.roles import Role
from saferboard.crime.models import Area, CrimeImport, CrimeRecord
from tests.crime.conftest import CITY_FOLDER, CITY_FORCE, city_files, counts_from_csv, run
from tests.factories import AreaFactory

POPULATION = (
    pathlib.Path(saferboard.crime.__file__).parent
    / "data"
    / "geography"
    / "population-mid-2019-lsoa.csv.gz"
)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def analyst(make_user, partnership_a):
    return make_user(partnership_a, Role.ANALYST)


@pytest.fixture
def viewer(make_user, partnership_a):
    return make_user(partnership_a, Role.VIEWER)


@pytest.fixture
def city_area(partnership_a):
    return AreaFactory(partnership=partnership_a, name="The Square Mile", slug="square-mile")


def upload(client, partnership, *paths, name_of=lambda p: p.name):
    files = [SimpleUploadedFile(name_of(p), p.read_bytes(), "text/csv") for p in paths]
    response = client.post(reverse("crime:upload", args=[partnership.slug]), {"files": files})
    body = b"".join(response.streaming_content).decode() if response.streaming else ""
    return response, html.unescape(body)


def test_an_analyst_uploads_files_and_sees_progress_and_the_result(
    analyst, partnership_a, city_area
):
    paths = city_files()[:2]

    response, body = upload(client_for(analyst), partnership_a, *paths)

    assert response.status_code == 200
    assert "Importing… 1 of 2 files: 2020-01-city-of-london-street.csv" in body
    assert "Importing… 2 of 2 files: 2020-02-city-of-london-street.csv" in body
    assert "Import complete" in body
    stored = sum(counts_from_csv(paths).values())
    assert f"{stored} records stored from 2 files" in body
    assert CrimeRecord.objects.count() == stored
    crime_import = CrimeImport.objects.get()
    assert crime_import.by == analyst and crime_import.partnership == partnership_a


def test_a_bad_upload_stores_nothing_and_names_the_row_and_column(
    analyst, partnership_a, city_area, tmp_path
):
    bad = tmp_path / "2020-02-city-of-london-street.csv"
    bad.write_bytes(
        (CITY_FOLDER / "2020-02-city-of-london-street.csv")
        .read_bytes()
        .replace(b",2020-02,", b",2020-2,", 1)
    )

    response, body = upload(client_for(analyst), partnership_a, city_files()[0], bad)

    assert "Nothing was imported" in body
    assert "2020-02-city-of-london-street.csv, row 2, column “Month”" in body
    assert CrimeRecord.objects.count() == 0
    assert CrimeImport.objects.count() == 0


def test_files_of_a_force_outside_the_partnerships_areas_are_refused(analyst, partnership_a):
    AreaFactory(partnership=partnership_a, forces=["Kent Police"])

    response, body = upload(client_for(analyst), partnership_a, city_files()[0])

    assert "fall within City of London Police, which is not one of your partnership's forces" in (
        body
    )
    assert CrimeRecord.objects.count() == 0


def test_a_zip_as_police_uk_gives_it_is_imported(analyst, partnership_a, city_area, tmp_path):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for path in city_files()[:3]:
            zipped.write(path, f"{path.name[:7]}/{path.name}")

    response, body = upload(client_for(analyst), partnership_a, archive)

    assert "Importing… 3 of 3 files" in body
    assert CrimeRecord.objects.count() == sum(counts_from_csv(city_files()[:3]).values())


def test_viewers_read_but_may_not_upload(viewer, partnership_a, city_area, db):
    run("import", str(city_files()[0]))
    client = client_for(viewer)

    overview = client.get(reverse("crime:overview", args=[partnership_a.slug]))
    upload_page = client.get(reverse("crime:upload", args=[partnership_a.slug]))

    assert overview.status_code == 200
    text = overview.content.decode()
    assert "January 2020" in text and "Command line" in text and "The Square Mile" in text
    assert "Upload police.uk files" not in text
    assert upload_page.status_code == 403


def test_imports_through_another_partnership_do_not_say_whose(
    analyst, partnership_a, partnership_b, make_user, city_area
):
    AreaFactory(partnership=partnership_b)
    upload(client_for(analyst), partnership_a, city_files()[0])

    page = client_for(make_user(partnership_b, Role.VIEWER)).get(
        reverse("crime:overview", args=[partnership_b.slug])
    )

    text = page.content.decode()
    assert "Another partnership" in text
    assert analyst.username not in text and partnership_a.name not in text


def test_an_analyst_adds_an_area_from_a_local_authority(analyst, partnership_a):
    with gzip.open(POPULATION, "rt", encoding="utf-8-sig", newline="") as handle:
        city_lsoas = sorted(
            row["LSOA Code"]
            for row in csv.DictReader(handle)
            if row["LA Code (2020 boundaries)"] == "E09000001"
        )

    response = client_for(analyst).post(
        reverse("crime:area-add", args=[partnership_a.slug]),
        {"name": "City of London", "forces": CITY_FORCE, "local_authority_codes": "E09000001"},
    )

    area = Area.objects.get(partnership=partnership_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("crime:area-detail", args=[partnership_a.slug, area.pk])
    assert area.lsoa_codes == city_lsoas and len(city_lsoas) == 6
    assert area.forces == [CITY_FORCE] and area.slug == "city-of-london"


def test_an_unknown_local_authority_is_refused(analyst, partnership_a):
    response = client_for(analyst).post(
        reverse("crime:area-add", args=[partnership_a.slug]),
        {"name": "Nowhere", "forces": "", "local_authority_codes": "E09999999"},
    )

    assert response.status_code == 200
    assert "“E09999999” is not a local authority code" in response.content.decode()
    assert not Area.objects.exists()


def test_the_area_page_shows_the_chart_summary_and_hotspots(viewer, partnership_a, city_area):
    run("import", str(CITY_FOLDER))
    expected = counts_from_csv()

    response = client_for(viewer).get(
        reverse("crime:area-detail", args=[partnership_a.slug, city_area.pk]),
        {"type": "Burglary", "month": "2021-12"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in text and "Burglary by month" in text
    december = re.search(r"Dec 2021</th><td[^>]*>(\d+)</td>", text)
    assert int(december[1]) == expected["2021-12", "Burglary"]
    assert "Summary for December 2021" in text
    assert "Hotspots: burglary, last 12 months" in text
    assert "rate per resident is real but misleading" in text
    burglary_map = response.context["map"]
    assert "Map: burglary, last 12 months" in text
    assert sum(row.count for row in burglary_map.rows) + burglary_map.no_location + (
        burglary_map.outside
    ) == sum(expected[month, "Burglary"] for month in _months("2021-01", "2021-12"))


@pytest.mark.parametrize("page", ["overview", "area"])
def test_page_query_counts_do_not_grow_with_the_data(viewer, partnership_a, city_area, page):
    client = client_for(viewer)
    address = (
        reverse("crime:overview", args=[partnership_a.slug])
        if page == "overview"
        else reverse("crime:area-detail", args=[partnership_a.slug, city_area.pk])
    )
    counts = []
    for files in (city_files()[:12], city_files()[12:]):
        run("import", *[str(path) for path in files])
        client.get(address)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address, {"month": "2020-12"}).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


def _months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found
