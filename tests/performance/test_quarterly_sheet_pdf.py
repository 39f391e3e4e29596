"""The quarterly sheet as a PDF: its indicators with their charts, and every section of
words, laid out on A4 landscape."""

import io

import pypdf
from django.urls import reverse

from saferboard.performance import periods
from saferboard.performance.sheets import quarterly_sheet_save
from tests.factories import IndicatorFactory
from tests.performance.conftest import quarterly_values

QUARTER = periods.parse_period("Q2 2023/24")


def test_the_pdf_has_the_indicators_charts_and_sections(
    manager_a, manager_a_client, partnership_a, violence_priority
):
    burglary = IndicatorFactory(
        partnership=partnership_a, priority=violence_priority, code="KPI 4", name="Burglary"
    )
    robbery = IndicatorFactory(
        partnership=partnership_a, priority=violence_priority, code="KPI 5", name="Robbery"
    )
    IndicatorFactory(partnership=partnership_a, code="KPI 9", name="Arson")  # another priority
    quarterly_values(burglary, [90, 130])
    quarterly_values(robbery, [103])
    quarterly_sheet_save(
        priority=violence_priority,
        quarter=QUARTER,
        by=manager_a,
        expected_version=0,
        context="Burglary rose across north London.",
        concerns="Repeat victims in Tottenham.",
        partner_comments="Probation can offer two more officers.",
    )
    url = reverse(
        "performance:quarterly-sheet-pdf",
        kwargs={"partnership": partnership_a.slug, "pk": violence_priority.pk},
    )
    response = manager_a_client.get(url, {"quarter": "Q2 2023/24"})
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.content))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Quarterly performance sheet, Q2 2023/24: priority 1. Reduce violence" in text
    for heading in ("Context", "Activity", "Areas of concern", "Emerging issues"):
        assert heading in text
    assert "Partner comments" in text
    assert "KPI 4 Burglary" in text and "KPI 5 Robbery" in text and "Arson" not in text
    assert "Burglary rose across north London." in text
    assert "Probation can offer two more officers." in text
    assert "Red" in text  # burglary's 130 against a target of 100
    # The charts are drawn in the PDF: their legends and period labels are text in it.
    assert "Target (100)" in text and "Q1 2023/24" in text
