"""Funding pages: awards by priority area and by organisation, and the exports."""

urlpatterns: list = []
