"""Data sources: an indicator whose values come from a registered source, not returns."""

import datetime
import html

import pytest
from django import forms
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.performance import periods
from saferboard.performance.models import Indicator, IndicatorValue
from saferboard.performance.services import indicator_create, values_refresh
from saferboard.performance.sources import (
    register_value_source,
    unregister_value_source,
    value_source_choices,
)
from tests.factories import IndicatorFactory


# A stand-in for an external data source (police.uk counts, say): the month number times 10,
# and nothing for January.
def months_times_ten(indicator, period):
    if period.start.month == 1:
        return None
    return period.start.month * 10 + indicator.value_source_options.get("add", 0)


@pytest.fixture
def a_source():
    register_value_source("test_months", "Test months source", months_times_ten)
    yield "test_months"
    unregister_value_source("test_months")


def test_refresh_stores_values_from_the_source(partnership_a, a_source, manager_a):
    indicator = IndicatorFactory(
        partnership=partnership_a, value_source=a_source, value_source_options={"add": 1}
    )
    wanted = periods.periods_between(
        "quarterly", datetime.date(2025, 1, 1), datetime.date(2025, 9, 30)
    )
    stored = values_refresh(indicator=indicator, periods=wanted, by=manager_a)
    rows = IndicatorValue.objects.filter(indicator=indicator).order_by("period_start")
    # Q4 2024/25 starts in January, for which the source has nothing.
    assert [
        (str(periods.period_of(r.period_start, r.period_end)), r.value, r.source) for r in rows
    ] == [
        ("Q1 2025/26", 41, a_source),
        ("Q2 2025/26", 71, a_source),
    ]
    assert len(stored) == 2
    # Refreshing again changes nothing; a changed figure updates the row, audited.
    assert values_refresh(indicator=indicator, periods=wanted, by=manager_a) == []
    indicator.value_source_options = {"add": 2}
    indicator.save()
    updated = values_refresh(indicator=indicator, periods=wanted, by=manager_a)
    assert [row.value for row in updated] == [42, 72]
    assert updated[0].history.count() == 2


def test_refresh_by_default_covers_recent_completed_periods(partnership_a, a_source):
    indicator = IndicatorFactory(
        partnership=partnership_a, value_source=a_source, frequency="monthly"
    )
    values_refresh(indicator=indicator, today=datetime.date(2026, 5, 10))
    ends = list(
        IndicatorValue.objects.filter(indicator=indicator).values_list("period_end", flat=True)
    )
    assert max(ends) == datetime.date(2026, 4, 30)
    assert min(ends) >= datetime.date(2024, 4, 1)


def test_only_known_sources_can_be_chosen(partnership_a, a_source, manager_a):
    assert ("test_months", "Test months source") in value_source_choices()
    with pytest.raises(BusinessRuleError, match="not a data source"):
        indicator_create(
            partnership=partnership_a, by=manager_a, code="X1", name="X", value_source="nowhere"
        )
    returns_indicator = IndicatorFactory(partnership=partnership_a)
    with pytest.raises(BusinessRuleError, match="partner returns"):
        values_refresh(indicator=returns_indicator)


def test_returns_is_reserved():
    with pytest.raises(ValueError, match="reserved"):
        register_value_source("returns", "Mine", months_times_ten)


def check_add(options, partnership):
    if options.get("add", 0) > 100:
        raise ValueError("“add” must be 100 or less.")
    return options


@pytest.fixture
def a_source_with_fields():
    register_value_source(
        "test_fields",
        "Test source with fields",
        months_times_ten,
        check_options=check_add,
        option_fields=lambda partnership: {
            "add": forms.IntegerField(label="Number to add", help_text="Test setting.")
        },
    )
    yield "test_fields"
    unregister_value_source("test_fields")


INDICATOR_FORM = {
    "code": "T 1",
    "name": "From a test source",
    "unit": "count",
    "polarity": "lower",
    "target_kind": "none",
    "amber_tolerance": "0",
    "frequency": "monthly",
    "return_due_days": "20",
    "lifecycle": "agreed",
    "position": "0",
}


def test_a_sources_declared_settings_are_form_fields(
    manager_a_client, partnership_a, a_source_with_fields
):
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})
    assert 'name="source_add"' in manager_a_client.get(add).content.decode()

    too_big = manager_a_client.post(
        add, {**INDICATOR_FORM, "value_source": a_source_with_fields, "source_add": "500"}
    )
    assert "“add” must be 100 or less." in html.unescape(too_big.content.decode())
    saved = manager_a_client.post(
        add,
        {
            **INDICATOR_FORM,
            "value_source": a_source_with_fields,
            "source_add": "3",
            "value_source_options": '{"ignored": true}',
        },
    )

    assert saved.status_code == 302
    assert Indicator.objects.get(code="T 1").value_source_options == {"add": 3}


def test_a_source_without_declared_settings_takes_them_as_json(
    manager_a_client, partnership_a, a_source
):
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})

    saved = manager_a_client.post(
        add, {**INDICATOR_FORM, "value_source": a_source, "value_source_options": '{"add": 2}'}
    )

    assert saved.status_code == 302
    assert Indicator.objects.get(code="T 1").value_source_options == {"add": 2}
