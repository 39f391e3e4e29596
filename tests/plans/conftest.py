"""Named fixtures for delivery plan tests: a strategy with two priorities, a plan under it,
the police and the council, and a police contributor."""

import datetime

import pytest

from saferboard.core.roles import Role
from saferboard.plans import services
from saferboard.registry.models import Sector
from tests.actions.conftest import client_for
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
    StrategyFactory,
)


@pytest.fixture
def the_police(partnership_a):
    return OrganisationFactory(
        partnership=partnership_a, name="Metropolitan Police Service", sector=Sector.POLICE
    )


@pytest.fixture
def the_council(partnership_a):
    return OrganisationFactory(
        partnership=partnership_a, name="Haringey Council", sector=Sector.LOCAL_AUTHORITY
    )


@pytest.fixture
def police_contributor(make_user, partnership_a, the_police):
    """A police officer who signs in as a contributor; their person holds a police seat."""
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    person = PersonFactory(
        partnership=partnership_a, given_name="Cara", family_name="Kent", user=user
    )
    MembershipFactory(partnership=partnership_a, person=person, organisation=the_police)
    return user


@pytest.fixture
def police_contributor_client(police_contributor):
    return client_for(police_contributor)


@pytest.fixture
def strategy(partnership_a):
    return StrategyFactory(partnership=partnership_a, name="Community Safety Strategy")


@pytest.fixture
def reduce_violence(partnership_a, strategy):
    return PriorityFactory(
        partnership=partnership_a,
        strategy=strategy,
        number="1",
        title="Reduce violence",
        position=1,
    )


@pytest.fixture
def tackle_asb(partnership_a, strategy):
    return PriorityFactory(
        partnership=partnership_a,
        strategy=strategy,
        number="2",
        title="Tackle anti-social behaviour",
        position=2,
    )


@pytest.fixture
def plan(partnership_a, strategy, manager_a):
    """The City's key: blue complete, green progressing, amber on hold, red not started."""
    return services.plan_create(
        partnership=partnership_a,
        by=manager_a,
        name="Community Safety Plan 2025/26",
        strategy=strategy,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
    )


@pytest.fixture
def add_key_action(plan, manager_a):
    """add_key_action(number, title, priority=None, leads=(), **fields) through the service."""

    def _add(number, title, priority=None, leads=(), **fields):
        return services.key_action_create(
            plan=fields.pop("plan", plan),
            by=manager_a,
            number=number,
            title=title,
            priority=priority,
            lead_organisations=leads,
            **fields,
        )

    return _add


@pytest.fixture
def update(manager_a):
    """update(key_action, status, note, on=..., **more): a dated update by the manager."""

    def _update(key_action, status, note="Progress noted.", on=datetime.date(2025, 9, 1), **more):
        key_action.refresh_from_db()
        return services.key_action_add_update(
            key_action=key_action,
            by=manager_a,
            expected_version=key_action.version,
            on=on,
            note=note,
            status=status,
            **more,
        )

    return _update
