"""Strategy and delivery plan routes, under /p/<partnership>/plans/."""

from django.urls import path

from saferboard.plans import key_action_views, views

app_name = "plans"

urlpatterns = [
    path("", views.PlanList.as_view(), name="plan-list"),
    path("add/", views.PlanFormView.as_view(), name="plan-add"),
    path("<int:pk>/", views.PlanDetail.as_view(), name="plan-detail"),
    path("<int:pk>/edit/", views.PlanFormView.as_view(), name="plan-edit"),
    path("<int:pk>/exceptions/", views.PlanExceptions.as_view(), name="plan-exceptions"),
    path("<int:pk>/exceptions.pdf", views.PlanExceptionsPdf.as_view(), name="plan-exceptions-pdf"),
    path("<int:pk>/copy/", views.PlanCopy.as_view(), name="plan-copy"),
    path("<int:pk>/reported/", views.PlanReportRecord.as_view(), name="plan-report"),
    path("key-actions/", key_action_views.KeyActionList.as_view(), name="key-action-list"),
    path("key-actions/add/", key_action_views.KeyActionFormView.as_view(), name="key-action-add"),
    path(
        "key-actions/<int:pk>/",
        key_action_views.KeyActionDetail.as_view(),
        name="key-action-detail",
    ),
    path(
        "key-actions/<int:pk>/edit/",
        key_action_views.KeyActionFormView.as_view(),
        name="key-action-edit",
    ),
    path(
        "key-actions/<int:pk>/update/",
        key_action_views.KeyActionAddUpdate.as_view(),
        name="key-action-add-update",
    ),
    path("strategies/", views.StrategyList.as_view(), name="strategy-list"),
    path("strategies/add/", views.StrategyFormView.as_view(), name="strategy-add"),
    path("strategies/<int:pk>/", views.StrategyDetail.as_view(), name="strategy-detail"),
    path("strategies/<int:pk>/edit/", views.StrategyFormView.as_view(), name="strategy-edit"),
    path("priorities/", views.PriorityList.as_view(), name="priority-list"),
    path("priorities/add/", views.PriorityFormView.as_view(), name="priority-add"),
    path("priorities/<int:pk>/", views.PriorityDetail.as_view(), name="priority-detail"),
    path("priorities/<int:pk>/edit/", views.PriorityFormView.as_view(), name="priority-edit"),
]
