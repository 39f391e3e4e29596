"""A framework's name and version go together once; a stale edit of its details is refused."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from saferboard.assurance.frameworks import framework_copy, framework_update
from saferboard.core.errors import BusinessRuleError, StaleEditError


def test_a_version_cannot_be_used_twice(framework, manager_a):
    with pytest.raises(BusinessRuleError, match="Section 11 audit already has a version 2025"):
        framework_copy(
            framework=framework,
            version_label="2025",
            period_start=datetime.date(2026, 4, 1),
            period_end=datetime.date(2027, 3, 31),
            by=manager_a,
        )


def test_a_stale_edit_is_refused(framework, manager_a):
    seen = framework.version
    framework_update(
        framework=framework, by=manager_a, expected_version=seen, description="First edit"
    )
    with pytest.raises(StaleEditError):
        framework_update(
            framework=framework, by=manager_a, expected_version=seen, description="Second"
        )


def test_the_period_must_end_after_it_starts(framework, manager_a):
    client = Client()
    client.force_login(manager_a)
    response = client.post(
        reverse(
            "assurance:framework-edit",
            kwargs={"partnership": framework.partnership.slug, "pk": framework.pk},
        ),
        {
            "name": framework.name,
            "version_label": framework.version_label,
            "owner_body": framework.owner_body_id,
            "version": framework.version,
            "period_start_day": "1",
            "period_start_month": "4",
            "period_start_year": "2025",
            "period_end_day": "1",
            "period_end_month": "1",
            "period_end_year": "2025",
        },
    )
    assert response.status_code == 200
    assert "The period ends (1 January 2025) before it starts (1 April 2025)" in (
        response.content.decode()
    )
    framework.refresh_from_db()
    assert framework.period_end == datetime.date(2026, 3, 31)
