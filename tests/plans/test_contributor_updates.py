"""Contributors may add updates to key actions their organisation leads, and nothing else."""

import pytest

from saferboard.plans.models import KeyActionStatus
from tests.actions.conftest import client_for

UPDATE = {
    "on_day": "1",
    "on_month": "10",
    "on_year": "2025",
    "status": KeyActionStatus.PROGRESSING,
    "note": "Patrols started.",
}


@pytest.fixture
def police_action(add_key_action, the_police):
    return add_key_action("1.1", "Weapon sweeps", leads=[the_police])


@pytest.fixture
def council_action(add_key_action, the_council):
    return add_key_action("1.2", "Street lighting", leads=[the_council])


def _update_url(partnership, action):
    return f"/p/{partnership.slug}/plans/key-actions/{action.pk}/update/"


def test_a_contributor_updates_their_organisations_key_action(
    police_contributor_client, police_action, partnership_a
):
    page = police_contributor_client.get(
        f"/p/{partnership_a.slug}/plans/key-actions/{police_action.pk}/"
    )
    response = police_contributor_client.post(
        _update_url(partnership_a, police_action), UPDATE | {"version": police_action.version}
    )

    assert "Add an update" in page.content.decode()
    assert response.status_code == 302
    police_action.refresh_from_db()
    assert police_action.status == KeyActionStatus.PROGRESSING
    assert police_action.updates.get().note == "Patrols started."


def test_a_contributor_may_not_update_another_organisations(
    police_contributor_client, council_action, partnership_a
):
    page = police_contributor_client.get(
        f"/p/{partnership_a.slug}/plans/key-actions/{council_action.pk}/"
    )
    response = police_contributor_client.post(
        _update_url(partnership_a, council_action), UPDATE | {"version": council_action.version}
    )

    assert page.status_code == 200 and "Add an update" not in page.content.decode()
    assert response.status_code == 403
    assert (
        police_contributor_client.get(_update_url(partnership_a, council_action)).status_code == 403
    )
    assert not council_action.updates.exists()


def test_a_contributor_may_not_change_key_actions(
    police_contributor_client, police_action, partnership_a
):
    response = police_contributor_client.get(
        f"/p/{partnership_a.slug}/plans/key-actions/{police_action.pk}/edit/"
    )

    assert response.status_code == 403


def test_viewers_read_but_do_not_update(viewer_a, police_action, partnership_a):
    client = client_for(viewer_a)

    assert client.get(f"/p/{partnership_a.slug}/plans/{police_action.plan_id}/").status_code == 200
    assert client.get(_update_url(partnership_a, police_action)).status_code == 403


def test_a_clerk_updates_any_key_action(clerk_a, council_action, partnership_a):
    response = client_for(clerk_a).post(
        _update_url(partnership_a, council_action), UPDATE | {"version": council_action.version}
    )

    assert response.status_code == 302
    assert council_action.updates.count() == 1
