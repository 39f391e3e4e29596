"""Escalating a breach or barrier: only upwards, one step or several with a note, never
before its last step, never once resolved; each step a dated row saying who."""

import datetime
import re

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.sharing import incidents
from saferboard.sharing.models import EscalationLevel
from tests.factories import OrganisationFactory
from tests.sharing.conftest import signed_in

JUNE_2 = datetime.date(2025, 6, 2)


@pytest.fixture
def breach(partnership_a, governance_user):
    return incidents.incident_log(
        partnership=partnership_a,
        by=governance_user,
        kind="breach",
        reported_on=JUNE_2,
        summary="A list was left on a shared printer.",
        organisations=[OrganisationFactory(partnership=partnership_a, name="Council")],
    )


def _path_steps(page: str) -> list[str]:
    """The escalation path's <li> steps, in order."""
    path = page[
        page.index('<ol class="sb-step-path"') : page.index("</ol>", page.index("sb-step-path"))
    ]
    return ["<li" + part for part in path.split("<li")[1:]]


def _escalate(client, partnership, incident, **data):
    address = reverse(
        "sharing:incident-escalate", kwargs={"partnership": partnership.slug, "pk": incident.pk}
    )
    return client.post(address, {"version": incident.version} | data)


def test_the_manager_escalates_one_step_and_the_path_shows_it(partnership_a, breach, manager_a):
    client = signed_in(manager_a, second_factor=False)

    response = _escalate(
        client, partnership_a, breach, level="2", on_day="9", on_month="6", on_year="2025"
    )

    breach.refresh_from_db()
    assert response.status_code == 302
    assert breach.level == EscalationLevel.DIRECTORS
    latest = breach.escalations.order_by("pk").last()
    assert (latest.level, latest.on, latest.by) == (2, datetime.date(2025, 6, 9), manager_a)
    steps = _path_steps(client.get(response["Location"]).content.decode())
    assert [step.startswith("<li") for step in steps] == [True] * 4
    assert "Within the organisation" in steps[0] and "Passed" in steps[0]
    assert 'aria-current="step"' in steps[1] and "It is here" in steps[1]
    assert "Directors with their counterparts" in steps[1] and "9 June 2025" in steps[1]
    assert all('aria-current="step"' not in step for step in (steps[0], *steps[2:]))


def test_skipping_a_step_needs_a_note(partnership_a, breach, manager_a):
    client = signed_in(manager_a, second_factor=False)

    refused = _escalate(
        client, partnership_a, breach, level="3", on_day="9", on_month="6", on_year="2025"
    )
    breach.refresh_from_db()
    assert refused.status_code == 200
    assert "skips “Directors with their counterparts”: say in the note why" in (
        refused.content.decode()
    )
    assert breach.level == 1 and breach.escalations.count() == 1

    accepted = _escalate(
        client,
        partnership_a,
        breach,
        level="3",
        on_day="9",
        on_month="6",
        on_year="2025",
        note="The directors could not meet before the deadline.",
    )
    breach.refresh_from_db()
    assert accepted.status_code == 302 and breach.level == 3
    steps = _path_steps(client.get(accepted["Location"]).content.decode())
    assert "Skipped" in steps[1]
    assert "It is here" in steps[2] and "could not meet before the deadline" in steps[2]


def test_it_never_goes_down_or_stays_put(partnership_a, breach, governance_user):
    incidents.incident_escalate(incident=breach, by=governance_user, level=3, on=JUNE_2, note="x")

    for level in (1, 3):
        with pytest.raises(BusinessRuleError, match="escalate it to a higher level"):
            incidents.incident_escalate(incident=breach, by=governance_user, level=level, on=JUNE_2)
    breach.refresh_from_db()
    assert breach.level == 3 and breach.escalations.count() == 2


def test_the_page_offers_only_higher_levels(partnership_a, breach, manager_a):
    incidents.incident_escalate(incident=breach, by=manager_a, level=2, on=JUNE_2)
    client = signed_in(manager_a, second_factor=False)
    address = reverse(
        "sharing:incident-escalate", kwargs={"partnership": partnership_a.slug, "pk": breach.pk}
    )

    page = client.get(address).content.decode()

    offered = re.findall(r'name="level" id="[^"]*" value="(\d)"', page)
    assert offered == ["3", "4"]


def test_not_dated_before_the_step_it_is_at(partnership_a, breach, manager_a):
    with pytest.raises(BusinessRuleError, match="on or after 2 June 2025") as error:
        incidents.incident_escalate(
            incident=breach, by=manager_a, level=2, on=datetime.date(2025, 6, 1)
        )

    assert error.value.field == "on"
    breach.refresh_from_db()
    assert breach.level == 1


def test_a_stale_copy_is_refused(partnership_a, breach, manager_a, governance_user):
    opened_at = breach.version
    incidents.incident_escalate(incident=breach, by=governance_user, level=2, on=JUNE_2)
    client = signed_in(manager_a, second_factor=False)

    response = _escalate(
        client,
        partnership_a,
        breach,
        level="4",
        on_day="3",
        on_month="6",
        on_year="2025",
        note="Straight to the board.",
        version=str(opened_at),
    )

    breach.refresh_from_db()
    assert response.status_code == 200
    assert "changed by someone else" in response.content.decode()
    assert breach.level == 2 and breach.escalations.count() == 2


def test_a_resolved_incident_is_not_escalated(partnership_a, breach, manager_a):
    incidents.incident_resolve(
        incident=breach, by=manager_a, resolved_on=JUNE_2, resolution="Staff retrained."
    )

    with pytest.raises(BusinessRuleError, match="cannot be escalated"):
        incidents.incident_escalate(incident=breach, by=manager_a, level=2, on=JUNE_2)


def test_stale_version_in_the_service_is_refused(partnership_a, breach, manager_a):
    with pytest.raises(StaleEditError):
        incidents.incident_escalate(
            incident=breach,
            by=manager_a,
            level=2,
            on=JUNE_2,
            expected_version=breach.version - 1,
        )
    assert breach.escalations.count() == 1
