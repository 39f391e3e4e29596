"""Registry routes, under /p/<partnership>/registry/."""

from django.urls import path

from saferboard.registry import views

app_name = "registry"


def _crud(prefix: str, name: str, list_view, detail_view, form_view) -> list:
    return [
        path(f"{prefix}/", list_view.as_view(), name=f"{name}-list"),
        path(f"{prefix}/add/", form_view.as_view(), name=f"{name}-add"),
        path(f"{prefix}/<int:pk>/", detail_view.as_view(), name=f"{name}-detail"),
        path(f"{prefix}/<int:pk>/edit/", form_view.as_view(), name=f"{name}-edit"),
    ]


urlpatterns = [
    *_crud("bodies", "body", views.BodyList, views.BodyDetail, views.BodyForm),
    *_crud(
        "organisations",
        "organisation",
        views.OrganisationList,
        views.OrganisationDetail,
        views.OrganisationForm,
    ),
    *_crud("people", "person", views.PersonList, views.PersonDetail, views.PersonForm),
    *_crud("posts", "post", views.PostList, views.PostDetail, views.PostForm),
    *_crud(
        "memberships",
        "membership",
        views.MembershipList,
        views.MembershipDetail,
        views.MembershipForm,
    ),
    path(
        "memberships/<int:pk>/change-holder/",
        views.MembershipChangeHolder.as_view(),
        name="membership-change-holder",
    ),
    *_crud("terms-of-reference", "terms", views.TermsList, views.TermsDetail, views.TermsForm),
]
