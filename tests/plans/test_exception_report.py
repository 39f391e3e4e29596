"""The plan's exception report: only red and amber key actions, with lead, commentary and
mitigation; a priority with none gets one "on target" line."""

import pytest

from saferboard.plans.exceptions import plan_exceptions
from saferboard.plans.models import KeyActionStatus


@pytest.fixture
def mixed_plan(plan, add_key_action, update, the_police, reduce_violence, tackle_asb):
    held = add_key_action("1.1", "Weapon sweeps", priority=reduce_violence, leads=[the_police])
    update(held, KeyActionStatus.PROGRESSING, "Sweeps began.")
    update(held, KeyActionStatus.ON_HOLD, "Dog unit redeployed.", mitigation="Borrow a unit.")
    add_key_action("1.2", "Knife amnesty", priority=reduce_violence, leads=[the_police])
    going = add_key_action("1.3", "Bystander training", priority=reduce_violence)
    update(going, KeyActionStatus.PROGRESSING, "Trainer booked.")
    fine = add_key_action("2.1", "Dispersal orders", priority=tackle_asb)
    update(fine, KeyActionStatus.COMPLETE, "In force.")
    return plan


def test_only_red_and_amber_key_actions_are_listed(mixed_plan):
    violence, asb = plan_exceptions(plan=mixed_plan)

    assert violence.heading == "1. Reduce violence"
    assert [(r.number, r.status, r.colour) for r in violence.rows] == [
        ("1.1", "On hold", "amber"),
        ("1.2", "Not started", "red"),
    ]
    held = violence.rows[0]
    assert held.lead == "Metropolitan Police Service"
    assert held.commentary == "Dog unit redeployed." and held.mitigation == "Borrow a unit."
    assert asb.on_target and asb.rows == []


def test_the_page_shows_exceptions_and_on_target_lines(manager_a_client, mixed_plan, partnership_a):
    html = manager_a_client.get(
        f"/p/{partnership_a.slug}/plans/{mixed_plan.pk}/exceptions/"
    ).content.decode()

    assert "Weapon sweeps" in html and "Knife amnesty" in html
    assert "Borrow a unit." in html and "Dog unit redeployed." in html
    assert "Bystander training" not in html and "Dispersal orders" not in html
    assert "On target: no red or amber key actions." in html
    assert '<strong class="govuk-tag govuk-tag--orange">On hold</strong>' in html
