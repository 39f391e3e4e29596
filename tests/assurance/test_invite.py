"""Managers invite organisations to make a return by a due date, all or none."""

import datetime

import pytest

from saferboard.assurance.models import AssuranceReturn, FrameworkStatus, ReturnStatus
from saferboard.assurance.returns import returns_invite
from saferboard.core.errors import BusinessRuleError


def test_invite_two_organisations(framework, police, council, manager_a):
    made = returns_invite(
        framework=framework,
        organisations=[police, council],
        due_date=datetime.date(2025, 10, 31),
        by=manager_a,
    )
    assert {(r.organisation, r.status, r.due_date) for r in made} == {
        (police, ReturnStatus.INVITED, datetime.date(2025, 10, 31)),
        (council, ReturnStatus.INVITED, datetime.date(2025, 10, 31)),
    }


def test_an_organisation_already_invited_refuses_the_whole_invitation(
    framework, police, police_return, council, manager_a
):
    with pytest.raises(BusinessRuleError, match="Metropolitan Police Service already has a return"):
        returns_invite(
            framework=framework,
            organisations=[council, police],
            due_date=datetime.date(2025, 10, 31),
            by=manager_a,
        )
    assert not AssuranceReturn.objects.filter(organisation=council).exists()


def test_a_draft_framework_takes_no_invitations(framework, police, manager_a):
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    with pytest.raises(BusinessRuleError, match="cannot invite"):
        returns_invite(
            framework=framework,
            organisations=[police],
            due_date=datetime.date(2025, 10, 31),
            by=manager_a,
        )
