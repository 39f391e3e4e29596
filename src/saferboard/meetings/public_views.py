"""Public pages of partnerships that publish: placeholder until built."""

urlpatterns: list = []
