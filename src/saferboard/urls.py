"""Top-level routes: sign-in, public pages, partnership workspaces, API, admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from saferboard.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sign-in/", core_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(form_class=core_views.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=core_views.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("switch-partnership/", core_views.partnership_switch, name="partnership-switch"),
    path("public/", core_views.public_index, name="public-index"),
    path("public/<slug:partnership>/", core_views.public_partnership, name="public-partnership"),
    path("public/<slug:partnership>/", include("saferboard.meetings.public_views")),
    path(
        "p/<slug:partnership>/", core_views.PartnershipHomeView.as_view(), name="partnership-home"
    ),
    path("p/<slug:partnership>/registry/", include("saferboard.registry.urls")),
    path("p/<slug:partnership>/meetings/", include("saferboard.meetings.urls")),
    path("p/<slug:partnership>/actions/", include("saferboard.actions.urls")),
    path("p/<slug:partnership>/performance/", include("saferboard.performance.urls")),
    path("p/<slug:partnership>/plans/", include("saferboard.plans.urls")),
    path("p/<slug:partnership>/crime/", include("saferboard.crime.urls")),
    path("p/<slug:partnership>/funding/", include("saferboard.funding.urls")),
    path("p/<slug:partnership>/sharing/", include("saferboard.sharing.urls")),
    path("p/<slug:partnership>/archive/", include("saferboard.archive.urls")),
    path("p/<slug:partnership>/assurance/", include("saferboard.assurance.urls")),
    path("api/v1/", include("saferboard.api.urls")),
    path("admin/", admin.site.urls),
]
