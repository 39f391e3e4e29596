"""Performance routes, under /p/<partnership>/performance/."""

from django.urls import path

from saferboard.performance import views

app_name = "performance"

urlpatterns = [
    path("", views.Dashboard.as_view(), name="dashboard"),
]
