"""Support staff see actions in the admin with their owners and (read-only) updates, and the
reminders sent, which cannot be added, changed or deleted there."""

import datetime

import pytest
from django.test import Client

from saferboard.actions.models import ActionReminder, ReminderKind
from saferboard.core.services import user_create
from tests.actions.conftest import owned_action
from tests.factories import ActionUpdateFactory, PersonFactory


@pytest.fixture
def admin_client(db) -> Client:
    admin = user_create(username="root-admin", password=None)
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    client.force_login(admin)
    return client


def test_an_action_shows_its_owners_and_its_updates_read_only(
    admin_client, partnership_a, the_police
):
    action = owned_action(partnership_a, text="Patrol the park", organisation=the_police)
    ActionUpdateFactory(partnership=partnership_a, action=action, note="Patrols started")

    page = admin_client.get(f"/admin/actions/action/{action.pk}/change/").content.decode()
    history = admin_client.get(f"/admin/actions/action/{action.pk}/history/")

    assert "Patrol the park" in page
    assert 'name="owners-0-organisation"' in page
    assert "Patrols started" in page
    assert 'name="updates-0-note"' not in page  # shown, not editable
    assert 'name="updates-MAX_NUM_FORMS" value="0"' in page  # none can be added
    assert history.status_code == 200


def test_reminders_are_read_only(admin_client, partnership_a, the_police):
    person = PersonFactory(partnership=partnership_a, email="cara@example.org")
    reminder = ActionReminder.objects.create(
        partnership=partnership_a,
        person=person,
        action=owned_action(partnership_a, text="Patrol", organisation=the_police),
        kind=ReminderKind.OVERDUE,
        sent_on=datetime.date(2025, 7, 1),
        email="cara@example.org",
    )

    listing = admin_client.get("/admin/actions/actionreminder/")
    change = admin_client.post(
        f"/admin/actions/actionreminder/{reminder.pk}/change/", {"email": "x@example.org"}
    )

    assert listing.status_code == 200 and "cara@example.org" in listing.content.decode()
    assert admin_client.get("/admin/actions/actionreminder/add/").status_code == 403
    assert change.status_code == 403
    reminder.refresh_from_db()
    assert reminder.email == "cara@example.org"
