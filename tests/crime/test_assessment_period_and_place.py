"""The strategic assessment for a chosen period (the 12 months to a month, or a financial year,
to date while it is not over) and place (the area or a sub-area): its figures match the
police.uk files counted with the csv module, wrong choices are named and fall back to the
default, and the PDF and the pack paper say what they cover."""

import collections
import csv
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from saferboard.meetings.models import Paper
from tests.crime.conftest import ASB, CITY_FORCE, city_files, run
from tests.crime.test_assessment import headline_cell, months
from tests.factories import AreaFactory, SubAreaFactory

# Two busy LSOAs of the City of London, named in the files.
SUB_AREA_LSOAS = ["E01000005", "E01032739"]


@pytest.fixture
def area(partnership_a):
    return AreaFactory(
        partnership=partnership_a, name="City force area", slug="city", forces=[CITY_FORCE]
    )


@pytest.fixture
def sub_area(partnership_a, area):
    return SubAreaFactory(
        partnership=partnership_a,
        area=area,
        name="Aldgate and Bishopsgate",
        slug="aldgate",
        lsoa_codes=SUB_AREA_LSOAS,
    )


def rows_counted() -> collections.Counter:
    """(month, "asb" or "crime", LSOA code) -> rows, read with the csv module."""
    counted = collections.Counter()
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                kind = "asb" if row["Crime type"] == ASB else "crime"
                counted[row["Month"], kind, row["LSOA code"]] += 1
    return counted


def count(counted, window, kinds=("asb", "crime"), lsoas=None) -> int:
    return sum(
        n
        for (month, kind, lsoa), n in counted.items()
        if month in window and kind in kinds and (lsoas is None or lsoa in lsoas)
    )


def page(client, partnership, area, **query) -> str:
    url = reverse("crime:assessment", kwargs={"partnership": partnership.slug, "pk": area.pk})
    response = client.get(url, query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def hotspot_total(text: str) -> int:
    return int(
        re.search(
            r"LSOAs with most records \(all crime and anti-social behaviour\), "
            r"of (\d+) in",
            text,
        )[1]
    )


def outcomes_total(text: str) -> int:
    return int(re.search(r"Of (\d+) crimes \(anti-social behaviour has no outcomes\)", text)[1])


def test_a_financial_year_covers_april_to_march(
    city_imported, manager_a_client, partnership_a, area
):
    counted = rows_counted()
    year = months("2020-04", "2021-03")

    text = page(manager_a_client, partnership_a, area, year="2020")

    assert "Strategic assessment: financial year 2020/21" in text
    assert hotspot_total(text) == count(counted, year)
    assert outcomes_total(text) == count(counted, year, ("crime",))
    # The headline windows end with the year's last month: its FYTD is the whole year.
    assert headline_cell(text, "all", "fytd") == count(counted, year)
    assert headline_cell(text, "all", "this_month") == count(counted, ["2021-03"])
    assert headline_cell(text, "all-crime", "previous_fytd") == count(
        counted, months("2020-01", "2020-03"), ("crime",)
    )


def test_a_year_not_over_runs_to_the_latest_month_and_says_so(
    city_imported, manager_a_client, partnership_a, area
):
    counted = rows_counted()

    text = page(manager_a_client, partnership_a, area, year="2021")

    assert "financial year 2021/22, April to December 2021 (year to date)" in text
    assert hotspot_total(text) == count(counted, months("2021-04", "2021-12"))
    assert headline_cell(text, ASB, "rolling_12") == count(
        counted, months("2021-01", "2021-12"), ("asb",)
    )


def test_the_year_list_offers_the_years_loaded(
    city_imported, manager_a_client, partnership_a, area
):
    text = page(manager_a_client, partnership_a, area)

    choices = re.findall(r'<option value="(\d{4})"', text)
    # January 2020 to December 2021 touch 2019/20, 2020/21 and 2021/22.
    assert sorted(choices) == ["2019", "2020", "2021"]


def test_a_sub_area_report_counts_only_its_lsoas(
    city_imported, manager_a_client, partnership_a, area, sub_area
):
    counted = rows_counted()
    window = months("2021-01", "2021-12")

    text = page(manager_a_client, partnership_a, area, month="2021-12", sub_area=sub_area.pk)

    assert "City force area: Aldgate and Bishopsgate" in text
    assert hotspot_total(text) == count(counted, window, lsoas=SUB_AREA_LSOAS)
    assert hotspot_total(text) < count(counted, window)
    assert headline_cell(text, "all-crime", "this_month") == count(
        counted, ["2021-12"], ("crime",), SUB_AREA_LSOAS
    )
    table = re.search(r'id="hotspot-lsoas">(.*?)</table>', text, re.S)[1]
    assert set(re.findall(r"E0\d{7}", table)) == set(SUB_AREA_LSOAS)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"month": "2021-13"}, "Enter the month as YYYY-MM, for example 2021-06: “2021-13”"),
        ({"year": "2030"}, "Choose the financial year from the list: no month of 2030/31"),
        ({"year": "last"}, "Choose the financial year from the list: “last” is not a year"),
        ({"period": "year"}, "Choose the financial year to report on."),
        ({"sub_area": "999999"}, "Choose the place from the list: City force area has no sub"),
    ],
)
def test_a_wrong_choice_is_named_and_the_default_shown(
    city_imported, manager_a_client, partnership_a, area, query, message
):
    text = page(manager_a_client, partnership_a, area, **query)

    assert "There is a problem" in text
    assert message in text
    assert "Strategic assessment: 12 months to December 2021" in text


def test_another_areas_sub_area_is_not_a_place_of_this_one(
    city_imported, manager_a_client, partnership_a, partnership_b, area
):
    theirs = SubAreaFactory(partnership=partnership_b, lsoa_codes=SUB_AREA_LSOAS)
    mine_elsewhere = SubAreaFactory(partnership=partnership_a, lsoa_codes=SUB_AREA_LSOAS)

    for other in (theirs, mine_elsewhere):
        text = page(manager_a_client, partnership_a, area, sub_area=other.pk)
        assert "has no sub-area" in text
        assert other.name not in text


def test_the_pdf_says_the_period_and_place(
    city_imported, manager_a_client, partnership_a, area, sub_area
):
    url = reverse("crime:assessment-pdf", kwargs={"partnership": partnership_a.slug, "pk": area.pk})

    response = manager_a_client.get(url, {"year": "2021", "sub_area": sub_area.pk})

    assert response.status_code == 200
    assert (
        'filename="strategic-assessment-city-aldgate-2021-22-to-2021-12.pdf"'
        in response["Content-Disposition"]
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "City force area: Aldgate and Bishopsgate" in text
    assert "April to December 2021 (year to date)" in text
    assert "Hotspots, financial year 2021/22" in text


def test_a_pdf_asked_for_wrongly_goes_back_to_the_page_that_says_why(
    city_imported, manager_a_client, partnership_a, area
):
    url = reverse("crime:assessment-pdf", kwargs={"partnership": partnership_a.slug, "pk": area.pk})

    response = manager_a_client.get(url, {"year": "1999"}, follow=True)

    assert response.redirect_chain[0][1] == 302
    assert "no month of 1999/00 is loaded" in html.unescape(response.content.decode())


def test_the_page_links_the_pdf_and_the_pack_form_to_the_chosen_report(
    city_imported, manager_a_client, partnership_a, area, sub_area, item
):
    text = page(manager_a_client, partnership_a, area, year="2020", sub_area=sub_area.pk)

    assert f"assessment.pdf?year=2020&sub_area={sub_area.pk}" in text.replace("&amp;", "&")
    form = re.search(r'<form method="post" action="[^"]*to-pack/"(.*?)</form>', text, re.S)[1]
    assert '<input type="hidden" name="year" value="2020">' in form
    assert f'<input type="hidden" name="sub_area" value="{sub_area.pk}">' in form


def test_the_pack_paper_is_the_chosen_period_and_place(
    city_imported,
    manager_a_client,
    partnership_a,
    area,
    sub_area,
    item,
):
    url = reverse(
        "crime:assessment-to-pack", kwargs={"partnership": partnership_a.slug, "pk": area.pk}
    )

    response = manager_a_client.post(
        url, {"year": "2020", "sub_area": sub_area.pk, "item": item.pk}
    )

    assert response.status_code == 302
    paper = Paper.objects.get(item=item)
    assert paper.title == (
        "Strategic assessment: City force area: Aldgate and Bishopsgate, financial year 2020/21"
    )
    assert paper.original_name == "strategic-assessment-city-aldgate-2020-21.pdf"


def test_a_pack_paper_asked_for_wrongly_is_not_made(
    city_imported,
    manager_a_client,
    partnership_a,
    area,
    item,
):
    url = reverse(
        "crime:assessment-to-pack", kwargs={"partnership": partnership_a.slug, "pk": area.pk}
    )

    response = manager_a_client.post(url, {"year": "2030", "item": item.pk}, follow=True)

    assert "no month of 2030/31 is loaded" in html.unescape(response.content.decode())
    assert not Paper.objects.exists()


def test_the_query_count_does_not_grow_with_the_data(
    db, manager_a_client, partnership_a, area, sub_area
):
    files = city_files()
    url = reverse("crime:assessment", kwargs={"partnership": partnership_a.slug, "pk": area.pk})
    query = {"year": "2020", "sub_area": sub_area.pk}
    counts = []
    for chunk in (files[:6], files[6:]):
        run("import", *(str(p) for p in chunk))
        with CaptureQueriesContext(connection) as queries:
            assert manager_a_client.get(url, query).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
