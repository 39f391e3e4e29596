"""Assurance fixtures: a small Section 11-style framework in partnership A, two partner
organisations each with a contributor who works for it, and an invitation to each."""

import datetime

import pytest

from saferboard.assurance.models import (
    AssuranceReturn,
    Framework,
    FrameworkStatus,
    RatingLevel,
    RatingScale,
    Section,
    Standard,
    SuggestedAction,
)
from saferboard.core.roles import Role
from saferboard.registry.models import MembershipCategory
from tests.factories import BodyFactory, MembershipFactory, OrganisationFactory, PersonFactory

LEVELS = [
    # code, label, score, meets, not applicable
    ("met", "Met", 3, True, False),
    ("partly", "Partially met", 2, False, False),
    ("not_met", "Not met", 1, False, False),
    ("na", "Not applicable", None, False, True),
]
SECTIONS = [
    (
        "Leadership and accountability",
        [
            ("1.1", "Senior lead for safeguarding is named", True),
            ("1.2", "Safeguarding policy is reviewed every year", False),
        ],
    ),
    (
        "Safer recruitment and training",
        [
            ("2.1", "Staff in contact with children have enhanced DBS checks", True),
            ("2.2", "Staff complete safeguarding training every three years", False),
        ],
    ),
]


def framework_build(partnership, *, body=None, name="Section 11 audit", version_label="2025"):
    """A framework with a met / partially met / not met / not applicable scale, two sections
    of two standards, and a suggested action for each standard at each level below met."""
    body = body or BodyFactory(partnership=partnership, name="Safeguarding Partnership")
    framework = Framework.objects.create(
        partnership=partnership,
        name=name,
        version_label=version_label,
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        owner_body=body,
        status=FrameworkStatus.OPEN,
    )
    scale = RatingScale.objects.create(
        partnership=partnership, framework=framework, name="Met / partially met / not met"
    )
    levels = {}
    for order, (code, label, score, meets, not_applicable) in enumerate(LEVELS):
        levels[code] = RatingLevel.objects.create(
            partnership=partnership,
            scale=scale,
            code=code,
            label=label,
            order=order,
            score=score,
            meets_standard=meets,
            not_applicable=not_applicable,
        )
    for section_order, (title, standards) in enumerate(SECTIONS):
        section = Section.objects.create(
            partnership=partnership,
            framework=framework,
            number=str(section_order + 1),
            title=title,
            order=section_order,
        )
        for order, (number, standard_title, evidence) in enumerate(standards):
            standard = Standard.objects.create(
                partnership=partnership,
                section=section,
                number=number,
                title=standard_title,
                guidance=f"Show how: {standard_title.lower()}.",
                scale=scale,
                evidence_required=evidence,
                order=order,
            )
            for code, due in (("partly", 90), ("not_met", 30)):
                SuggestedAction.objects.create(
                    partnership=partnership,
                    standard=standard,
                    level=levels[code],
                    text=f"Put in place: {standard_title.lower()}",
                    due_in_days=due,
                )
    return framework


@pytest.fixture
def framework(partnership_a):
    return framework_build(partnership_a)


@pytest.fixture
def make_contributor(make_user, partnership_a):
    """make_contributor(organisation) -> a contributor user who holds a seat for it."""

    def _make(organisation, *, body=None):
        user = make_user(organisation.partnership, Role.CONTRIBUTOR)
        person = PersonFactory(partnership=organisation.partnership, user=user)
        MembershipFactory(
            partnership=organisation.partnership,
            body=body or BodyFactory(partnership=organisation.partnership),
            person=person,
            organisation=organisation,
            category=MembershipCategory.STATUTORY,
            start_date=datetime.date(2020, 1, 1),
        )
        return user

    return _make


@pytest.fixture
def police(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")


@pytest.fixture
def council(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Haringey Council")


@pytest.fixture
def police_return(framework, police, manager_a):
    return AssuranceReturn.objects.create(
        partnership=framework.partnership,
        framework=framework,
        organisation=police,
        due_date=datetime.date(2025, 9, 30),
        invited_by=manager_a,
    )


@pytest.fixture
def council_return(framework, council, manager_a):
    return AssuranceReturn.objects.create(
        partnership=framework.partnership,
        framework=framework,
        organisation=council,
        due_date=datetime.date(2025, 9, 30),
        invited_by=manager_a,
    )
