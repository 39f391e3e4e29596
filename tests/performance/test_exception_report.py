"""The exception report: only red and amber indicators for the period, with lead and
commentary, as a page and a PDF."""

import io

import pypdf
from django.urls import reverse

from saferboard.performance import periods
from saferboard.performance.selectors import indicator_exceptions
from tests.factories import IndicatorFactory, OrganisationFactory
from tests.performance.conftest import quarterly_values

Q1 = periods.parse_period("Q1 2023/24")
Q2 = periods.parse_period("Q2 2023/24")


def three_indicators(partnership):
    police = OrganisationFactory(partnership=partnership, name="Metropolitan Police Service")
    red = IndicatorFactory(
        partnership=partnership, code="KPI 1", name="Burglary", lead_organisation=police
    )
    amber = IndicatorFactory(partnership=partnership, code="KPI 2", name="Robbery")
    green = IndicatorFactory(partnership=partnership, code="KPI 3", name="Theft")
    # Target 100, lower is better, amber up to 105.
    quarterly_values(red, [90, 130], commentary="Series of break-ins; patrols increased")
    quarterly_values(amber, [103])
    quarterly_values(green, [80, 70])
    return red, amber, green


def test_only_red_and_amber_with_commentary(partnership_a):
    red, amber, _ = three_indicators(partnership_a)
    exceptions = indicator_exceptions(partnership=partnership_a, period=Q2)
    assert [(e.summary.indicator, e.summary.rag.status) for e in exceptions] == [
        (red, "red"),
        (amber, "amber"),
    ]
    assert exceptions[0].commentary == "Series of break-ins; patrols increased"
    # In Q1 burglary was green, and only robbery is amber.
    assert [
        e.summary.indicator for e in indicator_exceptions(partnership=partnership_a, period=Q1)
    ] == [amber]


def test_page_and_pdf(manager_a_client, partnership_a):
    three_indicators(partnership_a)
    page_url = reverse("performance:exception-report", kwargs={"partnership": partnership_a.slug})
    page = manager_a_client.get(page_url, {"period": "Q2 2023/24"}).content.decode()
    assert "Exception report, Q2 2023/24" in page
    assert "KPI 1 Burglary" in page and "KPI 2 Robbery" in page and "KPI 3 Theft" not in page
    assert "Metropolitan Police Service" in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    pdf_url = reverse(
        "performance:exception-report-pdf", kwargs={"partnership": partnership_a.slug}
    )
    response = manager_a_client.get(pdf_url, {"period": "Q2 2023/24"})
    assert response["Content-Type"] == "application/pdf"
    text = "".join(
        page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "exception report, Q2 2023/24" in text
    assert "Burglary" in text and "Theft" not in text


def test_key_actions_of_plans_running_in_the_period_follow(manager_a_client, partnership_a):
    from saferboard.plans.models import KeyActionStatus, PlanStatus
    from tests.factories import DeliveryPlanFactory, KeyActionFactory

    plan = DeliveryPlanFactory(
        partnership=partnership_a,
        name="Safer Haringey delivery plan",
        status=PlanStatus.ENDORSED,
        period_start=Q1.start,
        period_end=periods.financial_year_of(Q1.start).end,
    )
    KeyActionFactory(partnership=partnership_a, plan=plan, title="Open the youth hub")
    KeyActionFactory(
        partnership=partnership_a,
        plan=plan,
        title="Train door staff",
        status=KeyActionStatus.PROGRESSING,
    )
    DeliveryPlanFactory(partnership=partnership_a, name="Draft plan", status=PlanStatus.DRAFT)
    page_url = reverse("performance:exception-report", kwargs={"partnership": partnership_a.slug})
    page = manager_a_client.get(page_url, {"period": "Q2 2023/24"}).content.decode()
    assert "Key actions: Safer Haringey delivery plan" in page
    assert "Open the youth hub" in page  # not started: red under the default key
    assert "Train door staff" not in page  # progressing: green
    assert "Draft plan" not in page
