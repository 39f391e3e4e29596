"""Partner assurance pages, under /p/<partnership>/assurance/. Each area of work has its own
views module with its own urlpatterns."""

app_name = "assurance"

urlpatterns = []
