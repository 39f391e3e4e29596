"""Information-sharing pages: otp. (Stub: filled in by its owner.)"""

urlpatterns: list = []
