"""A return made to a shorter variant answers only the variant's standards."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.assurance.frameworks import variant_add
from saferboard.assurance.models import FrameworkStatus, Standard
from saferboard.assurance.returns import answer_save, return_problems, returns_invite
from saferboard.core.errors import BusinessRuleError


@pytest.fixture
def small_return(framework, police, manager_a):
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    chosen = Standard.objects.filter(section__framework=framework, number__in=["1.2", "2.2"])
    variant = variant_add(
        framework=framework, by=manager_a, name="Small organisations", standards=chosen
    )
    framework.status = FrameworkStatus.OPEN
    framework.save()
    (made,) = returns_invite(
        framework=framework,
        organisations=[police],
        due_date=datetime.date(2025, 10, 31),
        variant=variant,
        by=manager_a,
    )
    return made


def test_only_the_variants_standards_are_asked(small_return, framework, manager_a):
    assert [s.number for s, _ in return_problems(small_return)] == ["1.2", "2.2"]
    outside = Standard.objects.get(section__framework=framework, number="1.1")
    with pytest.raises(BusinessRuleError, match="Standard 1.1 is not part of this return"):
        answer_save(
            assurance_return=small_return,
            standard=outside,
            level=outside.scale.levels.get(code="met"),
            by=manager_a,
            version=None,
        )
    client = Client()
    client.force_login(manager_a)
    page = client.get(
        reverse(
            "assurance:return-detail",
            kwargs={"partnership": small_return.partnership.slug, "pk": small_return.pk},
        )
    ).content.decode()
    assert "0 of 2 standards" in page
    assert "0 of 1 answered" in page
