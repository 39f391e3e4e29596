"""Information-sharing pages: register. (Stub: filled in by its owner.)"""

urlpatterns: list = []
