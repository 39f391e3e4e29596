"""Information-sharing pages: incident. (Stub: filled in by its owner.)"""

urlpatterns: list = []
