"""Performance routes, under /p/<partnership>/performance/."""

from django.urls import path

from saferboard.performance import report_views, returns_views, views

app_name = "performance"

urlpatterns = [
    path("", views.Dashboard.as_view(), name="dashboard"),
    path("indicators/", views.IndicatorList.as_view(), name="indicator-list"),
    path("indicators/add/", views.IndicatorFormView.as_view(), name="indicator-add"),
    path("indicators/<int:pk>/", views.IndicatorDetail.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/edit/", views.IndicatorFormView.as_view(), name="indicator-edit"),
    path(
        "indicators/<int:pk>/comparators/add/",
        views.ComparatorAdd.as_view(),
        name="comparator-add",
    ),
    path("values/<int:pk>/rag/", views.ValueOverride.as_view(), name="value-override"),
    path("exceptions/", views.ExceptionReport.as_view(), name="exception-report"),
    path("exceptions.pdf", views.ExceptionReportPdf.as_view(), name="exception-report-pdf"),
    *returns_views.urlpatterns,
    *report_views.urlpatterns,
]
