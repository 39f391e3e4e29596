"""A good file uploaded and exported again gives back the same values; the template lists
the returns still to send."""

import datetime

import pytest

from saferboard.core.roles import Role
from saferboard.performance.returns_files import (
    COLUMNS,
    read_table,
    returns_export,
    returns_template,
    returns_upload,
)
from tests.factories import IndicatorValueFactory
from tests.performance.returns_story import GOOD_ROWS, TODAY, Cast, csv_file, xlsx_file

FILES = {"csv": csv_file, "xlsx": xlsx_file}
MANAGER = frozenset({Role.MANAGER})


@pytest.fixture
def cast(partnership_a):
    return Cast(partnership_a)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_round_trips_to_the_same_values(cast, manager_a, kind):
    returns_upload(
        partnership=cast.partnership,
        by=manager_a,
        name=f"in.{kind}",
        data=FILES[kind](GOOD_ROWS),
        today=TODAY,
    )

    exported = returns_export(
        partnership=cast.partnership, user=manager_a, roles=MANAGER, today=TODAY, kind=kind
    )

    table = read_table(name=f"out.{kind}", data=exported)
    assert table.headings == list(COLUMNS)
    written = {(cells["indicator_code"], cells["period"]): cells for _, cells in table.rows}
    assert list(written) == [
        ("ASB 1", "2025-04"),
        ("ASB 1", "2025-05"),
        ("KPI 4", "Q1 2025/26"),
        ("KPI 4", "Q2 2025/26"),
        ("KPI 9", "2024/25"),
    ]
    as_text = [
        [
            str(cells[c]) if cells[c] is not None else ""
            for c in ("value", "numerator", "denominator")
        ]
        for cells in written.values()
    ]
    assert as_text == [
        ["412", "", ""],
        ["398.5", "", ""],
        ["1204", "", ""],
        ["1190", "", ""],
        ["47.5", "19", "40"],
    ]
    commentary = [cells["commentary"] or "" for cells in written.values()]
    if kind == "csv":
        # Text a spreadsheet would run as a formula is escaped in CSV, and read back exactly.
        assert commentary[3] == "'=A1 is not a formula\nsecond line"
    else:
        assert commentary[3] == "=A1 is not a formula\nsecond line"
    assert commentary[2] == 'Night-time economy, "Operation Nightlight"'
    again = returns_upload(
        partnership=cast.partnership, by=manager_a, name=f"out.{kind}", data=exported, today=TODAY
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert cast.violence.values.get(period_start=datetime.date(2025, 7, 1)).commentary == (
        "=A1 is not a formula\nsecond line"
    )


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_no_information_round_trips_with_its_reason(cast, manager_a, kind):
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        value=None,
        no_information_reason="Recording system replaced",
    )

    exported = returns_export(
        partnership=cast.partnership, user=manager_a, roles=MANAGER, today=TODAY, kind=kind
    )
    summary = returns_upload(
        partnership=cast.partnership, by=manager_a, name=f"out.{kind}", data=exported, today=TODAY
    )

    assert summary.unchanged == 1
    value = cast.violence.values.get()
    assert (value.value, value.no_information_reason) == (None, "Recording system replaced")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_template_lists_the_returns_still_to_send(cast, manager_a, kind):
    # Agreed in the autumn: returns are due from then on, not for earlier periods.
    cast.asb.lifecycle_since = datetime.date(2025, 10, 15)
    cast.asb.save()
    IndicatorValueFactory(
        partnership=cast.partnership,
        indicator=cast.violence,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2025, 6, 30),
    )

    template = returns_template(
        partnership=cast.partnership, user=manager_a, roles=MANAGER, today=TODAY, kind=kind
    )

    rows = [
        (cells["indicator_code"], cells["period"], cells["due_by"], cells["value"] or None)
        for _, cells in read_table(name=f"t.{kind}", data=template).rows
    ]
    assert rows == [
        ("ASB 1", "2025-10", "2025-11-20", None),
        ("ASB 1", "2025-11", "2025-12-20", None),
        ("ASB 1", "2025-12", "2026-01-20", None),
        ("KPI 4", "Q1 2024/25", "2024-07-20", None),
        ("KPI 4", "Q2 2024/25", "2024-10-20", None),
        ("KPI 4", "Q3 2024/25", "2025-01-20", None),
        ("KPI 4", "Q4 2024/25", "2025-04-20", None),
        ("KPI 4", "Q2 2025/26", "2025-10-20", None),
        ("KPI 4", "Q3 2025/26", "2026-01-20", None),
        ("KPI 9", "2024/25", "2025-04-20", None),
    ]


def test_a_contributor_gets_only_their_organisations_indicators(cast, make_user):
    officer = cast.contributor(make_user, cast.council)

    template = returns_template(
        partnership=cast.partnership,
        user=officer,
        roles=frozenset({Role.CONTRIBUTOR}),
        today=TODAY,
        kind="csv",
    )

    codes = {cells["indicator_code"] for _, cells in read_table(name="t.csv", data=template).rows}
    assert codes == {"KPI 9"}
