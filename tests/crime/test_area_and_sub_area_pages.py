"""Changing and deleting areas, and adding, changing, deleting and reading sub-areas: managers
and analysts edit, everyone in the partnership reads, another partnership gets 404; a stale
or wrong save changes nothing; an area an indicator counts from is not deleted."""

import collections
import csv
import gzip
import html
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.crime.models import Area, SubArea
from saferboard.crime.services import area_create, sub_area_create
from tests.crime.conftest import CITY_FORCE, city_files, run
from tests.crime.test_pages import POPULATION
from tests.factories import IndicatorFactory

CITY = "E09000001"


def city_lsoas() -> list[str]:
    with gzip.open(POPULATION, "rt", encoding="utf-8-sig", newline="") as handle:
        return sorted(
            row["LSOA Code"]
            for row in csv.DictReader(handle)
            if row["LA Code (2020 boundaries)"] == CITY
        )


@pytest.fixture
def analyst_client(make_user, partnership_a):
    client = Client()
    client.force_login(make_user(partnership_a, Role.ANALYST))
    return client


@pytest.fixture
def area(partnership_a):
    return area_create(
        partnership=partnership_a,
        name="City of London",
        by=None,
        forces=[CITY_FORCE],
        local_authority_codes=[CITY],
    )


@pytest.fixture
def sub_area(area):
    return sub_area_create(area=area, name="East", lsoa_codes=city_lsoas()[:2], by=None)


def url(name, partnership, record) -> str:
    return reverse(f"crime:{name}", kwargs={"partnership": partnership.slug, "pk": record.pk})


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def area_form(**changes) -> dict:
    return {
        "name": "The Square Mile",
        "description": "The City's own neighbourhoods.",
        "forces": CITY_FORCE,
        "local_authority_codes": CITY,
        "version": "1",
    } | changes


def test_an_analyst_changes_an_area(analyst_client, partnership_a, area):
    page = text_of(analyst_client.get(url("area-edit", partnership_a, area)))
    assert 'name="version" value="1"' in page and "City of London Police" in page

    response = analyst_client.post(
        url("area-edit", partnership_a, area), area_form(local_authority_codes="", forces="")
    )
    assert response.status_code == 200
    assert "Name at least one police force or local authority" in text_of(response)

    response = analyst_client.post(url("area-edit", partnership_a, area), area_form())

    assert response.status_code == 302
    area.refresh_from_db()
    assert area.name == "The Square Mile" and area.slug == "city-of-london"
    assert area.description == "The City's own neighbourhoods."
    assert area.lsoa_codes == city_lsoas() and area.version == 2


def test_dropping_the_local_authority_makes_it_the_whole_force_area(
    analyst_client, partnership_a, area
):
    response = analyst_client.post(
        url("area-edit", partnership_a, area), area_form(local_authority_codes="")
    )

    assert response.status_code == 302
    area.refresh_from_db()
    assert area.lsoa_codes == [] and area.local_authority_codes == []


def test_a_stale_save_is_refused_and_nothing_changes(analyst_client, partnership_a, area):
    analyst_client.post(url("area-edit", partnership_a, area), area_form(name="First"))

    response = analyst_client.post(
        url("area-edit", partnership_a, area), area_form(name="Second", version="1")
    )

    assert response.status_code == 200
    assert "was changed by someone else after you opened it" in text_of(response)
    area.refresh_from_db()
    assert area.name == "First" and area.version == 2


def test_a_wrong_local_authority_changes_nothing(analyst_client, partnership_a, area):
    response = analyst_client.post(
        url("area-edit", partnership_a, area),
        area_form(name="Renamed", local_authority_codes="E09999999"),
    )

    assert "“E09999999” is not a local authority code" in text_of(response)
    area.refresh_from_db()
    assert area.name == "City of London" and area.version == 1


def test_an_area_change_that_would_leave_a_sub_area_outside_it_is_refused(
    analyst_client, partnership_a, area, sub_area
):
    response = analyst_client.post(
        url("area-edit", partnership_a, area), area_form(local_authority_codes="E09000007")
    )

    assert "The sub-area “East” has LSOAs that would no longer be in City of London" in (
        text_of(response)
    )
    area.refresh_from_db()
    assert area.local_authority_codes == [CITY] and area.version == 1


def test_deleting_an_area_asks_first_and_takes_its_sub_areas(
    analyst_client, partnership_a, area, sub_area
):
    page = text_of(analyst_client.get(url("area-delete", partnership_a, area)))
    assert "Delete “City of London”?" in page and "East will be deleted too" in page

    response = analyst_client.post(url("area-delete", partnership_a, area))

    assert response.status_code == 302
    assert not Area.objects.filter(pk=area.pk).exists()
    assert not SubArea.objects.filter(pk=sub_area.pk).exists()
    assert Area.history.filter(id=area.pk, history_type="-").exists()


def test_an_area_an_indicator_counts_from_is_not_deleted(analyst_client, partnership_a, area):
    IndicatorFactory(
        partnership=partnership_a,
        code="ASB 1",
        value_source="police_uk",
        value_source_options={"area": area.slug, "type": "all"},
    )

    page = text_of(analyst_client.get(url("area-delete", partnership_a, area)))
    assert "The indicator ASB 1 takes its values from this area" in page
    response = analyst_client.post(url("area-delete", partnership_a, area))

    assert response.status_code == 200
    assert "City of London cannot be deleted: the indicator ASB 1 takes its values" in (
        text_of(response)
    )
    assert Area.objects.filter(pk=area.pk).exists()


def test_an_analyst_adds_a_sub_area_from_the_areas_lsoas(analyst_client, partnership_a, area):
    lsoas = city_lsoas()
    page = text_of(analyst_client.get(url("sub-area-add", partnership_a, area)))
    assert "The area's 6 LSOAs" in page and "City of London 001A" in page

    outside = analyst_client.post(
        url("sub-area-add", partnership_a, area),
        {"name": "Over the border", "lsoa_codes": f"{lsoas[0]}, E01000907"},
    )
    assert "These are not LSOAs of City of London: E01000907." in text_of(outside)
    assert not SubArea.objects.exists()

    response = analyst_client.post(
        url("sub-area-add", partnership_a, area),
        {"name": "North", "lsoa_codes": f"{lsoas[0]}, {lsoas[1].lower()}\n{lsoas[2]}"},
    )

    sub_area = SubArea.objects.get()
    assert response["Location"] == url("sub-area-detail", partnership_a, sub_area)
    assert sub_area.lsoa_codes == lsoas[:3] and sub_area.area == area
    assert sub_area.slug == "north" and sub_area.partnership == partnership_a


def test_a_sub_area_is_changed_with_the_version_check(
    analyst_client, partnership_a, area, sub_area
):
    lsoas = city_lsoas()
    address = url("sub-area-edit", partnership_a, sub_area)
    assert 'name="version" value="1"' in text_of(analyst_client.get(address))

    saved = analyst_client.post(
        address, {"name": "East End", "lsoa_codes": lsoas[4], "version": "1"}
    )
    stale = analyst_client.post(address, {"name": "Lost", "lsoa_codes": lsoas[5], "version": "1"})

    assert saved.status_code == 302
    assert "was changed by someone else" in text_of(stale)
    sub_area.refresh_from_db()
    assert (sub_area.name, sub_area.lsoa_codes, sub_area.version) == ("East End", [lsoas[4]], 2)


def test_a_sub_area_is_deleted(analyst_client, partnership_a, area, sub_area):
    assert "Delete “East”?" in text_of(
        analyst_client.get(url("sub-area-delete", partnership_a, sub_area))
    )

    response = analyst_client.post(url("sub-area-delete", partnership_a, sub_area))

    assert response["Location"] == url("area-detail", partnership_a, area)
    assert not SubArea.objects.exists()
    assert Area.objects.filter(pk=area.pk).exists()


def test_the_sub_area_page_counts_only_its_lsoas(
    city_imported, viewer_a_client, partnership_a, area, sub_area
):
    counted = collections.Counter()
    for path in city_files():
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                if row["LSOA code"] in sub_area.lsoa_codes:
                    counted[row["Month"]] += 1

    response = viewer_a_client.get(
        url("sub-area-detail", partnership_a, sub_area), {"month": "2021-12"}
    )

    page = text_of(response)
    assert response.status_code == 200
    assert "<svg" in page and "Summary for December 2021" in page
    december = re.search(r"Dec 2021</th><td[^>]*>(\d+)</td>", page)
    assert int(december[1]) == counted["2021-12"]
    last_12 = sum(n for month, n in counted.items() if month >= "2021-01")
    assert f"The LSOAs with most records, of {last_12} in City of London: East" in page
    table = re.search(r'id="hotspots">(.*?)</table>', page, re.S)[1]
    assert set(re.findall(r"E0\d{7}", table)) <= set(sub_area.lsoa_codes)
    assert "Change the sub-area" not in page  # a viewer reads


def test_the_area_page_lists_its_sub_areas_and_offers_editing_to_editors(
    analyst_client, viewer_a_client, partnership_a, area, sub_area
):
    for_analyst = text_of(analyst_client.get(url("area-detail", partnership_a, area)))
    for_viewer = text_of(viewer_a_client.get(url("area-detail", partnership_a, area)))

    assert url("sub-area-detail", partnership_a, sub_area) in for_viewer
    assert "Change the area" in for_analyst and "Add a sub-area" in for_analyst
    assert "Change the area" not in for_viewer and "Delete the area" not in for_viewer


EDITING = ["area-edit", "area-delete", "sub-area-add", "sub-area-edit", "sub-area-delete"]


@pytest.mark.parametrize("name", EDITING)
def test_a_viewer_may_not_edit(viewer_a_client, partnership_a, area, sub_area, name):
    record = sub_area if name.startswith("sub-area-") and name != "sub-area-add" else area

    assert viewer_a_client.get(url(name, partnership_a, record)).status_code == 403
    response = viewer_a_client.post(
        url(name, partnership_a, record), area_form() | {"lsoa_codes": city_lsoas()[0]}
    )

    assert response.status_code == 403
    assert Area.objects.get().version == 1 and SubArea.objects.get().version == 1


@pytest.mark.parametrize("name", [*EDITING, "sub-area-detail", "area-detail"])
def test_another_partnership_gets_404(
    manager_b_client, partnership_a, partnership_b, area, sub_area, name
):
    record = sub_area if name.startswith("sub-area-") and name != "sub-area-add" else area
    for partnership in (partnership_a, partnership_b):
        address = url(name, partnership, record)
        assert manager_b_client.get(address).status_code == 404
        if name in EDITING:
            assert manager_b_client.post(address, area_form()).status_code == 404
    assert Area.objects.get().version == 1 and SubArea.objects.get().version == 1


def test_the_sub_area_page_query_count_does_not_grow_with_the_data(
    db, viewer_a_client, partnership_a, area, sub_area
):
    address = url("sub-area-detail", partnership_a, sub_area)
    counts = []
    for files in (city_files()[:12], city_files()[12:]):
        run("import", *[str(path) for path in files])
        viewer_a_client.get(address)
        with CaptureQueriesContext(connection) as queries:
            assert viewer_a_client.get(address, {"month": "2020-12"}).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]
