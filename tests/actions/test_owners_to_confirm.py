"""An action may wait for its owners to be chosen, but only with owners still to confirm."""

import pytest

from saferboard.actions.models import Action
from saferboard.actions.services import action_create, action_update
from saferboard.core.errors import BusinessRuleError


def test_an_action_with_owners_to_confirm_needs_no_owner_yet(partnership_a):
    action = action_create(
        partnership=partnership_a, by=None, text="Review CCTV", owners=[], owners_to_confirm="EM"
    )

    assert action.owners_to_confirm == "EM"
    assert not action.owners.exists()


def test_blank_owners_to_confirm_do_not_stand_in_for_an_owner(partnership_a):
    with pytest.raises(BusinessRuleError, match="at least one owner"):
        action_create(
            partnership=partnership_a, by=None, text="Review CCTV", owners=[], owners_to_confirm=" "
        )

    assert not Action.objects.exists()


def test_choosing_owners_settles_the_owners_to_confirm(partnership_a, the_police, the_council):
    action = action_create(
        partnership=partnership_a,
        by=None,
        text="Review CCTV",
        owners=[the_police],
        owners_to_confirm="EM",
    )

    unchanged = action_update(
        action=action, by=None, expected_version=action.version, owners=[the_police], text="X"
    )
    assert unchanged.owners_to_confirm == "EM"  # owners untouched: still to confirm

    chosen = action_update(
        action=unchanged,
        by=None,
        expected_version=unchanged.version,
        owners=[the_police, the_council],
    )
    assert chosen.owners_to_confirm == ""
    assert [o.organisation for o in chosen.owners.all()] == [the_police, the_council]


def test_an_action_left_with_neither_owners_nor_owners_to_confirm_is_refused(
    partnership_a, the_police
):
    action = action_create(
        partnership=partnership_a, by=None, text="Review CCTV", owners=[the_police]
    )

    with pytest.raises(BusinessRuleError, match="at least one owner"):
        action_update(action=action, by=None, expected_version=action.version, owners=[])

    assert [o.organisation for o in action.owners.all()] == [the_police]
