"""Performance routes, under /p/<partnership>/performance/."""

from django.urls import path

from saferboard.performance import returns_views, views

app_name = "performance"

urlpatterns = [
    path("", views.Dashboard.as_view(), name="dashboard"),
    *returns_views.urlpatterns,
]
