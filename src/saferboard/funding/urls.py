"""Funding pages, under /p/<partnership>/funding/. Each area of work has its own views
module with its own urlpatterns."""

from saferboard.funding import (
    assessment_views,
    bid_views,
    decision_views,
    fund_views,
    monitoring_views,
)

app_name = "funding"

urlpatterns = [
    *fund_views.urlpatterns,
    *bid_views.urlpatterns,
    *assessment_views.urlpatterns,
    *decision_views.urlpatterns,
    *monitoring_views.urlpatterns,
]
