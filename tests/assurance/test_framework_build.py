"""Managers build a framework: scale with levels, sections, standards with suggested
actions for each level below met; its shape is fixed once it is open."""

import datetime

import pytest

from saferboard.assurance.frameworks import (
    framework_close,
    framework_create,
    framework_open,
    levels_below_met,
    scale_create,
    section_add,
    standard_add,
    standard_update,
)
from saferboard.assurance.models import FrameworkStatus
from saferboard.core.errors import BusinessRuleError
from tests.factories import BodyFactory


@pytest.fixture
def draft(partnership_a, manager_a):
    return framework_create(
        partnership=partnership_a,
        by=manager_a,
        name="Prevent duty",
        version_label="2025",
        period_start=datetime.date(2025, 4, 1),
        period_end=datetime.date(2026, 3, 31),
        owner_body=BodyFactory(partnership=partnership_a),
    )


def test_build_a_framework_and_open_it(draft, manager_a):
    scale = scale_create(
        framework=draft,
        by=manager_a,
        name="1 to 4",
        levels=[
            ("4", "Outstanding"),
            ("3", "Good"),
            ("2", "Requires improvement"),
            ("1", "Inadequate"),
        ],
        meeting_count=2,
        not_applicable=True,
    )
    levels = list(scale.levels.all())
    assert [(lv.code, lv.score, lv.meets_standard, lv.not_applicable) for lv in levels] == [
        ("4", 4, True, False),
        ("3", 3, True, False),
        ("2", 2, False, False),
        ("1", 1, False, False),
        ("na", None, False, True),
    ]
    below = levels_below_met(scale)
    assert [lv.code for lv in below] == ["2", "1"]
    section = section_add(framework=draft, by=manager_a, title="Leadership", number="1")
    standard = standard_add(
        section=section,
        by=manager_a,
        number="1.1",
        title="A Prevent lead is named",
        guidance="",
        scale=scale,
        evidence_required=True,
        actions={below[0].pk: ("Name a lead", 60), below[1].pk: ("Name a lead now", 14)},
    )
    assert sorted(
        (a.level.code, a.text, a.due_in_days) for a in standard.suggested_actions.all()
    ) == [
        ("1", "Name a lead now", 14),
        ("2", "Name a lead", 60),
    ]
    # Clearing one action's text removes it.
    standard_update(
        standard=standard,
        by=manager_a,
        expected_version=standard.version,
        title="A Prevent lead is named and trained",
        actions={below[0].pk: ("", 60), below[1].pk: ("Name a lead now", 7)},
    )
    assert [(a.level.code, a.due_in_days) for a in standard.suggested_actions.all()] == [("1", 7)]

    framework_open(framework=draft, by=manager_a)
    assert draft.status == FrameworkStatus.OPEN
    with pytest.raises(BusinessRuleError, match="Copy it into a new version"):
        section_add(framework=draft, by=manager_a, title="Training")
    framework_close(framework=draft, by=manager_a)
    assert draft.status == FrameworkStatus.CLOSED


def test_an_empty_framework_cannot_open(draft, manager_a):
    with pytest.raises(BusinessRuleError, match="no standards yet"):
        framework_open(framework=draft, by=manager_a)


def test_suggested_actions_only_for_levels_below_met(framework, manager_a):
    framework.status = FrameworkStatus.DRAFT
    framework.save()
    standard = framework.sections.first().standards.first()
    met = standard.scale.levels.get(code="met")
    with pytest.raises(BusinessRuleError, match="below met"):
        standard_update(
            standard=standard, by=manager_a, expected_version=None, actions={met.pk: ("x", 5)}
        )


def test_scale_needs_a_level_below_met(draft, manager_a):
    with pytest.raises(BusinessRuleError, match="at least one must fall below"):
        scale_create(
            framework=draft,
            by=manager_a,
            name="Yes/no",
            levels=[("y", "Yes"), ("n", "No")],
            meeting_count=2,
        )
