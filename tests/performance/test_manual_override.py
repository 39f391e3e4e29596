"""A manual red, amber or green needs a reason, is audited, and refuses a stale copy."""

import pytest

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.performance.rag import indicator_rag
from saferboard.performance.services import indicator_value_override
from tests.factories import IndicatorValueFactory


@pytest.fixture
def a_green_value(partnership_a):
    return IndicatorValueFactory(partnership=partnership_a, value=90)  # target 100, lower better


def test_override_needs_a_reason(a_green_value, manager_a):
    with pytest.raises(BusinessRuleError, match="Say why KPI .* Q1 2025/26 is set to red"):
        indicator_value_override(
            indicator_value=a_green_value,
            by=manager_a,
            rag="red",
            reason="  ",
            expected_version=None,
        )
    a_green_value.refresh_from_db()
    assert a_green_value.rag_override == ""


def test_override_is_shown_with_its_reason_and_audited(a_green_value, manager_a):
    assert indicator_rag(a_green_value.indicator, a_green_value).text == "Green"
    indicator_value_override(
        indicator_value=a_green_value,
        by=manager_a,
        rag="red",
        reason="Data quality issue found",
        expected_version=a_green_value.version,
    )
    a_green_value.refresh_from_db()
    assert indicator_rag(a_green_value.indicator, a_green_value).text == (
        "Red (set by hand: Data quality issue found)"
    )
    latest = a_green_value.history.first()
    assert (latest.rag_override, latest.history_user) == ("red", manager_a)


def test_clearing_the_override_goes_back_to_the_computed_colour(a_green_value, manager_a):
    indicator_value_override(
        indicator_value=a_green_value, by=manager_a, rag="amber", reason="x", expected_version=None
    )
    indicator_value_override(
        indicator_value=a_green_value, by=manager_a, rag="", reason="", expected_version=None
    )
    a_green_value.refresh_from_db()
    assert (
        a_green_value.rag_override_reason,
        indicator_rag(a_green_value.indicator, a_green_value).text,
    ) == ("", "Green")


def test_stale_override_is_refused(a_green_value, manager_a):
    opened_at = a_green_value.version
    indicator_value_override(
        indicator_value=a_green_value,
        by=manager_a,
        rag="amber",
        reason="first",
        expected_version=opened_at,
    )
    with pytest.raises(StaleEditError):
        indicator_value_override(
            indicator_value=a_green_value,
            by=manager_a,
            rag="red",
            reason="second",
            expected_version=opened_at,
        )
    a_green_value.refresh_from_db()
    assert (a_green_value.rag_override, a_green_value.rag_override_reason) == ("amber", "first")
