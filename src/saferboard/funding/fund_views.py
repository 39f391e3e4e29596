"""Funding pages: funds. (Stub: filled in by its owner.)"""

urlpatterns: list = []
