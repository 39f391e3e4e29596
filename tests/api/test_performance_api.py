"""The performance API: indicators, values with their computed colour and direction, and
comparators, scoped to the caller's partnerships; returns sent through the returns' rules
(who may send which, the checks on figures, the version check)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from saferboard.core.roles import Role
from saferboard.performance import periods
from saferboard.performance.models import IndicatorValue, Lifecycle
from tests.factories import (
    ComparatorFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    MembershipFactory,
    OrganisationFactory,
    PersonFactory,
    PriorityFactory,
)

LAST_QUARTER = periods.previous(periods.quarter_of(datetime.date.today()))
QUARTER_BEFORE = periods.previous(LAST_QUARTER)


def api_client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


@pytest.fixture
def the_police(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Metropolitan Police Service")


@pytest.fixture
def the_council(partnership_a):
    return OrganisationFactory(partnership=partnership_a, name="Haringey Council")


@pytest.fixture
def violence(partnership_a, the_police):
    """Lower is better, target 100, amber up to 105; 92 the quarter before last."""
    indicator = IndicatorFactory(
        partnership=partnership_a,
        code="KPI 4",
        name="Violence with injury",
        lead_organisation=the_police,
        lifecycle_since=datetime.date(2020, 4, 1),
    )
    IndicatorValueFactory(
        partnership=partnership_a,
        indicator=indicator,
        period_start=QUARTER_BEFORE.start,
        period_end=QUARTER_BEFORE.end,
        value=92,
    )
    return indicator


@pytest.fixture
def noise(partnership_a, the_council):
    return IndicatorFactory(
        partnership=partnership_a,
        code="ASB 1",
        name="Noise complaints",
        lead_organisation=the_council,
        lifecycle_since=datetime.date(2020, 4, 1),
    )


@pytest.fixture
def police_contributor(make_user, partnership_a, the_police):
    user = make_user(partnership_a, Role.CONTRIBUTOR)
    person = PersonFactory(partnership=partnership_a, user=user)
    MembershipFactory(
        partnership=partnership_a,
        person=person,
        organisation=the_police,
        start_date=datetime.date(2020, 1, 1),
    )
    return user


def _send(client, indicator, value="131", **fields):
    return client.post(
        "/api/v1/indicator-values/",
        {"indicator": indicator.pk, "period": LAST_QUARTER.label, "value": value, **fields},
        format="json",
    )


def test_anonymous_callers_get_401(partnership_a, violence):
    client = api_client()

    for address in (
        "/api/v1/indicators/",
        f"/api/v1/indicators/{violence.pk}/",
        "/api/v1/indicator-values/",
        "/api/v1/comparators/",
    ):
        response = client.get(address)
        assert response.status_code == 401, address
        assert "Violence with injury" not in response.content.decode()
    assert _send(client, violence).status_code == 401
    assert IndicatorValue.objects.count() == 1


def test_another_partnership_never_sees_the_indicators_values_or_comparators(
    partnership_a, violence, manager_b
):
    comparator = ComparatorFactory(partnership=partnership_a, indicator=violence)
    value = violence.values.get()
    client = api_client(manager_b)

    for address in ("/api/v1/indicators/", "/api/v1/indicator-values/", "/api/v1/comparators/"):
        assert client.get(address).json()["count"] == 0, address
        assert client.get(address, {"partnership": "haringey"}).json()["count"] == 0
    assert client.get(f"/api/v1/indicators/{violence.pk}/").status_code == 404
    assert client.get(f"/api/v1/indicator-values/{value.pk}/").status_code == 404
    assert client.get(f"/api/v1/comparators/{comparator.pk}/").status_code == 404
    # Nor can it send a return for one: the indicator is "no such record".
    response = _send(client, violence)
    assert response.status_code == 400
    assert "indicator" in response.json()
    assert IndicatorValue.objects.count() == 1


def test_indicators_filter_by_priority_lifecycle_and_lead_organisation(
    partnership_a, violence, noise, the_council, manager_a
):
    priority = PriorityFactory(partnership=partnership_a, number="1")
    noise.priority = priority
    noise.lifecycle = Lifecycle.IN_ABEYANCE
    noise.save()
    client = api_client(manager_a)

    def codes(**query):
        return [row["code"] for row in client.get("/api/v1/indicators/", query).json()["results"]]

    assert sorted(codes()) == ["ASB 1", "KPI 4"]
    assert codes(priority=priority.pk) == ["ASB 1"]
    assert codes(lifecycle=Lifecycle.AGREED) == ["KPI 4"]
    assert codes(lead_organisation=the_council.pk) == ["ASB 1"]
    assert client.get("/api/v1/indicators/", {"lifecycle": "maybe"}).status_code == 400


def test_values_carry_the_computed_colour_and_direction_and_filter_by_period(
    partnership_a, violence, manager_a
):
    IndicatorValueFactory(
        partnership=partnership_a,
        indicator=violence,
        period_start=LAST_QUARTER.start,
        period_end=LAST_QUARTER.end,
        value=103,
    )
    client = api_client(manager_a)

    rows = client.get("/api/v1/indicator-values/", {"indicator": violence.pk}).json()["results"]

    assert [row["period"] for row in rows] == [QUARTER_BEFORE.label, LAST_QUARTER.label]
    assert [row["rag"]["status"] for row in rows] == ["green", "amber"]
    assert rows[1]["rag"]["target"] == "100.000"
    assert rows[1]["direction"]["word"] == "worsening"
    assert rows[1]["direction"]["against"] == QUARTER_BEFORE.label
    assert rows[0]["direction"]["word"] == "not comparable"
    recent = client.get(
        "/api/v1/indicator-values/", {"period_from": LAST_QUARTER.start.isoformat()}
    ).json()["results"]
    assert [row["period"] for row in recent] == [LAST_QUARTER.label]
    older = client.get(
        "/api/v1/indicator-values/", {"period_to": QUARTER_BEFORE.end.isoformat()}
    ).json()["results"]
    assert [row["period"] for row in older] == [QUARTER_BEFORE.label]


def test_the_value_list_runs_the_same_queries_for_more_values(
    partnership_a, violence, noise, manager_a
):
    client = api_client(manager_a)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/indicator-values/").status_code == 200
        return len(captured)

    small = queries()
    period = periods.previous(QUARTER_BEFORE)
    for _ in range(4):
        for indicator in (violence, noise):
            IndicatorValueFactory(
                partnership=partnership_a,
                indicator=indicator,
                period_start=period.start,
                period_end=period.end,
                value=90,
            )
        period = periods.previous(period)

    assert queries() == small


def test_a_contributor_sends_a_return_for_its_organisations_indicator(violence, police_contributor):
    response = _send(api_client(police_contributor), violence, commentary="After two incidents")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["period"] == LAST_QUARTER.label
    assert body["rag"]["status"] == "red"
    assert body["direction"]["word"] == "worsening"
    row = IndicatorValue.objects.get(pk=body["id"])
    assert row.value == Decimal(131)
    assert row.submitted_by == police_contributor
    assert row.source == "api"
    assert row.history.count() == 1


def test_a_contributor_may_not_send_another_organisations_return(
    noise, police_contributor, viewer_a
):
    response = _send(api_client(police_contributor), noise)

    assert response.status_code == 403
    assert "ASB 1" in response.json()["detail"]
    assert _send(api_client(viewer_a), noise).status_code == 403
    assert not IndicatorValue.objects.filter(indicator=noise).exists()


def test_the_returns_rules_give_400_naming_the_field(violence, manager_a):
    client = api_client(manager_a)

    negative = _send(client, violence, value="-3")
    no_reason = _send(client, violence, value=None)
    future = client.post(
        "/api/v1/indicator-values/",
        {
            "indicator": violence.pk,
            "period": periods.following(LAST_QUARTER).label,
            "value": "5",
        },
        format="json",
    )
    wrong_period = _send(client, violence, period="2025-04")
    nonsense = _send(client, violence, period="next Tuesday")

    assert negative.status_code == 400 and "value" in negative.json()
    assert no_reason.status_code == 400 and "no information" in str(no_reason.json()["value"])
    assert future.status_code == 400 and "has not ended" in str(future.json()["period"])
    assert wrong_period.status_code == 400 and "quarterly" in str(wrong_period.json()["period"])
    assert nonsense.status_code == 400 and "period" in nonsense.json()
    assert not IndicatorValue.objects.filter(period_start=LAST_QUARTER.start).exists()


def test_no_information_is_sent_with_a_reason(violence, manager_a):
    response = _send(
        api_client(manager_a),
        violence,
        value=None,
        no_information_reason="Recording system replaced in August",
    )

    assert response.status_code == 201
    assert response.json()["rag"]["label"] == "No information"
    assert response.json()["value"] is None


def test_changing_a_return_needs_its_version_and_a_stale_one_is_refused(
    violence, police_contributor, manager_a
):
    contributor = api_client(police_contributor)
    row = violence.values.get()
    address = f"/api/v1/indicator-values/{row.pk}/"

    missing = contributor.patch(address, {"value": "95"}, format="json")
    changed = contributor.patch(address, {"value": "95", "version": row.version}, format="json")
    stale = api_client(manager_a).patch(
        address, {"value": "120", "version": row.version}, format="json"
    )

    assert missing.status_code == 400 and "version" in missing.json()
    assert changed.status_code == 200, changed.content
    assert changed.json()["version"] == row.version + 1
    assert stale.status_code == 409
    assert f"now at version {row.version + 1}" in stale.json()["detail"]
    row.refresh_from_db()
    assert row.value == Decimal(95)
    assert row.history.count() == 2


def test_a_second_return_for_the_same_period_is_refused_with_409(violence, manager_a):
    client = api_client(manager_a)

    first = _send(client, violence, value="98")
    second = _send(client, violence, value="131")

    assert first.status_code == 201
    assert second.status_code == 409
    assert "already has a return" in second.json()["detail"]
    assert IndicatorValue.objects.get(pk=first.json()["id"]).value == Decimal(98)


def test_a_return_cannot_move_to_another_period(violence, manager_a):
    row = violence.values.get()

    response = api_client(manager_a).patch(
        f"/api/v1/indicator-values/{row.pk}/",
        {"period": LAST_QUARTER.label, "version": row.version},
        format="json",
    )

    assert response.status_code == 400
    assert "period" in response.json()
    row.refresh_from_db()
    assert row.period_start == QUARTER_BEFORE.start


def test_comparators_are_listed_by_indicator(partnership_a, violence, noise, manager_a):
    ComparatorFactory(partnership=partnership_a, indicator=violence, name="London average")
    ComparatorFactory(partnership=partnership_a, indicator=noise, name="Family group average")

    rows = api_client(manager_a).get("/api/v1/comparators/", {"indicator": violence.pk}).json()

    assert [row["name"] for row in rows["results"]] == ["London average"]
