"""Key action numbers: ordered as they read (1.2 before 1.10), unique in a plan, well formed
and under their priority's number."""

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.plans.models import KeyAction
from saferboard.plans.selectors import plan_key_actions


def test_numbers_sort_naturally(plan, add_key_action, reduce_violence, tackle_asb):
    for number in ("1.10", "2.1", "1.2", "1.1", "10.1", "1.9"):
        priority = {"1": reduce_violence, "2": tackle_asb}.get(number.split(".")[0])
        add_key_action(number, f"Action {number}", priority=priority)

    numbers = [action.number for action in plan_key_actions(plan=plan)]

    assert numbers == ["1.1", "1.2", "1.9", "1.10", "2.1", "10.1"]
    assert list(KeyAction.objects.filter(plan=plan).values_list("number", flat=True)) == numbers


def test_a_number_is_used_once_in_a_plan(plan, add_key_action):
    add_key_action("1.1", "Bystander training")

    with pytest.raises(BusinessRuleError, match="already has key action 1.1 .Bystander training."):
        add_key_action("1.1", "Knife amnesty")

    assert KeyAction.objects.filter(plan=plan).count() == 1


def test_the_same_number_may_be_used_in_another_plan(
    plan, add_key_action, partnership_a, manager_a
):
    from saferboard.plans.services import plan_create

    other = plan_create(
        partnership=partnership_a,
        by=manager_a,
        name="Youth justice plan",
        period_start=plan.period_start,
        period_end=plan.period_end,
    )
    add_key_action("1.1", "Bystander training")
    add_key_action("1.1", "Reduce first-time entrants", plan=other)

    assert KeyAction.objects.filter(number="1.1").count() == 2


@pytest.mark.parametrize("number", ["1.", "1..2", "A.1", "1.2a", "", " "])
def test_a_malformed_number_is_refused(add_key_action, number):
    with pytest.raises(BusinessRuleError, match="is not a key action number"):
        add_key_action(number, "Bystander training")

    assert not KeyAction.objects.exists()


def test_a_number_must_fit_its_priority(add_key_action, reduce_violence, tackle_asb):
    with pytest.raises(BusinessRuleError, match="under priority 2: number it 2.1, 2.2"):
        add_key_action("1.3", "Dispersal orders", priority=tackle_asb)

    action = add_key_action("2.3", "Dispersal orders", priority=tackle_asb)
    assert action.number == "2.3"


def test_renumbering_onto_a_used_number_is_refused(plan, add_key_action, manager_a):
    from saferboard.plans.services import key_action_update

    add_key_action("1.1", "Bystander training")
    second = add_key_action("1.2", "Knife amnesty")

    with pytest.raises(BusinessRuleError, match="already has key action 1.1"):
        key_action_update(key_action=second, by=manager_a, expected_version=1, number="1.1")

    second.refresh_from_db()
    assert second.number == "1.2"


def test_the_add_page_names_the_clash(manager_a_client, plan, add_key_action, partnership_a):
    add_key_action("1.1", "Bystander training")

    response = manager_a_client.post(
        f"/p/{partnership_a.slug}/plans/key-actions/add/",
        {"plan": plan.pk, "number": "1.1", "title": "Knife amnesty"},
    )

    assert response.status_code == 200
    assert "already has key action 1.1 (Bystander training)" in response.content.decode()
    assert KeyAction.objects.count() == 1
