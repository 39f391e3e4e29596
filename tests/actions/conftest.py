"""Named fixtures for action tests: the police and the council, a police contributor."""

import pytest
from django.test import Client

from saferboard.core.roles import Role
from saferboard.registry.models import Sector
from tests.factories import (
    ActionFactory,
    ActionOwnerFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


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
def clerk_a_client(clerk_a):
    return client_for(clerk_a)


def owned_action(partnership, *, text: str, **owner) -> "ActionFactory":
    action = ActionFactory(partnership=partnership, text=text)
    ActionOwnerFactory(partnership=partnership, action=action, **owner)
    return action
