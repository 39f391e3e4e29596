"""Resolving a breach or barrier: the date and how, together; it then leaves the top of
the list."""

import datetime

from django.urls import reverse

from saferboard.sharing import incidents
from saferboard.sharing.models import Incident
from tests.factories import OrganisationFactory
from tests.sharing.conftest import signed_in


def _log(partnership, by, on, summary):
    return incidents.incident_log(
        partnership=partnership,
        by=by,
        kind="barrier",
        reported_on=on,
        summary=summary,
        organisations=[OrganisationFactory(partnership=partnership)],
    )


def test_resolving_needs_the_date_and_how(partnership_a, governance_user):
    barrier = _log(partnership_a, governance_user, datetime.date(2025, 7, 1), "No SPOC reply.")
    client = signed_in(governance_user, second_factor=False)
    address = reverse(
        "sharing:incident-resolve", kwargs={"partnership": partnership_a.slug, "pk": barrier.pk}
    )

    refused = client.post(address, {"version": barrier.version, "resolution": "Agreed."})
    barrier.refresh_from_db()
    assert refused.status_code == 200 and "Enter the date resolved" in refused.content.decode()
    assert barrier.resolved_on is None

    early = client.post(
        address,
        {
            "version": barrier.version,
            "resolved_on_day": "30",
            "resolved_on_month": "6",
            "resolved_on_year": "2025",
            "resolution": "Agreed.",
        },
    )
    assert "on or after 1 July 2025" in early.content.decode()

    done = client.post(
        address,
        {
            "version": barrier.version,
            "resolved_on_day": "8",
            "resolved_on_month": "7",
            "resolved_on_year": "2025",
            "resolution": "The council named a deputy SPOC.",
        },
    )
    barrier.refresh_from_db()
    assert done.status_code == 302
    assert barrier.resolved_on == datetime.date(2025, 7, 8)
    assert barrier.resolution == "The council named a deputy SPOC."
    page = client.get(done["Location"]).content.decode()
    assert "Resolved here" in page and "Escalate it" not in page


def test_the_list_shows_open_ones_first_with_their_level(partnership_a, governance_user):
    old_open = _log(partnership_a, governance_user, datetime.date(2024, 5, 1), "Old and open.")
    resolved = _log(partnership_a, governance_user, datetime.date(2025, 5, 1), "Newer, closed.")
    incidents.incident_resolve(
        incident=resolved,
        by=governance_user,
        resolved_on=datetime.date(2025, 5, 2),
        resolution="Sorted.",
    )
    incidents.incident_escalate(
        incident=old_open, by=governance_user, level=2, on=datetime.date(2024, 5, 3)
    )
    client = signed_in(governance_user, second_factor=False)

    page = client.get(
        reverse("sharing:incident-list", kwargs={"partnership": partnership_a.slug})
    ).content.decode()

    assert page.index("1 May 2024") < page.index("1 May 2025")
    assert "Level 2: Directors with their counterparts" in page
    assert "Open" in page and "Resolved" in page
    assert list(incidents.incident_list(partnership=partnership_a)) == [old_open, resolved]
    assert Incident.objects.count() == 2
