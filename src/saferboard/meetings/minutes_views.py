"""Placeholder: routes are added by the work on this area."""

urlpatterns: list = []
