"""Copying a plan to next year carries its open key actions across, and leaves completed ones."""

import datetime

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.plans import services
from saferboard.plans.models import DeliveryPlan, KeyActionStatus


def test_open_key_actions_are_carried_across(
    plan, add_key_action, update, manager_a, the_police, reduce_violence
):
    open_action = add_key_action(
        "1.1", "Weapon sweeps", priority=reduce_violence, leads=[the_police], timescale="ongoing"
    )
    update(open_action, KeyActionStatus.ON_HOLD, "Paused over summer.")
    done = add_key_action("1.2", "Knife amnesty", priority=reduce_violence)
    update(done, KeyActionStatus.COMPLETE, "Held in May.")

    copy = services.plan_copy(
        plan=plan,
        by=manager_a,
        name="Community Safety Plan 2026/27",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
    )

    carried = list(copy.key_actions.all())
    assert [a.number for a in carried] == ["1.1"]
    action = carried[0]
    assert action.title == "Weapon sweeps" and action.timescale == "ongoing"
    assert action.status == KeyActionStatus.ON_HOLD
    assert action.priority == reduce_violence
    assert list(action.lead_organisations.all()) == [the_police]
    assert action.carried_from == open_action
    assert not action.updates.exists()
    assert copy.copied_from == plan and copy.strategy == plan.strategy
    assert plan.key_actions.count() == 2  # last year's plan is untouched


def test_the_new_plan_must_start_later(plan, manager_a):
    with pytest.raises(BusinessRuleError, match="must start after"):
        services.plan_copy(
            plan=plan,
            by=manager_a,
            name="Copy",
            period_start=plan.period_start,
            period_end=plan.period_end,
        )

    assert DeliveryPlan.objects.count() == 1


def test_the_copy_page_suggests_next_year(manager_a_client, plan, add_key_action, partnership_a):
    add_key_action("1.1", "Weapon sweeps")
    address = f"/p/{partnership_a.slug}/plans/{plan.pk}/copy/"

    page = manager_a_client.get(address).content.decode()
    response = manager_a_client.post(
        address,
        {
            "name": "Community Safety Plan 2026/27",
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2026",
            "period_end_day": "31",
            "period_end_month": "3",
            "period_end_year": "2027",
        },
    )

    assert 'value="2026"' in page
    copy = DeliveryPlan.objects.get(name="Community Safety Plan 2026/27")
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{copy.pk}/")
    assert copy.key_actions.get().title == "Weapon sweeps"
