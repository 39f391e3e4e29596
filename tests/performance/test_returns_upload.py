"""Uploading returns as CSV or XLSX: every row is checked first, errors name the row and the
column, and a bad file changes nothing."""

import datetime
from decimal import Decimal

import pytest

from saferboard.performance.models import IndicatorValue
from saferboard.performance.returns_files import ReturnsFileError, returns_upload
from tests.factories import IndicatorFactory, IndicatorValueFactory
from tests.performance.returns_story import GOOD_ROWS, TODAY, Cast, csv_file, xlsx_file

FILES = {"csv": csv_file, "xlsx": xlsx_file}


@pytest.fixture
def cast(partnership_a):
    return Cast(partnership_a)


@pytest.fixture
def earlier_value(cast):
    """A return already in: the upload must never change it when the file is bad."""
    return IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2025, 6, 30),
        value=1000,
        commentary="As first returned",
    )


def upload(cast, by, kind, rows, **kwargs):
    data = FILES[kind](rows, **kwargs)
    return returns_upload(
        partnership=cast.partnership, by=by, name=f"returns.{kind}", data=data, today=TODAY
    )


def refused(cast, by, kind, rows, **kwargs) -> list[str]:
    with pytest.raises(ReturnsFileError) as caught:
        upload(cast, by, kind, rows, **kwargs)
    return caught.value.errors


def stored(cast) -> list[tuple]:
    return list(
        IndicatorValue.objects.filter(partnership=cast.partnership)
        .order_by("indicator__code", "period_start")
        .values_list("indicator__code", "period_start", "value", "commentary", "version")
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_saves_every_return(cast, manager_a, kind):
    summary = upload(cast, manager_a, kind, GOOD_ROWS)

    assert (summary.created, summary.updated, summary.unchanged) == (5, 0, 0)
    asb = cast.asb.values.order_by("period_start")
    assert [(v.period_start, v.value) for v in asb] == [
        (datetime.date(2025, 4, 1), Decimal("412")),
        (datetime.date(2025, 5, 1), Decimal("398.5")),
    ]
    second_quarter = cast.violence.values.get(period_start=datetime.date(2025, 7, 1))
    assert second_quarter.period_end == datetime.date(2025, 9, 30)
    assert second_quarter.value == 1190
    assert second_quarter.commentary == "=A1 is not a formula\nsecond line"
    assert second_quarter.source == "upload" and second_quarter.submitted_by == manager_a
    treatment = cast.treatment.values.get()
    assert (treatment.period_start, treatment.period_end) == (
        datetime.date(2024, 4, 1),
        datetime.date(2025, 3, 31),
    )
    assert (treatment.numerator, treatment.denominator) == (19, 40)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_wrong_columns_are_named_and_nothing_is_written(cast, manager_a, earlier_value, kind):
    before = stored(cast)
    headings = ["indicator", "period", "valeu", "commentary"]
    rows = [["KPI 4", "Q1 2025/26", "5", "changed"]]

    errors = refused(cast, manager_a, kind, rows, headings=headings)

    assert "Column 1, “indicator”, is not one of the columns." in errors[0]
    assert "Column 3, “valeu”, is not one of the columns." in errors[1]
    assert errors[2].startswith("The file has no indicator_code, value columns")
    assert stored(cast) == before


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_text_in_number_cells_names_row_and_column(cast, manager_a, earlier_value, kind):
    before = stored(cast)
    rows = [
        ["KPI 4", "Q1 2025/26", "1500", "", "", "would change the earlier return"],
        ["ASB 1", "2025-04", "12", "", "", ""],
        ["ASB 1", "2025-05", "twelve", "", "", ""],
        ["KPI 9", "2024/25", "47.5", "nineteen", "40", ""],
    ]

    errors = refused(cast, manager_a, kind, rows)

    assert errors == [
        "Row 4, column value: “twelve” is not a number (leave it empty and give a "
        "no_information_reason).",
        "Row 5, column numerator: “nineteen” is not a number.",
    ]
    assert stored(cast) == before


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_unknown_indicator_codes_are_refused(cast, manager_a, kind):
    rows = [["ASB 1", "2025-04", "12", "", "", ""], ["KPI 99", "Q1 2025/26", "3", "", "", ""]]

    errors = refused(cast, manager_a, kind, rows)

    assert errors == ["Row 3, column indicator_code: there is no indicator with the code “KPI 99”."]
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_same_indicator_and_period_twice_is_refused(cast, manager_a, kind):
    rows = [
        ["KPI 4", "Q1 2025/26", "1204", "", "", ""],
        ["ASB 1", "2025-04", "12", "", "", ""],
        ["KPI 4", "2025/26 Q1", "1205", "", "", ""],
    ]

    errors = refused(cast, manager_a, kind, rows)

    assert errors == [
        "Row 4: KPI 4 for Q1 2025/26 is also in row 2. Give each indicator and period once."
    ]
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_period_of_the_wrong_frequency_or_not_yet_ended_is_refused(cast, manager_a, kind):
    rows = [
        ["KPI 4", "2025-04", "1204", "", "", ""],
        ["ASB 1", "Q1 2025/26", "12", "", "", ""],
        ["ASB 1", "2026-01", "12", "", "", ""],
        ["KPI 9", "sometime", "40", "", "", ""],
    ]

    errors = refused(cast, manager_a, kind, rows)

    assert errors[0] == (
        "Row 2, column period: KPI 4 is quarterly, so give a quarter, like “Q1 2025/26”, "
        "not “2025-04”."
    )
    assert errors[1] == (
        "Row 3, column period: ASB 1 is monthly, so give a month, like “2025-04”, not “Q1 2025/26”."
    )
    assert errors[2] == (
        "Row 4, column period: January 2026 has not ended yet: send its return once it is over."
    )
    assert errors[3].startswith("Row 5, column period: “sometime” is not a period we recognise.")
    assert not IndicatorValue.objects.exists()


def test_one_bad_row_among_good_ones_saves_nothing(cast, manager_a, earlier_value):
    before = stored(cast)
    rows = [*GOOD_ROWS, ["KPI 4", "Q3 2025/26", "-3", "", "", ""]]

    errors = refused(cast, manager_a, "csv", rows)

    assert errors == ["Row 7, column value: -3 is below zero: returns cannot be negative."]
    assert stored(cast) == before


def test_no_information_needs_a_reason_and_is_saved_with_it(cast, manager_a):
    headings = ["indicator_code", "period", "value", "no_information_reason"]
    rows = [["KPI 4", "Q2 2025/26", "", "Recording system replaced in August"]]

    summary = upload(cast, manager_a, "csv", rows, headings=headings)

    value = cast.violence.values.get()
    assert summary.created == 1
    assert value.value is None
    assert value.no_information_reason == "Recording system replaced in August"
    no_reason = [["ASB 1", "2025-04", "", "", "", "Commentary but no value"]]
    assert refused(cast, manager_a, "csv", no_reason) == [
        "Row 2, column value: enter the value, or say why there is no information for this period."
    ]


def test_template_rows_left_empty_are_skipped(cast, manager_a):
    rows = [["ASB 1", "2025-04", "", "", "", ""], ["ASB 1", "2025-05", "7", "", "", ""]]

    summary = upload(cast, manager_a, "csv", rows)

    assert (summary.created, summary.empty_rows) == (1, 1)
    assert cast.asb.values.get().period_start == datetime.date(2025, 5, 1)


def test_an_indicator_fed_by_a_data_source_takes_no_returns(cast, manager_a):
    IndicatorFactory(partnership=cast.partnership, code="CRIME 1", value_source="police_uk")
    rows = [["CRIME 1", "Q1 2025/26", "3", "", "", ""]]

    errors = refused(cast, manager_a, "csv", rows)

    assert errors == [
        "Row 2, column indicator_code: CRIME 1 takes its values from a data source, "
        "not from returns."
    ]


def test_months_written_as_dates_or_names_are_read(cast, manager_a):
    rows = [
        ["ASB 1", datetime.datetime(2025, 6, 1), 10, None, None, None],
        ["ASB 1", "July 2025", 11, None, None, None],
        ["KPI 4", "q3 2025/2026", 0.1 + 0.2, None, None, None],
    ]

    upload(cast, manager_a, "xlsx", rows)

    assert [v.period_start.month for v in cast.asb.values.order_by("period_start")] == [6, 7]
    assert cast.violence.values.get().value == Decimal("0.3")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("returns.csv", b"", "“returns.csv” is empty."),
        ("returns.csv", b"\n\n", "“returns.csv” has nothing in it."),
        (
            "returns.csv",
            b"indicator_code,period,value\n",
            "“returns.csv” has its column headings but no returns under them.",
        ),
        (
            "returns.pdf",
            b"%PDF-1.7 not a spreadsheet",
            "“returns.pdf” is not a CSV or XLSX file. Download the template and fill that in.",
        ),
        (
            "returns.xlsx",
            b"indicator_code,period,value\n",
            "“returns.xlsx” is not a working XLSX file: it cannot be opened.",
        ),
        (
            "returns.xlsx",
            b"PK\x03\x04 truncated zip",
            "“returns.xlsx” is not a working XLSX file: it cannot be opened.",
        ),
        (
            "returns.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 old excel",
            "“returns.xls” is an old Excel .xls file: save it as .xlsx or CSV and upload that.",
        ),
    ],
)
def test_files_that_cannot_be_read_say_why(cast, manager_a, name, data, message):
    with pytest.raises(ReturnsFileError) as caught:
        returns_upload(partnership=cast.partnership, by=manager_a, name=name, data=data)

    assert caught.value.errors == [message]


def test_a_file_too_big_is_refused_before_it_is_read(cast, manager_a, settings):
    settings.SAFERBOARD_RETURNS_MAX_MB = 2 / 1024  # 2 KB
    rows = [["KPI 4", "Q1 2025/26", "1", "", "", "x" * 5000]]

    errors = refused(cast, manager_a, "csv", rows)

    assert errors == [
        "“returns.csv” is 5 KB: files must be no bigger than 2 KB. Split it into smaller files."
    ]
    assert not IndicatorValue.objects.exists()


def test_a_row_with_more_cells_than_headings_is_refused(cast, manager_a):
    data = b"indicator_code,period,value\nKPI 4,Q1 2025/26,3,oops\n"

    with pytest.raises(ReturnsFileError) as caught:
        returns_upload(
            partnership=cast.partnership, by=manager_a, name="r.csv", data=data, today=TODAY
        )

    assert caught.value.errors == ["Row 2 has more cells than there are column headings."]
