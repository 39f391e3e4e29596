"""The log downloads as CSV and XLSX: the filtered actions only, with the agreed columns, real
dates in the workbook, and text that a spreadsheet will never run as a formula."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.actions.conftest import owned_action
from tests.factories import ActionUpdateFactory, BodyFactory, MeetingFactory, OrganisationFactory

CSV = reverse("actions:action-export-csv", kwargs={"partnership": "haringey"})
XLSX = reverse("actions:action-export-xlsx", kwargs={"partnership": "haringey"})
LOG = reverse("actions:action-list", kwargs={"partnership": "haringey"})
HEADINGS = [
    "Reference",
    "Meeting date",
    "Body",
    "Action",
    "Owners",
    "Due",
    "Status",
    "Overdue",
    "Latest update date",
    "Latest update",
    "Closing note",
    "Date closed",
]


def csv_rows(response) -> list[list[str]]:
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def xlsx_sheet(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


@pytest.fixture
def patrols(partnership_a, the_police):
    board = BodyFactory(partnership=partnership_a, name="Haringey CSP Board")
    meeting = MeetingFactory(
        partnership=partnership_a, bodies=[board], date=datetime.date(2025, 3, 4)
    )
    action = owned_action(partnership_a, text="Patrol the park – nightly", organisation=the_police)
    action.meeting, action.reference = meeting, "04.03.25 Item 5"
    action.due_date = datetime.date(2025, 4, 1)
    action.save()
    ActionUpdateFactory(
        partnership=partnership_a, action=action, on=datetime.date(2025, 3, 20), note="Started"
    )
    ActionUpdateFactory(
        partnership=partnership_a, action=action, on=datetime.date(2025, 3, 27), note="Half done"
    )
    return action


def test_the_csv_has_the_columns_and_values(patrols, clerk_a_client):
    response = clerk_a_client.get(CSV)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'attachment; filename="actions-haringey-' in response["Content-Disposition"]
    header, row = csv_rows(response)
    assert header == HEADINGS
    assert dict(zip(header, row, strict=True)) == {
        "Reference": "04.03.25 Item 5",
        "Meeting date": "2025-03-04",
        "Body": "Haringey CSP Board",
        "Action": "Patrol the park – nightly",
        "Owners": "Metropolitan Police Service",
        "Due": "2025-04-01",
        "Status": "Open",
        "Overdue": "Yes",
        "Latest update date": "2025-03-27",
        "Latest update": "Half done",
        "Closing note": "",
        "Date closed": "",
    }


def test_the_workbook_has_a_bold_frozen_header_widths_and_real_dates(patrols, clerk_a_client):
    sheet = xlsx_sheet(clerk_a_client.get(XLSX))

    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["B"].width
    row = {heading: cell for heading, cell in zip(HEADINGS, sheet[2], strict=True)}
    assert row["Meeting date"].value == datetime.datetime(2025, 3, 4)
    assert row["Meeting date"].is_date and row["Due"].is_date
    assert row["Latest update"].value == "Half done"
    assert row["Overdue"].value == "Yes"
    assert sheet.max_row == 2


def test_the_exports_follow_the_log_filters(patrols, partnership_a, the_council, clerk_a_client):
    owned_action(partnership_a, text="Fix the lights", organisation=the_council)
    filters = {"organisation": the_council.pk}

    csv_texts = [row[3] for row in csv_rows(clerk_a_client.get(CSV, filters))[1:]]
    xlsx_texts = [
        row[3]
        for row in xlsx_sheet(clerk_a_client.get(XLSX, filters)).iter_rows(
            min_row=2, values_only=True
        )
    ]
    page = clerk_a_client.get(LOG, filters).content.decode()

    assert csv_texts == xlsx_texts == ["Fix the lights"]
    assert f"{CSV}?organisation={the_council.pk}" in page
    assert f"{XLSX}?organisation={the_council.pk}" in page


def test_text_that_looks_like_a_formula_stays_text(partnership_a, the_police, clerk_a_client):
    for text in ('=HYPERLINK("http://evil")', "+1", "-2 officers", "@SUM(A1)"):
        owned_action(partnership_a, text=text, organisation=the_police)

    csv_texts = sorted(row[3] for row in csv_rows(clerk_a_client.get(CSV))[1:])
    sheet = xlsx_sheet(clerk_a_client.get(XLSX))
    xlsx_cells = [row[3] for row in sheet.iter_rows(min_row=2)]

    assert csv_texts == sorted(['\'=HYPERLINK("http://evil")', "'+1", "'-2 officers", "'@SUM(A1)"])
    assert all(cell.data_type == "s" for cell in xlsx_cells)
    assert sorted(cell.value for cell in xlsx_cells) == sorted(
        ['=HYPERLINK("http://evil")', "+1", "-2 officers", "@SUM(A1)"]
    )


def test_another_partnerships_actions_are_never_exported(
    patrols, partnership_b, manager_b_client, clerk_a_client
):
    elsewhere = OrganisationFactory(partnership=partnership_b, name="Elsewhere Police")
    owned_action(partnership_b, text="Elsewhere's action", organisation=elsewhere)
    b_csv = reverse("actions:action-export-csv", kwargs={"partnership": partnership_b.slug})

    ours = [row[3] for row in csv_rows(clerk_a_client.get(CSV))[1:]]
    # Even naming the other partnership's organisation in the filter.
    filtered = clerk_a_client.get(CSV, {"organisation": elsewhere.pk})
    theirs = [row[3] for row in csv_rows(manager_b_client.get(b_csv))[1:]]

    assert ours == ["Patrol the park – nightly"]
    assert filtered.status_code == 302  # back to the log, which explains the filter
    assert filtered["Location"] == f"{LOG}?organisation={elsewhere.pk}"
    assert (
        "Select the owner organisation from the list"
        in clerk_a_client.get(filtered["Location"]).content.decode()
    )
    assert theirs == ["Elsewhere's action"]
    assert manager_b_client.get(CSV).status_code == 404
    assert manager_b_client.get(XLSX).status_code == 404
