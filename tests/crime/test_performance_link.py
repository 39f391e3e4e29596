"""Performance indicators take their values from police.uk counts and fill themselves on import."""

import datetime
import html
import re

from django.urls import reverse

from saferboard.crime.imports import crime_import, files_from_paths
from saferboard.performance.models import Frequency, Indicator, IndicatorValue
from tests.crime.conftest import ASB, CITY_FOLDER, city_files, counts_from_csv
from tests.factories import AreaFactory, IndicatorFactory


def _indicator(partnership, frequency=Frequency.MONTHLY, crime_type=ASB, area="city"):
    return IndicatorFactory(
        partnership=partnership,
        name="ASB incidents per month",
        frequency=frequency,
        value_source="police_uk",
        value_source_options={"area": area, "type": crime_type},
    )


def _values(indicator) -> dict:
    return {
        row.period_start: row.value
        for row in IndicatorValue.objects.filter(indicator=indicator).order_by("period_start")
    }


def _month(text: str) -> datetime.date:
    return datetime.date(int(text[:4]), int(text[5:7]), 1)


def test_an_import_fills_a_monthly_asb_indicator_with_the_files_counts(partnership_a):
    AreaFactory(partnership=partnership_a, slug="city", forces=["City of London Police"])
    indicator = _indicator(partnership_a)

    crime_import(files=files_from_paths([CITY_FOLDER]))

    expected = {
        _month(month): count for (month, kind), count in counts_from_csv().items() if kind == ASB
    }
    assert len(expected) == 24
    assert _values(indicator) == expected
    assert set(
        IndicatorValue.objects.filter(indicator=indicator).values_list("source", flat=True)
    ) == {"police_uk"}


def test_re_importing_leaves_the_values_unchanged(partnership_a):
    AreaFactory(partnership=partnership_a, slug="city", forces=["City of London Police"])
    indicator = _indicator(partnership_a, crime_type="all")
    crime_import(files=files_from_paths([CITY_FOLDER]))
    first = _values(indicator)
    versions = dict(
        IndicatorValue.objects.filter(indicator=indicator).values_list("period_start", "version")
    )

    crime_import(files=files_from_paths([CITY_FOLDER]))

    assert _values(indicator) == first
    assert sum(first.values()) == sum(counts_from_csv().values())
    assert (
        dict(
            IndicatorValue.objects.filter(indicator=indicator).values_list(
                "period_start", "version"
            )
        )
        == versions
    )


def test_a_quarterly_indicator_sums_three_months(partnership_a):
    AreaFactory(partnership=partnership_a, slug="city", forces=["City of London Police"])
    indicator = _indicator(partnership_a, frequency=Frequency.QUARTERLY, crime_type="all-crime")

    crime_import(files=files_from_paths([CITY_FOLDER]))

    counted = counts_from_csv()
    april_to_june_2020 = sum(
        count
        for (month, kind), count in counted.items()
        if month in {"2020-04", "2020-05", "2020-06"} and kind != ASB
    )
    values = _values(indicator)
    assert values[datetime.date(2020, 4, 1)] == april_to_june_2020
    assert len(values) == 8  # January 2020 to December 2021: eight whole quarters


def test_a_period_missing_a_month_has_no_value(partnership_a):
    AreaFactory(partnership=partnership_a, slug="city", forces=["City of London Police"])
    quarterly = _indicator(partnership_a, frequency=Frequency.QUARTERLY)
    monthly = _indicator(partnership_a)
    without_may_2020 = [path for path in city_files() if not path.name.startswith("2020-05")]

    crime_import(files=files_from_paths(without_may_2020))

    quarters = _values(quarterly)
    assert datetime.date(2020, 4, 1) not in quarters  # April to June 2020 lacks May
    assert datetime.date(2020, 7, 1) in quarters
    months = _values(monthly)
    assert datetime.date(2020, 5, 1) not in months
    assert len(months) == 23


def test_another_forces_import_leaves_the_indicator_alone(partnership_a):
    AreaFactory(partnership=partnership_a, slug="met", forces=["Metropolitan Police Service"])
    indicator = _indicator(partnership_a, area="met")

    crime_import(files=files_from_paths([CITY_FOLDER]))

    assert _values(indicator) == {}


INDICATOR_FORM = {
    "code": "ASB 1",
    "name": "ASB incidents per month",
    "unit": "count",
    "polarity": "lower",
    "target_kind": "none",
    "amber_tolerance": "0",
    "frequency": "monthly",
    "value_source": "police_uk",
    "return_due_days": "20",
    "lifecycle": "agreed",
    "position": "0",
}


def test_the_indicator_form_offers_the_areas_and_crime_types_as_selects(
    manager_a_client, partnership_a, partnership_b
):
    AreaFactory(partnership=partnership_a, slug="city", name="City force area")
    AreaFactory(partnership=partnership_b, slug="theirs", name="Their borough")
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})

    page = html.unescape(manager_a_client.get(add).content.decode())

    assert "Police.uk crime counts" in page
    area_select = re.search(r'<select name="source_area"[^>]*>(.*?)</select>', page, re.S)[1]
    assert '<option value="city">City force area</option>' in area_select
    assert "theirs" not in area_select and "Their borough" not in page
    type_select = re.search(r'<select name="source_type"[^>]*>(.*?)</select>', page, re.S)[1]
    assert '<option value="all-crime">All crime (without ASB)</option>' in type_select
    assert f'<option value="{ASB}">{ASB}</option>' in type_select


def test_the_indicator_form_saves_the_chosen_area_and_type(manager_a_client, partnership_a):
    AreaFactory(partnership=partnership_a, slug="city", forces=["City of London Police"])
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})

    saved = manager_a_client.post(
        add, {**INDICATOR_FORM, "source_area": "city", "source_type": ASB}
    )

    assert saved.status_code == 302
    indicator = Indicator.objects.get(partnership=partnership_a, code="ASB 1")
    assert indicator.value_source_options == {"area": "city", "type": ASB}
    edit = reverse(
        "performance:indicator-edit",
        kwargs={"partnership": partnership_a.slug, "pk": indicator.pk},
    )
    page = html.unescape(manager_a_client.get(edit).content.decode())
    assert '<option value="city" selected>' in page
    assert f'<option value="{ASB}" selected>' in page


def test_the_indicator_form_refuses_another_partnerships_area_or_none(
    manager_a_client, partnership_a, partnership_b
):
    AreaFactory(partnership=partnership_a, slug="city")
    AreaFactory(partnership=partnership_b, slug="theirs")
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})

    theirs = manager_a_client.post(
        add, {**INDICATOR_FORM, "source_area": "theirs", "source_type": "all"}
    )
    no_area = manager_a_client.post(add, {**INDICATOR_FORM, "source_type": "all"})
    wrong_type = manager_a_client.post(
        add, {**INDICATOR_FORM, "source_area": "city", "source_type": "shoplifting-ish"}
    )

    assert "Select the area (police.uk crime counts) from the list" in html.unescape(
        theirs.content.decode()
    )
    assert "need “area” set to one of your areas (city)." in html.unescape(no_area.content.decode())
    assert "Select the crime type (police.uk crime counts) from the list" in html.unescape(
        wrong_type.content.decode()
    )
    assert not Indicator.objects.filter(code="ASB 1").exists()


def test_partner_returns_ignore_the_police_uk_settings(manager_a_client, partnership_a):
    add = reverse("performance:indicator-add", kwargs={"partnership": partnership_a.slug})

    saved = manager_a_client.post(
        add, {**INDICATOR_FORM, "value_source": "returns", "source_area": "nowhere"}
    )

    assert saved.status_code == 302
    indicator = Indicator.objects.get(code="ASB 1")
    assert indicator.value_source == "returns" and indicator.value_source_options == {}
