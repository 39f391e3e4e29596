"""The demo's performance framework and delivery plan: built through the real services, so
the dashboard, the exception report and the returns page have something to show."""

import datetime

import pytest
from django.test import Client

from saferboard.core.demo import DEMO_PASSWORD, demo_build, demo_reset
from saferboard.core.demo.performance import demo_quarters
from saferboard.core.models import Partnership
from saferboard.performance import rag as rag_rules
from saferboard.performance.models import (
    Comparator,
    Indicator,
    IndicatorValue,
    Lifecycle,
    Polarity,
    TargetKind,
    Unit,
    ValueSource,
)
from saferboard.performance.selectors import dashboard, indicator_exceptions
from saferboard.plans.models import DeliveryPlan, KeyActionStatus, KeyActionUpdate, Strategy

TODAY = datetime.date.today()


@pytest.fixture
def demo(db):
    """The registry, logins and performance demo (without the slow meetings)."""
    demo_build(meetings=False, performance=True)
    return [
        Partnership.objects.get(slug="haringey"),
        Partnership.objects.get(slug="city-of-london"),
    ]


def test_each_demo_partnership_has_a_strategy_and_15_or_more_mixed_indicators(demo):
    for partnership in demo:
        strategy = Strategy.objects.get(partnership=partnership)
        assert 4 <= strategy.priorities.count() <= 6
        indicators = Indicator.objects.filter(partnership=partnership)
        assert indicators.count() >= 15, partnership
        assert not indicators.filter(priority=None).exists()
        assert {Unit.COUNT, Unit.PERCENT, Unit.MINUTES} <= set(
            indicators.values_list("unit", flat=True)
        )
        assert set(indicators.values_list("polarity", flat=True)) == set(Polarity.values)
        assert {TargetKind.ABSOLUTE, TargetKind.PERCENT_CHANGE} <= set(
            indicators.values_list("target_kind", flat=True)
        )
        lifecycles = list(indicators.values_list("lifecycle", flat=True))
        assert lifecycles.count(Lifecycle.UNDER_DEVELOPMENT) == 1
        assert lifecycles.count(Lifecycle.IN_ABEYANCE) == 1
        assert lifecycles.count(Lifecycle.AGREED) == len(lifecycles) - 2
    haringey_units = set(
        Indicator.objects.filter(partnership=demo[0]).values_list("unit", flat=True)
    )
    assert Unit.RATE_PER_1000 in haringey_units


def test_demo_returns_span_two_years_of_quarters_with_gaps_commentary_and_an_override(demo):
    quarters = demo_quarters(TODAY)
    assert (quarters[-1].end - quarters[0].start).days > 700
    for partnership in demo:
        # Partner returns; the City's police.uk indicator is tests/core/test_demo_crime.py's.
        values = IndicatorValue.objects.filter(
            partnership=partnership, indicator__value_source=ValueSource.RETURNS
        )
        starts = set(values.values_list("period_start", flat=True))
        assert starts == {quarter.start for quarter in quarters}
        for indicator in Indicator.objects.filter(
            partnership=partnership, lifecycle=Lifecycle.AGREED, value_source=ValueSource.RETURNS
        ):
            assert indicator.values.count() == len(quarters), indicator
        assert not values.filter(
            indicator__lifecycle__in=[Lifecycle.UNDER_DEVELOPMENT, Lifecycle.IN_ABEYANCE]
        ).exists()
        gaps = values.filter(value=None)
        assert 1 <= gaps.count() <= 3
        assert all(gap.no_information_reason for gap in gaps)
        assert values.exclude(commentary="").count() >= 5
        assert values.exclude(numerator=None).exists()  # small numbers shown as counts
        assert all(value.submitted_by is not None for value in values)
        overridden = values.exclude(rag_override="")
        assert overridden.count() <= 1
        assert all(value.rag_override_reason for value in overridden)
        names = set(
            Comparator.objects.filter(partnership=partnership).values_list("name", flat=True)
        )
        assert "London average" in names
    assert IndicatorValue.objects.filter(partnership=demo[0]).exclude(rag_override="").exists()
    assert Comparator.objects.filter(partnership=demo[0], rank_of=32).exists()
    # The probation contributor sent probation's returns; the analyst sent the rest.
    probation = IndicatorValue.objects.filter(
        partnership=demo[0], indicator__lead_organisation__short_name="NPS"
    )
    assert set(probation.values_list("submitted_by__username", flat=True)) == {
        "haringey-contributor"
    }


def test_demo_dashboards_show_red_amber_and_green_and_an_exception_report(demo):
    for partnership in demo:
        groups = dashboard(partnership=partnership, as_at=TODAY)
        colours = {summary.rag.status for group in groups for summary in group.summaries}
        assert {rag_rules.RED, rag_rules.AMBER, rag_rules.GREEN} <= colours, partnership
        exceptions = indicator_exceptions(partnership=partnership, period=demo_quarters(TODAY)[-1])
        assert {e.summary.rag.status for e in exceptions} == {rag_rules.RED, rag_rules.AMBER}
        assert all(e.commentary for e in exceptions if e.summary.rag.status == rag_rules.RED)

    client = Client()
    client.post("/sign-in/", {"username": "haringey-manager", "password": DEMO_PASSWORD})
    page = client.get("/p/haringey/performance/").content.decode()
    assert "Violence with injury" in page
    report = client.get("/p/haringey/performance/exceptions/")
    assert report.status_code == 200
    assert "Proven reoffending rate, adults" in report.content.decode()


def test_each_demo_partnership_has_a_delivery_plan_of_25_or_more_key_actions(demo):
    for partnership in demo:
        plan = DeliveryPlan.objects.get(partnership=partnership)
        actions = plan.key_actions.all()
        assert actions.count() >= 25
        assert all(a.priority and a.number.startswith(f"{a.priority.number}.") for a in actions)
        statuses = set(actions.values_list("status", flat=True))
        assert KeyActionStatus.COMPLETE in statuses
        assert len(statuses) >= 3
        assert all(a.completed_on for a in actions.filter(status=KeyActionStatus.COMPLETE))
        updates = KeyActionUpdate.objects.filter(key_action__plan=plan)
        assert updates.count() >= 25
        assert all(update.on <= TODAY for update in updates)
        assert actions.exclude(lead_organisations=None).count() == actions.count()
        assert plan.reports.exists()


def test_the_demo_without_meetings_has_no_indicators_or_plans(db):
    report = demo_build(meetings=False)

    assert not Indicator.objects.exists()
    assert not DeliveryPlan.objects.exists()
    assert all("no indicators or plans" in line for line in report)


def test_demo_reset_removes_the_performance_demo_and_builds_it_again(demo):
    before = IndicatorValue.objects.count(), KeyActionUpdate.objects.count()

    demo_reset()
    demo_build(meetings=False, performance=True)

    assert (IndicatorValue.objects.count(), KeyActionUpdate.objects.count()) == before
