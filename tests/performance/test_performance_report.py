"""The half-year and annual performance report: how many indicators are green, amber, red
or without information, each indicator by priority, the exceptions and the charts."""

import io

import pypdf
from django.urls import reverse

from saferboard.performance import reports
from saferboard.performance.models import Lifecycle, TargetKind, Unit
from tests.factories import IndicatorFactory, PriorityFactory
from tests.performance.conftest import quarterly_values

# Target 100, lower is better, amber up to 105 (IndicatorFactory). Quarters from Q1 2023/24.
HALF = reports.report_window(year="2023/24", part=reports.HALF_YEAR)
YEAR = reports.report_window(year="2023/24", part=reports.FULL_YEAR)


def known_indicators(partnership):
    violence = PriorityFactory(partnership=partnership, number="1", title="Reduce violence")
    property_crime = PriorityFactory(
        partnership=partnership,
        strategy=violence.strategy,
        number="2",
        title="Reduce property crime",
    )
    made = {
        "burglary": IndicatorFactory(
            partnership=partnership, priority=property_crime, code="KPI 4", name="Burglary"
        ),
        "robbery": IndicatorFactory(
            partnership=partnership, priority=property_crime, code="KPI 5", name="Robbery"
        ),
        "violence": IndicatorFactory(
            partnership=partnership, priority=violence, code="VWI", name="Violence with injury"
        ),
        "knife": IndicatorFactory(
            partnership=partnership, priority=violence, code="KC", name="Knife crime"
        ),
        "satisfaction": IndicatorFactory(
            partnership=partnership,
            code="SAT",
            name="Victim satisfaction",
            unit=Unit.PERCENT,
            target_kind=TargetKind.NONE,
            target_value=None,
        ),
        "retired": IndicatorFactory(
            partnership=partnership,
            code="OLD",
            name="Retired measure",
            lifecycle=Lifecycle.RETIRED,
        ),
        "domestic": IndicatorFactory(
            partnership=partnership,
            code="DV",
            name="Domestic abuse repeat victims",
            lifecycle=Lifecycle.UNDER_DEVELOPMENT,
        ),
    }
    # Q1..Q4 2023/24. At the half year (Q2): burglary red, robbery amber, violence green,
    # knife crime green; at the year end burglary green, robbery red, violence has no
    # figure for Q3 or Q4 but Q2 is within the year before, knife crime amber.
    quarterly_values(made["burglary"], [90, 130, 110, 95])
    quarterly_values(made["robbery"], [99, 103, 120, 140])
    quarterly_values(made["violence"], [80, 70])
    quarterly_values(made["knife"], [100, 100, 101, 104])
    quarterly_values(made["satisfaction"], [71, 73, 72, 75])
    quarterly_values(made["retired"], [500, 500, 500, 500])
    return made


def counts(report):
    return {label: count for label, _, count in report.counts}


def test_half_year_counts(partnership_a):
    known_indicators(partnership_a)
    report = reports.performance_report(partnership=partnership_a, window=HALF)
    assert counts(report) == {
        "Green": 2,
        "Amber": 1,
        "Red": 1,
        "No information": 1,  # the domestic abuse measure, still under development
        "No target": 1,
    }
    assert report.total == 6  # the retired indicator is left out
    assert [e.summary.indicator.code for e in report.exceptions] == ["KPI 4", "KPI 5"]
    assert [indicator.code for indicator in report.developing] == ["DV"]


def test_annual_counts_judge_each_indicator_at_the_year_end(partnership_a):
    known_indicators(partnership_a)
    report = reports.performance_report(partnership=partnership_a, window=YEAR)
    assert counts(report) == {
        "Green": 2,  # burglary 95; violence's Q2 70 is still within the year
        "Amber": 1,  # knife crime 104
        "Red": 1,  # robbery 140
        "No information": 1,
        "No target": 1,
    }
    rows = {row.indicator.code: row for row in report.rows}
    assert rows["KPI 4"].summary.period.label == "Q4 2023/24"
    assert rows["VWI"].summary.period.label == "Q2 2023/24"
    # Burglary's financial year to date is the four quarters added up.
    assert rows["KPI 4"].summary.fytd.total == 90 + 130 + 110 + 95


def test_an_old_figure_is_no_information(partnership_a):
    made = known_indicators(partnership_a)
    later = reports.report_window(year="2025/26", part=reports.HALF_YEAR)
    report = reports.performance_report(partnership=partnership_a, window=later)
    rows = {row.indicator: row for row in report.rows}
    # The 2023/24 figures are more than a year old by September 2025.
    assert not rows[made["burglary"]].current
    assert rows[made["burglary"]].summary.rag.label == "No information"
    # Nothing is judged on an old figure, whatever its target.
    assert counts(report) == {"Green": 0, "Amber": 0, "Red": 0, "No information": 6}


def test_page_and_pdf(manager_a_client, partnership_a):
    known_indicators(partnership_a)
    page_url = reverse("performance:performance-report", kwargs={"partnership": partnership_a.slug})
    page = manager_a_client.get(page_url, {"year": "2023/24", "part": "half"}).content.decode()
    assert "Half-year performance report 2023/24" in page
    assert "Priority 2. Reduce property crime" in page
    assert '<strong class="govuk-tag govuk-tag--red">Red</strong>' in page
    assert "Retired measure" not in page
    assert page.count("<svg") >= 5  # the appendix of charts
    pdf_url = reverse(
        "performance:performance-report-pdf", kwargs={"partnership": partnership_a.slug}
    )
    response = manager_a_client.get(pdf_url, {"year": "2023/24", "part": "year"})
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Annual performance report 2023/24" in text
    for section in ("Purpose", "Overall summary", "Indicators by priority", "Exceptions"):
        assert section in text
    assert "Appendix: charts" in text
    assert "KPI 5 Robbery" in text and "Violence with injury" in text
    assert "Financial year to date" in text


def test_a_year_that_is_not_a_financial_year_is_refused(manager_a_client, partnership_a):
    page_url = reverse("performance:performance-report", kwargs={"partnership": partnership_a.slug})
    page = manager_a_client.get(page_url, {"year": "Q1 2023/24", "part": "half"}).content.decode()
    assert "is not a financial year" in page


def test_the_dashboard_links_to_the_reports(viewer_a_client, partnership_a):
    slug = partnership_a.slug
    page = viewer_a_client.get(reverse("performance:dashboard", kwargs={"partnership": slug}))
    html = page.content.decode()
    for name in ("quarterly-sheets", "performance-report"):
        assert f'href="{reverse(f"performance:{name}", kwargs={"partnership": slug})}"' in html
