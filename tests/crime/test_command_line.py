"""`saferboard crime series` and `summary`: one JSON document each, in the documented shape,
straight after `crime import`; errors are one clear line and a non-zero exit."""

import pytest
from django.core.management.base import CommandError

from saferboard.crime.models import CrimeType
from tests.crime.conftest import ASB, CITY_FOLDER, CITY_FORCE, counts_from_csv, run


def test_series_shape_and_zero_filled_months(city_imported):
    document = run(
        "series",
        "--force",
        CITY_FORCE,
        "--type",
        "Burglary",
        "--from",
        "2019-11",
        "--to",
        "2020-03",
        "--json",
    )
    expected = counts_from_csv()

    assert set(document) == {"area", "type", "months"}
    assert document["area"] == CITY_FORCE
    assert document["type"] == "Burglary"
    assert document["months"] == [
        {"month": "2019-11", "count": 0},
        {"month": "2019-12", "count": 0},
        *[
            {"month": m, "count": expected[m, "Burglary"]}
            for m in ("2020-01", "2020-02", "2020-03")
        ],
    ]


def test_all_and_all_crime_differ_by_anti_social_behaviour(city_imported):
    expected = counts_from_csv()
    args = ("--force", CITY_FORCE, "--from", "2021-01", "--to", "2021-03", "--json")

    everything = run("series", "--type", "all", *args)
    crime_only = run("series", "--type", "all-crime", *args)

    assert everything["type"] == "all" and crime_only["type"] == "all-crime"
    for with_asb, without in zip(everything["months"], crime_only["months"], strict=True):
        month = with_asb["month"]
        assert with_asb["count"] == sum(n for (m, _), n in expected.items() if m == month)
        assert with_asb["count"] - without["count"] == expected[month, ASB]


def test_summary_lists_every_crime_type_with_each_window(city_imported):
    document = run("summary", "--force", CITY_FORCE, "--month", "2021-06", "--json")

    assert document["area"] == CITY_FORCE and document["month"] == "2021-06"
    types = [row["type"] for row in document["crime_types"]]
    assert types == [*CrimeType.values, "all-crime", "all"]
    for row in document["crime_types"]:
        assert set(row) == {
            "type",
            "this_month",
            "same_month_last_year",
            "this_month_change_pct",
            "fytd",
            "previous_fytd",
            "fytd_change_pct",
            "rolling_12",
            "previous_rolling_12",
            "rolling_12_change_pct",
        }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (
                "series",
                "--force",
                "Kent Police",
                "--type",
                "all",
                "--from",
                "2020-01",
                "--to",
                "2020-02",
            ),
            "No records fall within “Kent Police”",
        ),
        (
            (
                "series",
                "--force",
                CITY_FORCE,
                "--type",
                "Littering",
                "--from",
                "2020-01",
                "--to",
                "2020-02",
            ),
            "“Littering” is not a crime type",
        ),
        (
            (
                "series",
                "--force",
                CITY_FORCE,
                "--type",
                "all",
                "--from",
                "2020-13",
                "--to",
                "2020-02",
            ),
            "not a period we recognise",
        ),
        (
            (
                "series",
                "--force",
                CITY_FORCE,
                "--type",
                "all",
                "--from",
                "2020-03",
                "--to",
                "2020-02",
            ),
            "--to 2020-02 is before --from 2020-03",
        ),
        (("summary", "--area", "nowhere", "--month", "2020-01"), "There is no area “nowhere”"),
    ],
)
def test_errors_are_one_clear_line(city_imported, args, message):
    with pytest.raises(CommandError) as raised:
        run(*args)

    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_summary_works_in_a_new_database_straight_after_import(db):
    run("import", str(CITY_FOLDER))

    document = run("summary", "--force", CITY_FORCE, "--month", "2021-12", "--json")

    assert next(r for r in document["crime_types"] if r["type"] == "all")["rolling_12"] > 0
