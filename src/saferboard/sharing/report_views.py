"""Information-sharing pages: report. (Stub: filled in by its owner.)"""

urlpatterns: list = []
