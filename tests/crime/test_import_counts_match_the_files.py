"""The real City of London files: every month's count per crime type is what the files say,
and importing them again changes nothing."""

from saferboard.crime.models import CrimeCount, CrimeRecord, LoadedMonth
from tests.crime.conftest import CITY_FOLDER, CITY_FORCE, city_files, counts_from_csv, run


def series_by_type(crime_types) -> dict:
    found = {}
    for crime_type in crime_types:
        document = run(
            "series",
            "--force",
            CITY_FORCE,
            "--type",
            crime_type,
            "--from",
            "2020-01",
            "--to",
            "2021-12",
            "--json",
        )
        for row in document["months"]:
            found[row["month"], crime_type] = row["count"]
    return found


def test_monthly_counts_per_crime_type_match_the_csv_files(city_imported):
    expected = counts_from_csv()
    crime_types = sorted({crime_type for _, crime_type in expected})

    found = series_by_type(crime_types)

    assert len(crime_types) == 14
    assert {key: n for key, n in found.items() if n} == dict(expected)
    assert city_imported["rows_read"] == city_imported["rows_stored"] == sum(expected.values())
    assert city_imported["files"] == 24
    assert len(city_imported["months"]) == 24


def test_importing_the_same_files_again_leaves_every_count_unchanged(city_imported):
    expected = counts_from_csv()
    crime_types = sorted({crime_type for _, crime_type in expected})
    before = series_by_type(crime_types)
    counts_before = CrimeCount.objects.count()

    again = run("import", *[str(path) for path in city_files()])

    assert series_by_type(crime_types) == before
    assert again["rows_replaced"] == again["rows_stored"] == sum(expected.values())
    assert CrimeRecord.objects.count() == sum(expected.values())
    assert CrimeCount.objects.count() == counts_before
    assert LoadedMonth.objects.count() == 24
    assert set(LoadedMonth.objects.values_list("crime_import", flat=True)) == {again["import"]}


def test_reimporting_one_month_replaces_only_that_month(city_imported):
    january = CITY_FOLDER / "2020-01-city-of-london-street.csv"
    expected = counts_from_csv()

    again = run("import", str(january))

    assert again["months"] == ["2020-01"]
    assert again["rows_replaced"] == sum(n for (m, _), n in expected.items() if m == "2020-01")
    assert CrimeRecord.objects.count() == sum(expected.values())


def test_anti_social_behaviour_rows_without_a_crime_id_are_counted(city_imported):
    expected = counts_from_csv()
    asb = run(
        "series",
        "--force",
        CITY_FORCE,
        "--type",
        "anti-social-behaviour",
        "--from",
        "2020-01",
        "--to",
        "2021-12",
        "--json",
    )

    assert sum(row["count"] for row in asb["months"]) == sum(
        n for (_, crime_type), n in expected.items() if crime_type == "Anti-social behaviour"
    )
    assert CrimeRecord.objects.filter(crime_type="Anti-social behaviour", crime_id="").exists()
