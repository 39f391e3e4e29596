"""Crime data routes, under /p/<partnership>/crime/."""

from saferboard.crime import assessment_views, views

app_name = "crime"

urlpatterns = views.urlpatterns + assessment_views.urlpatterns
