"""API viewsets for the registry: list, read, create and update, scoped to the caller.

Every queryset is limited to the partnerships the caller holds a role in, so
another partnership's records are 404. Writes go through the core services in
one transaction, so the API keeps the same rules, history and version check as
the web pages.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import APIException
from rest_framework.permissions import IsAuthenticated
from rest_framework.settings import api_settings

from saferboard.api import filters
from saferboard.api import serializers as api_serializers
from saferboard.api.permissions import IsRegistryEditorOrReadOnly
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import Partnership, PartnershipRole
from saferboard.core.selectors import partnership_list_for_user
from saferboard.core.services import record_create, record_update
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)


class Conflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Someone else changed this record after you read it."
    default_code = "stale_version"


@contextmanager
def _errors_for_people() -> Iterator[None]:
    """Turn the services' rule and validation errors into a 400 naming the field."""
    try:
        yield
    except BusinessRuleError as error:
        raise serializers.ValidationError(
            {error.field or api_settings.NON_FIELD_ERRORS_KEY: [str(error)]}
        ) from error
    except DjangoValidationError as error:
        if hasattr(error, "error_dict"):
            detail = {
                api_settings.NON_FIELD_ERRORS_KEY if name == "__all__" else name: messages
                for name, messages in error.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
        raise serializers.ValidationError(detail) from error


_ERROR = api_serializers.ErrorSerializer
_COMMON_ERRORS = {
    401: OpenApiResponse(_ERROR, description="Not signed in: send a token or a session."),
    404: OpenApiResponse(_ERROR, description="No such record in your partnerships."),
}
_WRITE_ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Invalid data: each key names a "
        "field (or non_field_errors) and lists what is wrong.",
    ),
    403: OpenApiResponse(
        _ERROR,
        description="Your role in the record's partnership does not allow changes to the registry.",
    ),
}
_CONFLICT = {
    409: OpenApiResponse(
        _ERROR,
        description="The version sent is stale: someone saved the "
        "record since. Nothing was changed.",
    ),
}


def _documented(serializer_class, plural: str):
    """OpenAPI summaries and error responses for one registry resource."""
    noun = serializer_class.Meta.model._meta.verbose_name
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural} in your partnerships",
            responses={200: serializer_class(many=True), 401: _COMMON_ERRORS[401]},
        ),
        retrieve=extend_schema(
            summary=f"Read one {noun}", responses={200: serializer_class, **_COMMON_ERRORS}
        ),
        create=extend_schema(
            summary=f"Add a {noun}",
            responses={201: serializer_class, 401: _COMMON_ERRORS[401], 400: _WRITE_ERRORS[400]},
        ),
        update=extend_schema(
            summary=f"Replace a {noun}",
            responses={200: serializer_class, **_COMMON_ERRORS, **_WRITE_ERRORS, **_CONFLICT},
        ),
        partial_update=extend_schema(
            summary=f"Change some fields of a {noun}",
            responses={200: serializer_class, **_COMMON_ERRORS, **_WRITE_ERRORS, **_CONFLICT},
        ),
    )


class RegistryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """List, read, add and update one kind of registry record; there is no delete."""

    permission_classes = [IsAuthenticated, IsRegistryEditorOrReadOnly]
    select_related: tuple[str, ...] = ("partnership",)
    prefetch_related: tuple[str, ...] = ()

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .filter(partnership__in=partnership_list_for_user(user=self.request.user))
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )

    @staticmethod
    def _split_many_to_many(model, data: dict) -> dict:
        return {
            name: data.pop(name)
            for name in list(data)
            if isinstance(model._meta.get_field(name), models.ManyToManyField)
        }

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        data.pop("version", None)
        model = serializer.Meta.model
        many = self._split_many_to_many(model, data)
        with _errors_for_people(), transaction.atomic():
            record = record_create(
                model=model, partnership=partnership, by=self.request.user, **data
            )
            for name, values in many.items():
                getattr(record, name).set(values)
        serializer.instance = record

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("partnership", None)  # validated as unchanged
        expected_version = data.pop("version", None)
        many = self._split_many_to_many(serializer.Meta.model, data)
        instance = serializer.instance
        try:
            with _errors_for_people(), transaction.atomic():
                record = record_update(
                    instance=instance,
                    by=self.request.user,
                    expected_version=expected_version,
                    **data,
                )
                for name, values in many.items():
                    getattr(record, name).set(values)
        except StaleEditError as error:
            current = (
                type(instance)
                .objects.filter(pk=instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            raise Conflict(
                f"This {instance._meta.verbose_name} was changed by someone else after you "
                f"read it: it is now at version {current}, and your copy was version "
                f"{expected_version or instance.version}. Nothing was saved. Read it again "
                "(GET), then send your changes with its current version."
            ) from error
        serializer.instance = record


@extend_schema_view(
    list=extend_schema(
        summary="List your partnerships",
        responses={200: api_serializers.PartnershipSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one of your partnerships",
        responses={200: api_serializers.PartnershipSerializer, **_COMMON_ERRORS},
    ),
)
class PartnershipViewSet(viewsets.ReadOnlyModelViewSet):
    """The partnerships the caller holds a role in, with those roles."""

    queryset = Partnership.objects.all()
    serializer_class = api_serializers.PartnershipSerializer
    lookup_field = "slug"
    ordering_fields = ["name", "slug"]
    ordering = ["name"]
    search_fields = ["name", "short_name"]

    def get_queryset(self) -> QuerySet[Partnership]:
        return partnership_list_for_user(user=self.request.user).prefetch_related(
            Prefetch(
                "roles",
                queryset=PartnershipRole.objects.filter(user=self.request.user),
                to_attr="caller_roles",
            )
        )


@_documented(api_serializers.BodySerializer, "bodies")
class BodyViewSet(RegistryViewSet):
    """Boards, sub-groups, task-and-finish groups and external boards."""

    queryset = Body.objects.all()
    serializer_class = api_serializers.BodySerializer
    filterset_class = filters.BodyFilter
    prefetch_related = ("reports_to",)
    ordering_fields = ["name", "kind", "created_at", "updated_at"]
    ordering = ["name", "id"]
    search_fields = ["name", "short_name", "purpose"]


@_documented(api_serializers.OrganisationSerializer, "organisations")
class OrganisationViewSet(RegistryViewSet):
    """Partner organisations, by sector, and whether each is a responsible authority."""

    queryset = Organisation.objects.all()
    serializer_class = api_serializers.OrganisationSerializer
    filterset_class = filters.OrganisationFilter
    ordering_fields = ["name", "sector", "created_at", "updated_at"]
    ordering = ["name", "id"]
    search_fields = ["name", "short_name"]


@_documented(api_serializers.PersonSerializer, "people")
class PersonViewSet(RegistryViewSet):
    """People who hold seats; their accounts are not exposed."""

    queryset = Person.objects.all()
    serializer_class = api_serializers.PersonSerializer
    filterset_class = filters.PersonFilter
    ordering_fields = ["family_name", "given_name", "created_at", "updated_at"]
    ordering = ["family_name", "given_name", "id"]
    search_fields = ["given_name", "family_name", "email"]


@_documented(api_serializers.PostSerializer, "posts")
class PostViewSet(RegistryViewSet):
    """Job titles in organisations, such as Borough Commander."""

    queryset = Post.objects.all()
    serializer_class = api_serializers.PostSerializer
    filterset_class = filters.PostFilter
    ordering_fields = ["title", "created_at", "updated_at"]
    ordering = ["title", "id"]
    search_fields = ["title", "organisation__name"]


@_documented(api_serializers.MembershipSerializer, "memberships")
class MembershipViewSet(RegistryViewSet):
    """Seats on bodies for a period; `?on=YYYY-MM-DD` gives the membership on a date."""

    queryset = Membership.objects.all()
    serializer_class = api_serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    ordering_fields = ["start_date", "end_date", "category", "role", "created_at", "updated_at"]
    ordering = ["start_date", "id"]
    search_fields = [
        "person__given_name",
        "person__family_name",
        "organisation__name",
        "body__name",
    ]


@_documented(api_serializers.TermsOfReferenceSerializer, "terms of reference")
class TermsOfReferenceViewSet(RegistryViewSet):
    """Versions of bodies' terms of reference, with the rules saferboard checks."""

    queryset = TermsOfReference.objects.all()
    serializer_class = api_serializers.TermsOfReferenceSerializer
    filterset_class = filters.TermsOfReferenceFilter
    ordering_fields = ["effective_date", "review_date", "created_at", "updated_at"]
    ordering = ["-effective_date", "id"]
    search_fields = ["version_label", "body__name"]
