"""Archive import pages, under /p/<partnership>/archive/. Each area of work has its own
views module with its own urlpatterns."""

app_name = "archive"

urlpatterns = []
