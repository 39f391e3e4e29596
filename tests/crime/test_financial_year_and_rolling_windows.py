"""FYTD and rolling 12 months across the April (financial year) and January (calendar year)
boundaries, checked against sums of the real files' counts made here."""

import pytest

from tests.crime.conftest import ASB, CITY_FORCE, counts_from_csv, run


def total(expected, first: str, last: str, crime_type=None) -> int:
    return sum(
        n
        for (month, kind), n in expected.items()
        if first <= month <= last and (crime_type is None or kind == crime_type)
    )


def row_of(document, crime_type):
    return next(row for row in document["crime_types"] if row["type"] == crime_type)


@pytest.mark.parametrize(
    ("month", "fytd", "previous_fytd", "rolling", "previous_rolling"),
    [
        # April: the financial year starts again; FYTD is one month.
        (
            "2021-04",
            ("2021-04", "2021-04"),
            ("2020-04", "2020-04"),
            ("2020-05", "2021-04"),
            ("2019-05", "2020-04"),
        ),
        # March: the last month of the financial year.
        (
            "2021-03",
            ("2020-04", "2021-03"),
            ("2019-04", "2020-03"),
            ("2020-04", "2021-03"),
            ("2019-04", "2020-03"),
        ),
        # January: the FYTD runs on across the new calendar year.
        (
            "2021-01",
            ("2020-04", "2021-01"),
            ("2019-04", "2020-01"),
            ("2020-02", "2021-01"),
            ("2019-02", "2020-01"),
        ),
        # December: rolling 12 is the calendar year.
        (
            "2021-12",
            ("2021-04", "2021-12"),
            ("2020-04", "2020-12"),
            ("2021-01", "2021-12"),
            ("2020-01", "2020-12"),
        ),
    ],
)
def test_windows_around_april_and_january(
    city_imported, month, fytd, previous_fytd, rolling, previous_rolling
):
    expected = counts_from_csv()
    year_before = f"{int(month[:4]) - 1}{month[4:]}"

    document = run("summary", "--force", CITY_FORCE, "--month", month, "--json")

    assert document["periods"]["fytd"]["from"] == fytd[0]
    assert document["periods"]["previous_rolling_12"]["to"] == previous_rolling[1]
    for crime_type in ("Burglary", ASB):
        row = row_of(document, crime_type)
        assert row["this_month"] == total(expected, month, month, crime_type)
        assert row["same_month_last_year"] == total(expected, year_before, year_before, crime_type)
        assert row["fytd"] == total(expected, *fytd, crime_type)
        assert row["previous_fytd"] == total(expected, *previous_fytd, crime_type)
        assert row["rolling_12"] == total(expected, *rolling, crime_type)
        assert row["previous_rolling_12"] == total(expected, *previous_rolling, crime_type)
    everything = row_of(document, "all")
    assert everything["rolling_12"] == total(expected, *rolling)
    without_asb = row_of(document, "all-crime")
    assert without_asb["rolling_12"] == total(expected, *rolling) - total(expected, *rolling, ASB)


def test_changes_are_percentages_and_null_where_the_base_is_zero(city_imported):
    expected = counts_from_csv()

    document = run("summary", "--force", CITY_FORCE, "--month", "2021-12", "--json")
    early = run("summary", "--force", CITY_FORCE, "--month", "2020-06", "--json")

    burglary = row_of(document, "Burglary")
    now, before = burglary["fytd"], burglary["previous_fytd"]
    assert before == total(expected, "2020-04", "2020-12", "Burglary") > 0
    assert burglary["fytd_change_pct"] == round((now - before) / before * 100, 1)
    # Before January 2020 nothing is loaded: the base is 0, the change is null, and the
    # window says it is incomplete.
    assert row_of(early, "all")["previous_fytd"] == 0
    assert row_of(early, "all")["fytd_change_pct"] is None
    assert early["periods"]["previous_fytd"]["complete"] is False
    assert early["periods"]["fytd"]["complete"] is True
