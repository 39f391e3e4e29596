"""The strategic assessment report: its headline figures match the police.uk files counted
independently; the PDF has every section; it goes into a meeting's pack; viewers cannot put
it there and another partnership cannot see it; its query count does not grow with data."""

import collections
import csv
import datetime
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from saferboard.crime.assessment import assessment
from saferboard.meetings.models import Paper
from tests.crime.conftest import ASB, CITY_FORCE, city_files, run
from tests.factories import AreaFactory

MONTH = "2021-06"


@pytest.fixture
def area(partnership_a):
    return AreaFactory(
        partnership=partnership_a, name="City force area", slug="city", forces=[CITY_FORCE]
    )


def month_totals() -> collections.Counter:
    """(month, "asb" or "crime") -> rows, read with the csv module."""
    counted = collections.Counter()
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                kind = "asb" if row["Crime type"] == ASB else "crime"
                counted[row["Month"], kind] += 1
    return counted


def months(first: str, last: str) -> list[str]:
    year, month = map(int, first.split("-"))
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def page_url(partnership, area, name="crime:assessment"):
    return reverse(name, kwargs={"partnership": partnership.slug, "pk": area.pk})


def headline_cell(page: str, crime_type: str, window: str) -> int:
    row = re.search(
        rf'<tr class="govuk-table__row" data-type="{crime_type}">(.*?)</tr>', page, re.S
    )
    assert row, crime_type
    cell = re.search(rf'data-window="{window}">(\d+)<', row.group(1))
    return int(cell.group(1))


def test_the_headline_figures_match_the_files_counted_with_csv(
    city_imported, manager_a_client, partnership_a, area
):
    counted = month_totals()

    def total(kind_months, kinds=("asb", "crime")):
        return sum(counted[m, k] for m in kind_months for k in kinds)

    expected = {
        "this_month": months(MONTH, MONTH),
        "same_month_last_year": months("2020-06", "2020-06"),
        "fytd": months("2021-04", MONTH),
        "previous_fytd": months("2020-04", "2020-06"),
        "rolling_12": months("2020-07", MONTH),
        "previous_rolling_12": months("2020-01", "2020-06"),  # the files start in January 2020
    }
    response = manager_a_client.get(page_url(partnership_a, area) + f"?month={MONTH}")
    assert response.status_code == 200
    page = response.content.decode()
    for window, window_months in expected.items():
        assert headline_cell(page, "all", window) == total(window_months), window
        assert headline_cell(page, "all-crime", window) == total(window_months, ("crime",))
        assert headline_cell(page, ASB, window) == total(window_months, ("asb",))
    text = html.unescape(page)
    # The rolling 12 months before reach back before the first month loaded: the page says so.
    assert "Not every month is loaded for" in text
    for heading in (
        "Headline changes",
        "Crime cards",
        "Hotspots",
        "Map",
        "Outcomes",
        "Data quality",
    ):
        assert heading in text
    assert "Repeated Crime IDs" in text and "No Location" in text


def test_the_default_month_is_the_latest_loaded(
    city_imported, manager_a_client, partnership_a, area
):
    page = html.unescape(manager_a_client.get(page_url(partnership_a, area)).content.decode())
    assert "Strategic assessment: 12 months to December 2021" in page


def test_the_data_quality_note_counts_repeated_ids_and_no_location_rows(
    city_imported, manager_a_client, partnership_a, area
):
    repeated = no_location = 0
    window = set(months("2020-01", "2021-12"))
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
        ids = collections.Counter(r["Crime ID"] for r in rows if r["Crime ID"])
        repeated += sum(1 for n in ids.values() if n > 1)
        no_location += sum(1 for r in rows if r["Month"] in window and not r["LSOA code"])
    page = html.unescape(manager_a_client.get(page_url(partnership_a, area)).content.decode())
    note = re.search(
        r'<ul class="govuk-list govuk-list--bullet" id="data-quality-notes">(.*?)</ul>', page, re.S
    ).group(1)
    assert f"Repeated Crime IDs: {repeated} Crime IDs appear" in note
    assert f'No Location": {no_location} records' in note
    assert "Every month from January 2020 to December 2021 is loaded." in note


def test_the_pdf_has_every_section_and_a_crime_type(
    city_imported, manager_a_client, partnership_a, area
):
    response = manager_a_client.get(
        page_url(partnership_a, area, "crime:assessment-pdf") + f"?month={MONTH}"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for heading in (
        "Headline changes",
        "Crime cards",
        "Hotspots",
        "Map",
        "Outcomes",
        "Data quality",
    ):
        assert heading in text
    assert "Violence and sexual offences" in text
    assert "June 2021" in text
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert round(float(width)) == 595 and round(float(height)) == 842  # A4 portrait, points


def test_a_manager_puts_the_report_in_a_meetings_pack(
    city_imported, manager_a_client, partnership_a, area, item
):
    page = manager_a_client.get(page_url(partnership_a, area) + f"?month={MONTH}")
    assert "Put in the pack" in page.content.decode()
    response = manager_a_client.post(
        page_url(partnership_a, area, "crime:assessment-to-pack"),
        {"month": MONTH, "item": item.pk},
    )
    assert response.status_code == 302
    paper = Paper.objects.get()
    assert paper.item_id == item.pk
    assert paper.generated
    assert paper.title == "Strategic assessment: City force area, 12 months to June 2021"
    # Again on the same item: the copy is replaced, not doubled.
    manager_a_client.post(
        page_url(partnership_a, area, "crime:assessment-to-pack"),
        {"month": MONTH, "item": item.pk},
    )
    assert Paper.objects.filter(item=item).count() == 1


def test_a_viewer_cannot_put_it_in_the_pack(
    city_imported, viewer_a_client, partnership_a, area, item
):
    page = viewer_a_client.get(page_url(partnership_a, area))
    assert page.status_code == 200
    assert "Put in the pack" not in page.content.decode()
    response = viewer_a_client.post(
        page_url(partnership_a, area, "crime:assessment-to-pack"),
        {"month": MONTH, "item": item.pk},
    )
    assert response.status_code == 403
    assert not Paper.objects.exists()


def test_another_partnership_gets_404(manager_b_client, partnership_a, partnership_b, area, item):
    for name in ("crime:assessment", "crime:assessment-pdf"):
        assert manager_b_client.get(page_url(partnership_a, area, name)).status_code == 404
        other = reverse(name, kwargs={"partnership": partnership_b.slug, "pk": area.pk})
        assert manager_b_client.get(other).status_code == 404
    to_pack = reverse(
        "crime:assessment-to-pack", kwargs={"partnership": partnership_b.slug, "pk": area.pk}
    )
    assert manager_b_client.post(to_pack, {"month": MONTH, "item": item.pk}).status_code == 404
    assert not Paper.objects.exists()


def test_the_page_query_count_does_not_grow_with_the_data(
    db, manager_a_client, partnership_a, area
):
    files = city_files()
    url = page_url(partnership_a, area) + "?month=2021-12"
    run("import", *(str(p) for p in files[:6]))
    with CaptureQueriesContext(connection) as few:
        assert manager_a_client.get(url).status_code == 200
    run("import", *(str(p) for p in files[6:]))
    with CaptureQueriesContext(connection) as many:
        assert manager_a_client.get(url).status_code == 200
    assert len(few) == len(many)


def test_a_cards_chart_leaves_months_not_loaded_blank(city_imported, area):
    report = assessment(area=area, month=datetime.date(2021, 6, 1))
    card = next(card for card in report.cards if card.label == ASB)
    assert len(card.series) == 24
    # July to December 2019 are not loaded: 18 points, not 24 with six false zeros.
    assert str(card.chart).count("<circle") == 18


def test_the_report_has_a_map_by_msoa_whose_counts_match_the_files(
    city_imported, manager_a_client, partnership_a, area
):
    """The choropleth covers the report's 12 months: its MSOA counts add up to the records
    with a London LSOA in those months, counted from the files with the csv module."""
    from saferboard.crime import geography, maps

    lookup, london = geography.msoa_of_lsoa(), maps.london_msoas()
    wanted = set(months("2020-07", MONTH))
    located = 0
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["Month"] in wanted and lookup.get(row["LSOA code"]) in london:
                    located += 1
    page = manager_a_client.get(page_url(partnership_a, area) + f"?month={MONTH}")
    report = page.context["report"]
    assert report.map is not None
    assert sum(row.count for row in report.map.rows) == located
    body = page.content.decode()
    assert '<h2 class="govuk-heading-m" id="map">Map</h2>' in body
    assert body.count("<path") >= len(report.map.rows)
    assert "Show the map's figures as a table" in body
