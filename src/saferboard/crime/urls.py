"""Crime data routes, under /p/<partnership>/crime/."""

from saferboard.crime import area_views, assessment_views, views

app_name = "crime"

urlpatterns = views.urlpatterns + area_views.urlpatterns + assessment_views.urlpatterns
