"""Funding pages: monitorings. (Stub: filled in by its owner.)"""

urlpatterns: list = []
