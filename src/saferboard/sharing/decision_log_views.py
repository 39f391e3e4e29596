"""Information-sharing pages: decision_log. (Stub: filled in by its owner.)"""

urlpatterns: list = []
