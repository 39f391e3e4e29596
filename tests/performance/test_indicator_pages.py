"""Indicator pages: add and edit with clear messages, the drill-down with its chart, values,
submissions and comparators, and setting a value's colour by hand."""

from django.urls import reverse

from saferboard.performance.models import Comparator, Indicator
from tests.factories import IndicatorFactory, OrganisationFactory
from tests.performance.conftest import quarterly_values


def url(name, partnership, **kwargs):
    return reverse(f"performance:{name}", kwargs={"partnership": partnership.slug, **kwargs})


def test_add_an_indicator_with_a_percent_change_target(
    manager_a_client, partnership_a, violence_priority
):
    police = OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")
    response = manager_a_client.post(
        url("indicator-add", partnership_a),
        {
            "code": "KPI 4",
            "name": "Residential burglary",
            "priority": violence_priority.pk,
            "unit": "count",
            "polarity": "lower",
            "target_kind": "percent_change",
            "target_value": "-5",
            "amber_tolerance": "2",
            "baseline_label": "2024/25",
            "baseline_value": "400",
            "frequency": "quarterly",
            "lead_organisation": police.pk,
            "value_source": "returns",
            "return_due_days": "20",
            "lifecycle": "agreed",
            "position": "0",
        },
    )
    indicator = Indicator.objects.get(partnership=partnership_a, code="KPI 4")
    assert response.status_code == 302
    page = manager_a_client.get(response["Location"]).content.decode()
    assert "380 (-5% change on 2024/25: 400)" in page
    assert indicator.history.first().history_user is not None


def test_a_percent_change_target_needs_a_baseline(manager_a_client, partnership_a):
    response = manager_a_client.post(
        url("indicator-add", partnership_a),
        {
            "code": "KPI 5",
            "name": "Robbery",
            "unit": "count",
            "polarity": "lower",
            "target_kind": "percent_change",
            "target_value": "-5",
            "amber_tolerance": "0",
            "frequency": "quarterly",
            "value_source": "returns",
            "return_due_days": "20",
            "lifecycle": "agreed",
            "position": "0",
        },
    )
    assert response.status_code == 200
    assert "A % change target needs a baseline value." in response.content.decode()
    assert not Indicator.objects.filter(code="KPI 5").exists()


def test_stale_edit_is_refused(manager_a_client, partnership_a):
    indicator = IndicatorFactory(partnership=partnership_a, name="Robbery")
    opened = indicator.version
    indicator.name = "Robbery (changed)"
    indicator.version += 1
    indicator.save()
    response = manager_a_client.post(
        url("indicator-edit", partnership_a, pk=indicator.pk),
        {
            "code": indicator.code,
            "name": "Robbery (mine)",
            "unit": "count",
            "polarity": "lower",
            "target_kind": "absolute",
            "target_value": "100",
            "amber_tolerance": "5",
            "frequency": "quarterly",
            "value_source": "returns",
            "return_due_days": "20",
            "lifecycle": "agreed",
            "position": "0",
            "version": opened,
        },
    )
    assert "changed by someone else" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.name == "Robbery (changed)"


def test_drill_down_shows_chart_values_submissions_and_comparators(
    manager_a_client, manager_a, partnership_a
):
    indicator = IndicatorFactory(partnership=partnership_a, code="KPI 7", name="Knife crime")
    quarterly_values(indicator, [90, None, 3], submitted_by=manager_a, commentary="Up on summer")
    page_url = url("indicator-detail", partnership_a, pk=indicator.pk)
    response = manager_a_client.post(
        url("comparator-add", partnership_a, pk=indicator.pk),
        {"name": "London average", "period": "Q1 2023/24", "value": "95"},
    )
    assert response["Location"] == page_url
    assert Comparator.objects.get(indicator=indicator).period_end.isoformat() == "2023-06-30"
    page = manager_a_client.get(page_url).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="sb-chart" role="img"' in page
    assert "<title id=" in page and "KPI 7: Knife crime: values by period" in page
    assert "Target (100)" in page and "London average" in page
    assert "No information" in page  # the missing quarter
    assert '<strong class="govuk-tag govuk-tag--green">Green</strong>' in page
    assert "Up on summer" in page
    assert manager_a.username in page  # who submitted


def test_comparator_rank_must_fit(manager_a_client, partnership_a):
    indicator = IndicatorFactory(partnership=partnership_a)
    response = manager_a_client.post(
        url("comparator-add", partnership_a, pk=indicator.pk),
        {"name": "London rank", "period": "Q7 2023/24", "rank": "40", "rank_of": "32"},
    )
    text = response.content.decode()
    assert "is not a period we recognise" in text
    response = manager_a_client.post(
        url("comparator-add", partnership_a, pk=indicator.pk),
        {"name": "London rank", "period": "Q1 2023/24", "rank": "40", "rank_of": "32"},
    )
    assert "A rank of 40 out of 32 is not possible" in response.content.decode()
    assert not Comparator.objects.exists()


def test_setting_red_by_hand_shows_on_the_drill_down(manager_a_client, partnership_a):
    indicator = IndicatorFactory(partnership=partnership_a)
    (row,) = quarterly_values(indicator, [50])
    override_url = url("value-override", partnership_a, pk=row.pk)
    form = manager_a_client.get(override_url).content.decode()
    assert "Worked out from the target, this value is" in form and "Green" in form
    missing = manager_a_client.post(
        override_url, {"rag_override": "red", "rag_override_reason": "", "version": row.version}
    )
    assert "Say why" in missing.content.decode()
    manager_a_client.post(
        override_url,
        {
            "rag_override": "red",
            "rag_override_reason": "Figures under review",
            "version": row.version,
        },
    )
    page = manager_a_client.get(
        url("indicator-detail", partnership_a, pk=indicator.pk)
    ).content.decode()
    assert "Red (set by hand: Figures under review)" in page


def test_viewers_cannot_set_colours(client, viewer_a, partnership_a):
    indicator = IndicatorFactory(partnership=partnership_a)
    (row,) = quarterly_values(indicator, [50])
    client.force_login(viewer_a)
    assert client.get(url("value-override", partnership_a, pk=row.pk)).status_code == 403
    assert client.get(url("indicator-detail", partnership_a, pk=indicator.pk)).status_code == 200
