"""Funding pages: decisions. (Stub: filled in by its owner.)"""

urlpatterns: list = []
