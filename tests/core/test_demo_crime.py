"""The demo's crime data: the City of London's 24 real months, imported through the real
importer, and an ASB indicator filled from them by the import."""

import pytest

from saferboard.core.demo import demo_build, demo_reset
from saferboard.core.models import Partnership
from saferboard.crime import analysis
from saferboard.crime.models import Area, CrimeRecord, LoadedMonth
from saferboard.performance.models import Indicator, IndicatorValue
from tests.crime.conftest import ASB, counts_from_csv


@pytest.fixture
def demo(db):
    """The registry, logins, performance and crime demo (without the slow meetings)."""
    demo_build(meetings=False, performance=True)
    return Partnership.objects.get(slug="city-of-london")


def test_the_city_has_24_months_and_an_asb_indicator_with_their_values(demo):
    area = Area.objects.get(partnership=demo, forces=["City of London Police"])
    months = analysis.loaded_months(scope=analysis.scope_for_area(area))
    assert len(months) == 24
    assert CrimeRecord.objects.count() == sum(counts_from_csv().values())

    indicator = Indicator.objects.get(partnership=demo, name="ASB incidents per month")
    assert indicator.value_source == "police_uk"
    values = {
        f"{row.period_start:%Y-%m}": row.value
        for row in IndicatorValue.objects.filter(indicator=indicator)
    }
    expected = {month: count for (month, kind), count in counts_from_csv().items() if kind == ASB}
    assert values == expected


def test_haringey_has_no_crime_area(demo):
    assert not Area.objects.filter(partnership__slug="haringey").exists()


def test_without_performance_the_demo_imports_no_crime_data(db):
    demo_build(meetings=False, performance=False)
    assert not Area.objects.exists()
    assert not LoadedMonth.objects.exists()


def test_building_again_after_a_reset_does_not_double_the_counts(demo):
    demo_reset()
    demo_build(meetings=False, performance=True)
    assert CrimeRecord.objects.count() == sum(counts_from_csv().values())
    indicator = Indicator.objects.get(partnership__slug="city-of-london", code="SCP 4.9")
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 24
