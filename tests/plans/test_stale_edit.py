"""Two people change a key action at once: the second save, from a stale page, is refused and
both versions survive (the first in the database, the second in the form)."""

from saferboard.plans.models import KeyAction


def test_a_stale_key_action_edit_is_refused(
    manager_a_client, clerk_a, plan, add_key_action, partnership_a
):
    from tests.actions.conftest import client_for

    action = add_key_action("1.1", "Bystander training", timescale="ongoing")
    address = f"/p/{partnership_a.slug}/plans/key-actions/{action.pk}/edit/"
    form = {"number": "1.1", "version": action.version}

    first = manager_a_client.post(address, form | {"title": "Bystander training for venues"})
    second = client_for(clerk_a).post(address, form | {"title": "Bystander training for staff"})

    assert first.status_code == 302
    assert second.status_code == 200
    html = second.content.decode()
    assert "was changed by someone else after you opened it" in html
    assert "Bystander training for staff" in html  # the refused text is kept in the form
    assert KeyAction.objects.get(pk=action.pk).title == "Bystander training for venues"


def test_a_stale_update_is_refused(manager_a_client, plan, add_key_action, update, partnership_a):
    action = add_key_action("1.1", "Bystander training")
    stale_version = action.version
    update(action, "complete", "Done by the police.")

    response = manager_a_client.post(
        f"/p/{partnership_a.slug}/plans/key-actions/{action.pk}/update/",
        {
            "version": stale_version,
            "on_day": "1",
            "on_month": "10",
            "on_year": "2025",
            "status": "on_hold",
            "note": "On hold for funding.",
        },
    )

    assert "was changed by someone else" in response.content.decode()
    action.refresh_from_db()
    assert action.status == "complete" and action.updates.count() == 1
