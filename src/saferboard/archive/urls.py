"""Archive import pages, under /p/<partnership>/archive/. Each area of work has its own
views module with its own urlpatterns."""

from saferboard.archive import batch_views, review_views, upload_views

app_name = "archive"

urlpatterns = [
    *upload_views.urlpatterns,
    *batch_views.urlpatterns,
    *review_views.urlpatterns,
]
