"""Funding pages: assessments. (Stub: filled in by its owner.)"""

urlpatterns: list = []
