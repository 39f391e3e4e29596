"""Information-sharing pages, under /p/<partnership>/sharing/. Each area of work has its own
views module with its own urlpatterns."""

from saferboard.sharing import (
    decision_log_views,
    incident_views,
    otp_views,
    register_views,
    report_views,
    request_views,
)

app_name = "sharing"

urlpatterns = [
    *register_views.urlpatterns,
    *request_views.urlpatterns,
    *decision_log_views.urlpatterns,
    *incident_views.urlpatterns,
    *report_views.urlpatterns,
    *otp_views.urlpatterns,
]
