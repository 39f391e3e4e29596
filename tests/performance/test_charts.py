"""Server-drawn SVG charts: accessible names, gaps for missing values, a target line."""

import re

from saferboard.performance.charts import series_chart, sparkline


def test_series_chart_is_named_and_leaves_gaps():
    svg = series_chart(
        title="KPI 1: values",
        description="Four quarters <and> a gap",
        labels=["Q1", "Q2", "Q3", "Q4"],
        values=[10, 20, None, 40],
        target=25,
        comparators=[("London average", [15, 15, 15, 15])],
        chart_id="kpi-1",
    )
    assert 'aria-labelledby="kpi-1-title kpi-1-desc"' in svg
    assert '<desc id="kpi-1-desc">Four quarters &lt;and&gt; a gap</desc>' in svg
    value_lines = re.findall(r'<polyline points="[^"]+" fill="none" stroke="#1d70b8"', svg)
    assert len(value_lines) == 1  # Q1-Q2 joined; Q4 stands alone after the gap
    assert svg.count("<circle") == 3
    assert "Target (25)" in svg and "London average" in svg
    target_y = re.search(r'stroke-dasharray="10 5"/>', svg)
    assert target_y is not None


def test_sparkline_needs_two_points():
    assert sparkline([5], title="one") == ""
    line = sparkline([5, None, 7, 9], title="Trend of KPI 1")
    assert "<title>Trend of KPI 1</title>" in line and "<polyline" in line
