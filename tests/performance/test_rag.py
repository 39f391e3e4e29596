"""The RAG rule: polarity both ways, tolerance edges, % change targets, missing values."""

from decimal import Decimal

import pytest

from saferboard.performance.models import Polarity, TargetKind
from saferboard.performance.rag import rag, target_value

LOWER = Polarity.LOWER_IS_BETTER
HIGHER = Polarity.HIGHER_IS_BETTER


def absolute(value, *, polarity, target=100, tolerance=5):
    return rag(
        value=value,
        target_kind=TargetKind.ABSOLUTE,
        target=target,
        amber_tolerance=tolerance,
        polarity=polarity,
    ).status


@pytest.mark.parametrize(
    "value, status",
    [
        (80, "green"),  # well under
        (100, "green"),  # exactly on target
        (Decimal("100.001"), "amber"),  # just over the target
        (105, "amber"),  # exactly at the tolerance
        (Decimal("105.001"), "red"),  # just beyond it
        (150, "red"),
    ],
)
def test_lower_is_better(value, status):
    assert absolute(value, polarity=LOWER) == status


@pytest.mark.parametrize(
    "value, status",
    [
        (120, "green"),
        (100, "green"),
        (Decimal("99.999"), "amber"),
        (95, "amber"),
        (Decimal("94.999"), "red"),
        (0, "red"),
    ],
)
def test_higher_is_better(value, status):
    assert absolute(value, polarity=HIGHER) == status


def test_no_tolerance_means_anything_short_is_red():
    assert absolute(101, polarity=LOWER, tolerance=0) == "red"
    assert absolute(100, polarity=LOWER, tolerance=0) == "green"
    assert absolute(99, polarity=HIGHER, tolerance=0) == "red"


def test_percent_change_target_is_measured_from_the_baseline():
    # A 10% reduction on a baseline of 200 means 180; tolerance 2 points = 4.
    assert target_value(target_kind=TargetKind.PERCENT_CHANGE, target=-10, baseline=200) == Decimal(
        "180"
    )

    def status(value):
        return rag(
            value=value,
            target_kind=TargetKind.PERCENT_CHANGE,
            target=-10,
            baseline=200,
            amber_tolerance=2,
            polarity=LOWER,
        ).status

    assert [status(v) for v in (170, 180, 181, 184, Decimal("184.01"), 200)] == [
        "green",
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]


def test_percent_increase_target_for_higher_is_better():
    result = rag(
        value=105,
        target_kind=TargetKind.PERCENT_CHANGE,
        target=5,
        baseline=100,
        amber_tolerance=1,
        polarity=HIGHER,
    )
    assert (result.status, result.target) == ("green", Decimal("105"))
    assert (
        rag(
            value=104,
            target_kind=TargetKind.PERCENT_CHANGE,
            target=5,
            baseline=100,
            amber_tolerance=1,
            polarity=HIGHER,
        ).status
        == "amber"
    )


def test_missing_value_is_no_information_not_red():
    result = rag(value=None, target_kind=TargetKind.ABSOLUTE, target=100, polarity=LOWER)
    assert (result.status, result.text, result.tag_class) == (
        "none",
        "No information",
        "govuk-tag--grey",
    )


def test_no_target_is_said_so():
    for kind, target, baseline in (
        (TargetKind.NONE, None, None),
        (TargetKind.ABSOLUTE, None, None),
        (TargetKind.PERCENT_CHANGE, -5, None),
    ):
        result = rag(value=10, target_kind=kind, target=target, baseline=baseline, polarity=LOWER)
        assert (result.status, result.text) == ("none", "No target")


def test_override_wins_and_shows_its_reason():
    result = rag(
        value=50,
        target_kind=TargetKind.ABSOLUTE,
        target=100,
        polarity=LOWER,
        override="red",
        override_reason="recording error found",
    )
    assert result.status == "red"
    assert result.text == "Red (set by hand: recording error found)"
    assert result.tag_class == "govuk-tag--red"
    computed = rag(value=50, target_kind=TargetKind.ABSOLUTE, target=100, polarity=LOWER)
    assert (computed.status, computed.text, computed.overridden) == ("green", "Green", False)
