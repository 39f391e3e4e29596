"""The plan page and the key action list filter by status and lead organisation."""

from saferboard.plans.models import KeyActionStatus


def test_filter_by_status_and_lead(
    manager_a_client, plan, add_key_action, update, the_police, the_council, partnership_a
):
    held = add_key_action("1.1", "Weapon sweeps", leads=[the_police])
    update(held, KeyActionStatus.ON_HOLD, "Paused.")
    add_key_action("1.2", "Knife amnesty", leads=[the_police])
    add_key_action("1.3", "Street lighting", leads=[the_council])
    plan_page = f"/p/{partnership_a.slug}/plans/{plan.pk}/"
    list_page = f"/p/{partnership_a.slug}/plans/key-actions/"

    by_lead = manager_a_client.get(plan_page, {"organisation": the_police.pk}).content.decode()
    by_status = manager_a_client.get(list_page, {"status": "not_started"}).content.decode()
    both = manager_a_client.get(
        list_page, {"status": "on_hold", "organisation": the_police.pk}
    ).content.decode()

    assert "Weapon sweeps" in by_lead and "Knife amnesty" in by_lead
    assert "Street lighting" not in by_lead
    assert "Knife amnesty" in by_status and "Street lighting" in by_status
    assert "Weapon sweeps" not in by_status
    assert "Weapon sweeps" in both and "Knife amnesty" not in both
