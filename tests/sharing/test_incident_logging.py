"""Logging a breach or barrier: it starts on the path's first step, within the organisation."""

import datetime

from django.urls import reverse

from saferboard.registry.models import Sector
from saferboard.sharing.models import Escalation, EscalationLevel, Incident
from tests.factories import OrganisationFactory
from tests.sharing.conftest import signed_in


def _form(organisations, **changes):
    data = {
        "kind": "breach",
        "organisations": [o.pk for o in organisations],
        "reported_on_day": "2",
        "reported_on_month": "6",
        "reported_on_year": "2025",
        "summary": "A referral about a family was e-mailed to the wrong team.",
        "reported_to_ico": "on",
    }
    return data | changes


def _without(data, name):
    return {key: value for key, value in data.items() if key != name}


def test_the_information_governance_user_logs_a_breach(partnership_a, protocol, governance_user):
    police = OrganisationFactory(partnership=partnership_a, name="Police", sector=Sector.POLICE)
    client = signed_in(governance_user, second_factor=False)
    add = reverse("sharing:incident-add", kwargs={"partnership": partnership_a.slug})

    response = client.post(add, _form([police], agreement=protocol.pk))

    incident = Incident.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/incidents/{incident.pk}/")
    assert incident.kind == "breach" and incident.reported_to_ico
    assert incident.agreement == protocol
    assert list(incident.organisations.all()) == [police]
    assert incident.reported_on == datetime.date(2025, 6, 2)
    assert incident.level == EscalationLevel.ORGANISATION
    first = Escalation.objects.get(incident=incident)
    assert (first.level, first.on, first.by) == (1, incident.reported_on, governance_user)
    page = client.get(response["Location"]).content.decode()
    assert "OFFICIAL-SENSITIVE" in page
    assert 'aria-current="step"' in page and "It is here" in page
    assert "e-mailed to the wrong team" in page


def test_a_barrier_is_not_reported_to_the_ico(partnership_a, manager_a):
    council = OrganisationFactory(partnership=partnership_a, name="Council")
    client = signed_in(manager_a, second_factor=False)
    add = reverse("sharing:incident-add", kwargs={"partnership": partnership_a.slug})

    response = client.post(add, _form([council], kind="barrier"))

    assert response.status_code == 200
    assert "Only a breach is reported to the Information Commissioner" in response.content.decode()
    assert not Incident.objects.exists() and not Escalation.objects.exists()


def test_another_partnerships_organisation_cannot_be_chosen(
    partnership_a, partnership_b, manager_a
):
    theirs = OrganisationFactory(partnership=partnership_b, name="City of London Police")
    client = signed_in(manager_a, second_factor=False)
    add = reverse("sharing:incident-add", kwargs={"partnership": partnership_a.slug})

    response = client.post(add, _form([theirs]))

    assert response.status_code == 200
    assert "Select the organisations involved from the list" in response.content.decode()
    assert not Incident.objects.exists()


def test_the_summary_and_organisations_are_required(partnership_a, manager_a):
    client = signed_in(manager_a, second_factor=False)
    add = reverse("sharing:incident-add", kwargs={"partnership": partnership_a.slug})

    response = client.post(add, _without(_form([], summary=""), "organisations"))

    page = response.content.decode()
    assert "Enter the what happened" in page or "Enter what happened" in page
    assert "Select the organisations involved" in page
    assert not Incident.objects.exists()
