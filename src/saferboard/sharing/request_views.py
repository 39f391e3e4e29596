"""Information-sharing pages: request. (Stub: filled in by its owner.)"""

urlpatterns: list = []
