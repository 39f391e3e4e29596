"""A priority's quarterly sheet: managers and analysts write its words, partners add their
comments, and a save made on a stale page is refused with nothing lost."""

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.core.roles import Role
from saferboard.performance.models import QuarterlySheet
from tests.factories import IndicatorFactory
from tests.performance.conftest import quarterly_values

QUARTER = "Q2 2023/24"


@pytest.fixture
def burglary(partnership_a, violence_priority):
    indicator = IndicatorFactory(
        partnership=partnership_a, priority=violence_priority, code="KPI 4", name="Burglary"
    )
    quarterly_values(indicator, [90, 130])
    return indicator


def sheet_url(priority, name="quarterly-sheet"):
    url = reverse(
        f"performance:{name}", kwargs={"partnership": priority.partnership.slug, "pk": priority.pk}
    )
    return f"{url}?quarter={QUARTER}"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_manager_writes_the_sheet_and_it_shows_with_the_figures(
    manager_a_client, violence_priority, burglary
):
    page = manager_a_client.get(sheet_url(violence_priority)).content.decode()
    assert "Priority 1. Reduce violence" in page
    assert "KPI 4 Burglary" in page and "<svg" in page
    assert "Write the sheet" in page

    form = manager_a_client.get(sheet_url(violence_priority, "quarterly-sheet-edit"))
    assert form.status_code == 200
    response = manager_a_client.post(
        sheet_url(violence_priority, "quarterly-sheet-edit"),
        {
            "context": "Burglary rose across north London.",
            "activity": "Operation Bumblebee patrols.",
            "concerns": "Repeat victims in Tottenham.",
            "emerging_issues": "Catalytic converter thefts.",
            "partner_comments": "",
            "version": 0,
        },
    )
    assert response.status_code == 302
    sheet = QuarterlySheet.objects.get(priority=violence_priority)
    assert (sheet.period_start.isoformat(), sheet.period_end.isoformat()) == (
        "2023-07-01",
        "2023-09-30",
    )
    assert sheet.concerns == "Repeat victims in Tottenham."
    page = manager_a_client.get(sheet_url(violence_priority)).content.decode()
    for text in ("Operation Bumblebee patrols.", "Areas of concern", "Catalytic converter"):
        assert text in page
    assert sheet.history.count() == 1


def test_a_save_from_a_stale_page_is_refused(
    manager_a_client, make_user, partnership_a, violence_priority, burglary
):
    analyst = client_for(make_user(partnership_a, Role.ANALYST))
    edit = sheet_url(violence_priority, "quarterly-sheet-edit")
    # Both open the empty sheet; the analyst saves first.
    assert analyst.post(edit, {"context": "Analyst's context", "version": 0}).status_code == 302
    response = manager_a_client.post(edit, {"context": "Manager's context", "version": 0})
    assert response.status_code == 200
    assert "changed by someone else after you opened it" in response.content.decode()
    sheet = QuarterlySheet.objects.get(priority=violence_priority)
    assert sheet.context == "Analyst's context"
    # A page opened after that save carries the new version and may save.
    version = sheet.version
    response = manager_a_client.post(edit, {"context": "Manager's context", "version": version})
    assert response.status_code == 302
    # Saving again with the version now out of date is refused again.
    response = analyst.post(edit, {"context": "Late words", "version": version})
    assert "changed by someone else" in response.content.decode()
    sheet.refresh_from_db()
    assert sheet.context == "Manager's context"


def test_contributors_write_only_the_partner_comments(
    make_user, partnership_a, manager_a_client, violence_priority, burglary
):
    edit = sheet_url(violence_priority, "quarterly-sheet-edit")
    manager_a_client.post(edit, {"context": "The manager's context", "version": 0})
    contributor = client_for(make_user(partnership_a, Role.CONTRIBUTOR))
    form = contributor.get(edit).content.decode()
    assert 'name="partner_comments"' in form and 'name="context"' not in form
    version = QuarterlySheet.objects.get().version
    response = contributor.post(
        edit,
        {
            "partner_comments": "Probation can offer two more officers.",
            "context": "Overwritten?",
            "version": version,
        },
    )
    assert response.status_code == 302
    sheet = QuarterlySheet.objects.get()
    assert sheet.partner_comments == "Probation can offer two more officers."
    assert sheet.context == "The manager's context"


def test_only_a_quarter_is_accepted(manager_a_client, violence_priority, burglary):
    url = reverse(
        "performance:quarterly-sheet",
        kwargs={"partnership": violence_priority.partnership.slug, "pk": violence_priority.pk},
    )
    page = manager_a_client.get(url, {"quarter": "2023/24"}).content.decode()
    assert "is not a quarter" in page
