"""Action log routes, under /p/<partnership>/actions/."""

from django.urls import path

from saferboard.actions import minute_views, outstanding_views, views

app_name = "actions"

urlpatterns = [
    path("", views.ActionList.as_view(), name="action-list"),
    path("mine/", views.MyActions.as_view(), name="action-mine"),
    path("summary/", views.ActionSummary.as_view(), name="action-summary"),
    path("export.csv", views.ActionExportCsv.as_view(), name="action-export-csv"),
    path("export.xlsx", views.ActionExportXlsx.as_view(), name="action-export-xlsx"),
    path("add/", views.ActionFormView.as_view(), name="action-add"),
    path("<int:pk>/", views.ActionDetail.as_view(), name="action-detail"),
    path("<int:pk>/edit/", views.ActionFormView.as_view(), name="action-edit"),
    path("<int:pk>/update/", views.ActionAddUpdate.as_view(), name="action-add-update"),
    path(
        "minutes/<int:pk>/actions/add/",
        minute_views.MinuteActionAdd.as_view(),
        name="minute-action-add",
    ),
]

# A meeting's outstanding-actions report and matters-arising draft.
urlpatterns += outstanding_views.urlpatterns
