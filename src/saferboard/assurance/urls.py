"""Partner assurance pages, under /p/<partnership>/assurance/. Each area of work has its own
views module with its own urlpatterns."""

from saferboard.assurance import (
    framework_views,
    overview_views,
    return_views,
    submission_views,
)

app_name = "assurance"

urlpatterns = [
    *overview_views.urlpatterns,
    *framework_views.urlpatterns,
    *return_views.urlpatterns,
    *submission_views.urlpatterns,
]
