"""Crime data routes, under /p/<partnership>/crime/."""

from saferboard.crime import views

app_name = "crime"

urlpatterns = views.urlpatterns
