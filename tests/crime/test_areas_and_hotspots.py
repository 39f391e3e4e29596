"""Areas, sub-areas, outcome shares and hotspots on the real City of London files, each
checked against figures computed here from the CSVs."""

import collections
import csv
import datetime
import gzip

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.crime import analysis, geography
from saferboard.crime.services import area_create, sub_area_create
from tests.crime.conftest import ASB, CITY_FORCE, city_files, run

YEAR_2021 = (datetime.date(2021, 1, 1), datetime.date(2021, 12, 1))


def rows_of_2021() -> list[dict]:
    rows = []
    for path in city_files():
        if path.name.startswith("2021"):
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows += list(csv.DictReader(handle))
    return rows


@pytest.fixture
def city_of_london(city_imported, partnership_b):
    """The local authority's own LSOAs: records over the boundary (Camden, Islington...) and
    with no location are left out."""
    return area_create(
        partnership=partnership_b,
        name="City of London",
        by=None,
        forces=[CITY_FORCE],
        local_authority_codes=["E09000001"],
    )


def test_an_area_of_a_local_authority_counts_only_its_lsoas(city_of_london):
    rows = rows_of_2021()
    inside = set(city_of_london.lsoa_codes)

    series = analysis.monthly_series(
        scope=analysis.scope_for_area(city_of_london),
        crime_type=analysis.ALL,
        first=YEAR_2021[0],
        last=YEAR_2021[1],
    )
    force_wide = analysis.monthly_series(
        scope=analysis.scope_for_force(CITY_FORCE),
        crime_type=analysis.ALL,
        first=YEAR_2021[0],
        last=YEAR_2021[1],
    )

    assert sum(n for _, n in series) == sum(1 for row in rows if row["LSOA code"] in inside)
    assert sum(n for _, n in force_wide) == len(rows)
    assert sum(n for _, n in series) < len(rows)


def test_the_command_line_takes_an_area_by_slug(city_of_london, partnership_b):
    rows = rows_of_2021()
    inside = set(city_of_london.lsoa_codes)

    by_slug = run(
        "series",
        "--area",
        "city-of-london",
        "--type",
        "all-crime",
        "--from",
        "2021-01",
        "--to",
        "2021-12",
        "--json",
    )
    by_both = run(
        "summary",
        "--area",
        f"{partnership_b.slug}/city-of-london",
        "--month",
        "2021-12",
        "--json",
    )

    expected = sum(1 for r in rows if r["LSOA code"] in inside and r["Crime type"] != ASB)
    assert by_slug["area"] == "City of London"
    assert sum(month["count"] for month in by_slug["months"]) == expected
    row = next(r for r in by_both["crime_types"] if r["type"] == "all-crime")
    assert row["rolling_12"] == expected


def test_a_sub_area_counts_its_lsoas_only(city_of_london):
    two = city_of_london.lsoa_codes[:2]
    sub_area = sub_area_create(area=city_of_london, name="North", lsoa_codes=two, by=None)

    series = analysis.monthly_series(
        scope=analysis.scope_for_area(city_of_london, sub_area),
        crime_type=analysis.ALL,
        first=YEAR_2021[0],
        last=YEAR_2021[1],
    )

    assert sum(n for _, n in series) == sum(1 for r in rows_of_2021() if r["LSOA code"] in two)


def test_a_sub_area_outside_its_area_is_refused(city_of_london):
    with pytest.raises(BusinessRuleError) as refused:
        sub_area_create(area=city_of_london, name="Camden", lsoa_codes=["E01000916"], by=None)

    assert "E01000916" in str(refused.value)


def test_outcome_shares_and_the_share_charged_or_summonsed(city_imported):
    rows = [r for r in rows_of_2021() if r["Crime type"] != ASB]
    outcomes = collections.Counter(r["Last outcome category"] for r in rows)

    shares, charged = analysis.outcome_shares(
        scope=analysis.scope_for_force(CITY_FORCE),
        crime_type=analysis.ALL_CRIME,
        first=YEAR_2021[0],
        last=YEAR_2021[1],
    )

    assert {share.name: share.count for share in shares} == dict(outcomes)
    assert shares[0].count == max(outcomes.values())
    assert shares[0].percent == round(max(outcomes.values()) / len(rows) * 100, 1)
    assert (
        charged.count
        == sum(n for name, n in outcomes.items() if name in analysis.CHARGE_OR_SUMMONS)
        > 0
    )
    assert charged.total == len(rows)


def test_top_lsoas_have_their_share_and_rate_with_the_city_caveat(city_imported):
    rows = rows_of_2021()
    by_lsoa = collections.Counter(r["LSOA code"] for r in rows if r["LSOA code"])
    population, authority, residents = {}, {}, collections.Counter()
    path = geography.resources.files("saferboard.crime") / geography.POPULATION_FILE
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            population[row["LSOA Code"]] = int(row["All Ages"].replace(",", ""))
            authority[row["LSOA Code"]] = row["LA Code (2020 boundaries)"]
            residents[authority[row["LSOA Code"]]] += population[row["LSOA Code"]]

    hotspots, total, no_location = analysis.top_lsoas(
        scope=analysis.scope_for_force(CITY_FORCE),
        crime_type=analysis.ALL,
        first=YEAR_2021[0],
        last=YEAR_2021[1],
        limit=5,
    )

    top_code, top_count = by_lsoa.most_common(1)[0]
    assert total == len(rows)
    assert no_location == sum(1 for r in rows if not r["LSOA code"])
    assert hotspots[0].code == top_code and hotspots[0].count == top_count
    assert hotspots[0].percent == round(top_count / len(rows) * 100, 1)
    assert hotspots[0].rate_per_1000 == round(top_count / population[top_code] * 1000, 1)
    # The City of London has under 10,000 residents: its rates carry the caveat.
    assert authority[top_code] == "E09000001" and residents["E09000001"] < 10_000
    assert hotspots[0].small_resident_population is True
    camden = analysis.Hotspot("E01000916", "Camden 027B", 1, 1, population["E01000916"])
    assert camden.small_resident_population is False


def test_top_locations_come_from_the_records(city_imported):
    rows = [r for r in rows_of_2021() if r["Crime type"] == "Theft from the person"]
    by_location = collections.Counter(r["Location"] for r in rows if r["LSOA code"])

    top = analysis.top_locations(
        scope=analysis.scope_for_force(CITY_FORCE),
        crime_type="Theft from the person",
        first=YEAR_2021[0],
        last=YEAR_2021[1],
        limit=3,
    )

    assert [(s.name, s.count) for s in top] == sorted(
        by_location.items(), key=lambda item: (-item[1], item[0])
    )[:3]
    assert top[0].total == len(rows)
