"""The API lists a partnership's plans and key actions (in number order, status as a code with
its key's colour) to its own users only."""

from saferboard.plans.models import KeyActionStatus


def test_key_actions_in_number_order_for_own_partnership(
    manager_a_client, manager_b_client, plan, add_key_action, update, the_police
):
    add_key_action("1.10", "Knife amnesty", leads=[the_police])
    held = add_key_action("1.2", "Weapon sweeps")
    update(held, KeyActionStatus.ON_HOLD, "Paused.", mitigation="Borrow a unit.")

    mine = manager_a_client.get("/api/v1/key-actions/", {"plan": plan.pk}).json()
    theirs = manager_b_client.get("/api/v1/key-actions/").json()
    plans = manager_a_client.get("/api/v1/delivery-plans/").json()
    updates = manager_a_client.get("/api/v1/key-action-updates/", {"key_action": held.pk}).json()

    rows = mine["results"] if isinstance(mine, dict) else mine
    assert [(r["number"], r["status"], r["colour"]) for r in rows] == [
        ("1.2", "on_hold", "amber"),
        ("1.10", "not_started", "red"),
    ]
    assert rows[1]["lead_organisations"] == [the_police.pk]
    assert (theirs["results"] if isinstance(theirs, dict) else theirs) == []
    plan_rows = plans["results"] if isinstance(plans, dict) else plans
    assert [p["status_key"] for p in plan_rows] == ["progress"]
    update_rows = updates["results"] if isinstance(updates, dict) else updates
    assert [u["mitigation"] for u in update_rows] == ["Borrow a unit."]
