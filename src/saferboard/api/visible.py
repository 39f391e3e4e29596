"""The base of API resources whose visibility depends on the caller's roles, not only on
their partnerships (funding's bids and awards, assurance's returns): each resource says what
one partnership's selector lets the caller see, and the viewset unions it over the caller's
partnerships, so anything else is 404."""

import datetime

from django.db.models import Q, QuerySet
from rest_framework import status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from saferboard.api.views import Conflict
from saferboard.core.selectors import partnership_list_for_user, user_roles_in


class VisibleViewSet(viewsets.ReadOnlyModelViewSet):
    """A resource limited, partnership by partnership, to what an app's selector lets the
    caller see (`visible`, given the caller's roles there). Queries grow with the caller's
    partnerships, not with the data."""

    permission_classes = [IsAuthenticated]
    select_related: tuple[str, ...] = ("partnership",)
    prefetch_related: tuple[str, ...] = ()

    def visible(self, *, partnership, user, roles, on) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        user = self.request.user
        on = datetime.date.today()
        visible = Q(pk__in=[])
        for partnership in partnership_list_for_user(user=user):
            roles = user_roles_in(user=user, partnership=partnership)
            shown = self.visible(partnership=partnership, user=user, roles=roles, on=on)
            visible |= Q(pk__in=shown.values("pk"))
        return (
            super()
            .get_queryset()
            .filter(visible)
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )

    def http_method_not_allowed(self, request, *args, **kwargs):
        """A method the route lacks (GET on `submit`), on a record the caller may not see,
        is "not found" first: the API never confirms that someone else's record exists."""
        if "pk" in kwargs:
            self.get_object()
        return super().http_method_not_allowed(request, *args, **kwargs)

    def roles_in(self, partnership) -> frozenset[str]:
        return user_roles_in(user=self.request.user, partnership=partnership)

    def read_back(self, record, *, status_code=status.HTTP_200_OK) -> Response:
        """The record as the caller now sees it, in the resource's own shape."""
        record = self.get_queryset().get(pk=record.pk)
        return Response(self.get_serializer(record).data, status=status_code)

    def stale(self, record, expected_version) -> Conflict:
        noun = record._meta.verbose_name
        current = (
            type(record).objects.filter(pk=record.pk).values_list("version", flat=True).first()
        )
        return Conflict(
            f"This {noun} was changed by someone else after you read it: it is now at version "
            f"{current}, and your copy was version {expected_version}. Nothing was saved. Read "
            "it again (GET), then send your changes with its current version."
        )
