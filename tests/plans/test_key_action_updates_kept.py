"""Updates are only ever added: each is kept and listed, newest first, on the key action's page;
there is no page to change or delete one."""

import datetime

from django.urls import get_resolver

from saferboard.plans.models import KeyActionStatus, KeyActionUpdate


def test_updates_are_kept_and_listed_newest_first(
    manager_a_client, plan, add_key_action, update, partnership_a
):
    action = add_key_action("1.1", "Bystander training")
    update(action, KeyActionStatus.PROGRESSING, "Trainer booked.", on=datetime.date(2025, 6, 2))
    update(action, KeyActionStatus.ON_HOLD, "Trainer withdrew.", on=datetime.date(2025, 8, 4))

    html = manager_a_client.get(
        f"/p/{partnership_a.slug}/plans/key-actions/{action.pk}/"
    ).content.decode()

    assert KeyActionUpdate.objects.filter(key_action=action).count() == 2
    assert html.index("Trainer withdrew.") < html.index("Trainer booked.")
    assert "4 August 2025" in html and "2 June 2025" in html


def test_adding_an_update_through_the_page_keeps_the_earlier_ones(
    manager_a_client, plan, add_key_action, update, partnership_a
):
    action = add_key_action("1.1", "Bystander training")
    update(action, KeyActionStatus.PROGRESSING, "Trainer booked.")
    action.refresh_from_db()

    response = manager_a_client.post(
        f"/p/{partnership_a.slug}/plans/key-actions/{action.pk}/update/",
        {
            "version": action.version,
            "on_day": "1",
            "on_month": "10",
            "on_year": "2025",
            "status": KeyActionStatus.ON_HOLD,
            "note": "Venue closed.",
            "mitigation": "Looking for another venue.",
        },
    )

    assert response.status_code == 302
    notes = list(action.updates.values_list("note", "mitigation"))
    assert notes == [("Venue closed.", "Looking for another venue."), ("Trainer booked.", "")]


def test_no_route_changes_or_deletes_an_update():
    names = [
        name for name in get_resolver("saferboard.plans.urls").reverse_dict if isinstance(name, str)
    ]

    assert "key-action-add-update" in names
    assert not [n for n in names if "update" in n and n != "key-action-add-update"]
