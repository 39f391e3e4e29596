"""API for the action log: actions and owners' dated updates, scoped to the caller's partnerships.

Writes go through actions.services, so the rules are the web pages': managers and clerks add
and change actions (with the version check: a stale version is refused with 409 and nothing
is saved); managers, clerks and contributors who own an action (or whose organisation does)
add updates to it, which are never changed or deleted. Anonymous callers get 401.
"""

import datetime

import django_filters
from django import forms
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from saferboard.actions import selectors
from saferboard.actions.models import Action, ActionOwner, ActionStatus, ActionUpdate
from saferboard.actions.services import action_add_update, action_create, action_update
from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.serializers import (
    CallerRecordField,
    EditablePartnershipField,
    ErrorSerializer,
    TenantSerializer,
)
from saferboard.api.views import (
    _COMMON_ERRORS,
    _CONFLICT,
    Conflict,
    RegistryViewSet,
    _documented,
    _errors_for_people,
)
from saferboard.core.errors import StaleEditError
from saferboard.core.models import Partnership, PartnershipRole
from saferboard.core.roles import ACTION_EDITORS
from saferboard.core.selectors import partnership_list_for_user, user_roles_in
from saferboard.meetings.models import AgendaItem, Meeting, Resolution
from saferboard.registry.models import Body, Organisation, Person, Post

_TIMESTAMPS = ["version", "created_at", "updated_at"]

# --- filters -------------------------------------------------------------------------------


class OrganisationOrOtherField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value or value == selectors.NO_ORGANISATION:
            return value or None
        if not value.isdigit() or not 0 < int(value) < 2**63:
            raise forms.ValidationError(
                f"Give an organisation's id, or “{selectors.NO_ORGANISATION}” for owners "
                "with no organisation."
            )
        return int(value)


@extend_schema_field(OpenApiTypes.STR)
class OrganisationOrOtherFilter(django_filters.Filter):
    field_class = OrganisationOrOtherField


class ActionFilter(TenantFilterSet):
    """Each filter is the web log's (selectors.action_filter), so both list the same actions."""

    status = django_filters.ChoiceFilter(
        choices=[(selectors.OUTSTANDING, "Not closed"), *ActionStatus.choices],
        method="narrow",
        label=f"A status, or “{selectors.OUTSTANDING}” for any status that is not closed",
    )
    organisation = OrganisationOrOtherFilter(
        method="narrow",
        label="Owner organisation id (directly, through its posts or its people's seats), "
        f"or “{selectors.NO_ORGANISATION}” for bodies and people with no organisation",
    )
    person = IdFilter(method="narrow", label="Id of a person who owns the action")
    body = IdFilter(method="narrow", label="Body id: the body whose meeting raised it, or owns it")
    overdue = django_filters.BooleanFilter(
        method="narrow",
        label="true: only overdue actions; false: none that are overdue. Actions due by the "
        "next meeting fall due on its date.",
    )
    due_soon = django_filters.BooleanFilter(
        method="narrow", label="true: not closed and due from today to 7 days on"
    )
    due_from = django_filters.DateFilter(method="narrow", label="Due on or after (YYYY-MM-DD)")
    due_to = django_filters.DateFilter(method="narrow", label="Due on or before (YYYY-MM-DD)")

    class Meta:
        model = Action
        fields = [
            "partnership",
            "status",
            "organisation",
            "person",
            "body",
            "overdue",
            "due_soon",
            "due_from",
            "due_to",
        ]

    def narrow(self, queryset: QuerySet[Action], name: str, value) -> QuerySet[Action]:
        if value is None:
            return queryset
        return selectors.action_filter(
            queryset=queryset, today=datetime.date.today(), **{name: value}
        )


class ActionUpdateFilter(TenantFilterSet):
    action = IdFilter(field_name="action", label="Action id")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)
    on_from = django_filters.DateFilter(
        field_name="on", lookup_expr="gte", label="Dated on or after (YYYY-MM-DD)"
    )

    class Meta:
        model = ActionUpdate
        fields = ["partnership", "action", "status", "on_from"]


# --- serializers ---------------------------------------------------------------------------


class ActionEditorPartnershipField(EditablePartnershipField):
    """A partnership where the caller may add actions (its manager or clerk)."""

    def get_queryset(self) -> QuerySet[Partnership]:
        user = self.context.get("request").user
        if not user.is_authenticated:
            return Partnership.objects.none()
        return Partnership.objects.filter(
            roles__user=user, roles__role__in=ACTION_EDITORS
        ).distinct()


class ActionOwnerSerializer(serializers.Serializer):
    """One owner: exactly one of a person, a post, an organisation or a body, by id."""

    person = CallerRecordField(queryset=Person.objects.all(), required=False, allow_null=True)
    post = CallerRecordField(queryset=Post.objects.all(), required=False, allow_null=True)
    organisation = CallerRecordField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    body = CallerRecordField(queryset=Body.objects.all(), required=False, allow_null=True)
    name = serializers.CharField(source="__str__", read_only=True)

    def validate(self, attrs: dict) -> dict:
        given = [name for name, value in attrs.items() if value is not None]
        if len(given) != 1:
            raise serializers.ValidationError(
                "Give each owner as exactly one of person, post, organisation or body, "
                'for example {"organisation": 3}.'
            )
        return attrs


class ActionSerializer(TenantSerializer):
    partnership = ActionEditorPartnershipField()
    meeting = CallerRecordField(queryset=Meeting.objects.all(), required=False, allow_null=True)
    agenda_item = CallerRecordField(
        queryset=AgendaItem.objects.all(),
        required=False,
        allow_null=True,
        help_text="The minute the action was raised in; its meeting follows.",
    )
    resolution = CallerRecordField(
        queryset=Resolution.objects.all(), required=False, allow_null=True
    )
    owners = ActionOwnerSerializer(many=True, allow_empty=False)
    due = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="When it is due: the due date, or for “by the next meeting” the date of "
        "the body's next meeting (null until one is arranged).",
    )
    is_overdue = serializers.SerializerMethodField(
        help_text="Not complete or obsolete, and due before today."
    )

    class Meta(TenantSerializer.Meta):
        model = Action
        fields = [
            "id",
            "partnership",
            "reference",
            "text",
            "meeting",
            "agenda_item",
            "resolution",
            "due_date",
            "by_next_meeting",
            "due",
            "is_overdue",
            "status",
            "closing_note",
            "closed_on",
            "owners",
            "owners_to_confirm",
            *_TIMESTAMPS,
        ]
        read_only_fields = [*TenantSerializer.Meta.read_only_fields, "owners_to_confirm"]

    def get_is_overdue(self, action: Action) -> bool:
        return action.is_overdue()

    def validate(self, attrs: dict) -> dict:
        owners = attrs.pop("owners", None)
        attrs = super().validate(attrs)
        if self.instance is not None and "version" not in attrs:
            raise serializers.ValidationError(
                {"version": ["Send the version of the action you last read (GET it first)."]}
            )
        partnership = self.instance.partnership if self.instance else attrs["partnership"]
        if owners is not None:
            for owner in owners:
                record = next(value for value in owner.values() if value is not None)
                if record.partnership_id != partnership.pk:
                    noun = record._meta.verbose_name
                    raise serializers.ValidationError(
                        {
                            "owners": [
                                f"Choose owners of the partnership “{partnership.slug}”; "
                                f"{noun} {record.pk} belongs to another."
                            ]
                        }
                    )
            attrs["owners"] = [
                next(value for value in owner.values() if value is not None) for owner in owners
            ]
        return attrs


class ActionUpdateSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    action = CallerRecordField(queryset=Action.objects.all())
    action_version = serializers.IntegerField(
        write_only=True,
        min_value=1,
        help_text="The action's version you last read. If someone has changed the action "
        "since, the update is refused with 409 Conflict and nothing is saved.",
    )
    author = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = ActionUpdate
        fields = [
            "id",
            "partnership",
            "action",
            "on",
            "note",
            "status",
            "author",
            "action_version",
            "created_at",
        ]
        read_only_fields = ["id", "created_at"]


# --- views ---------------------------------------------------------------------------------


class IsActionEditorOrReadOnly(BasePermission):
    message = (
        "Your role in this partnership does not allow changes to actions: owners add "
        "updates instead (POST /api/v1/action-updates/). Ask the community safety manager "
        "or clerk to change the action itself."
    )

    def has_permission(self, request, view) -> bool:
        if request.method != "POST":
            return True
        # Adding: which partnership is checked with the data; here, whether any could be.
        return PartnershipRole.objects.filter(user=request.user, role__in=ACTION_EDITORS).exists()

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        roles = user_roles_in(user=request.user, partnership=obj.partnership)
        return bool(roles & ACTION_EDITORS)


def _stale(action: Action, sent: int) -> Conflict:
    current = Action.objects.filter(pk=action.pk).values_list("version", flat=True).first()
    return Conflict(
        f"This action was changed by someone else after you read it: it is now at version "
        f"{current}, and your copy was version {sent}. Nothing was saved. Read it again (GET), "
        "then send your changes with its current version."
    )


def _owners_prefetch() -> Prefetch:
    return Prefetch(
        "owners",
        queryset=ActionOwner.objects.select_related(
            "person", "post__organisation", "organisation", "body"
        ),
    )


@_documented(ActionSerializer, "actions")
class ActionViewSet(RegistryViewSet):
    """The action log; the filters are the web log's. There is no delete: close an action
    with status complete or obsolete, a closing note and the date."""

    permission_classes = [IsAuthenticated, IsActionEditorOrReadOnly]
    queryset = Action.objects.all()
    serializer_class = ActionSerializer
    filterset_class = ActionFilter
    prefetch_related = (_owners_prefetch(),)
    ordering_fields = ["due_on", "status", "reference", "created_at", "updated_at"]
    ordering = ["-created_at", "-id"]
    search_fields = ["text", "reference", "closing_note"]

    def get_queryset(self) -> QuerySet[Action]:
        return selectors.with_due_on(super().get_queryset()).distinct()

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        with _errors_for_people(), transaction.atomic():
            action = action_create(
                partnership=data.pop("partnership"),
                by=self.request.user,
                owners=data.pop("owners"),
                **data,
            )
        serializer.instance = self.get_queryset().get(pk=action.pk)

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("partnership", None)  # validated as unchanged
        expected_version = data.pop("version")
        action = serializer.instance
        try:
            with _errors_for_people(), transaction.atomic():
                action_update(
                    action=action,
                    by=self.request.user,
                    expected_version=expected_version,
                    owners=data.pop("owners", None),
                    **data,
                )
        except StaleEditError as error:
            raise _stale(action, expected_version) from error
        serializer.instance = self.get_queryset().get(pk=action.pk)


@extend_schema_view(
    list=extend_schema(
        summary="List owners' updates on actions in your partnerships",
        responses={200: ActionUpdateSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one update", responses={200: ActionUpdateSerializer, **_COMMON_ERRORS}
    ),
    create=extend_schema(
        summary="Add a dated update to an action (it sets the action's status)",
        responses={
            201: ActionUpdateSerializer,
            400: OpenApiResponse(
                description="Invalid data: each key names a field and says what is wrong."
            ),
            401: _COMMON_ERRORS[401],
            403: OpenApiResponse(
                ErrorSerializer,
                description="Only the partnership's manager or clerk, or a contributor who "
                "owns the action (or whose organisation does), may add updates to it.",
            ),
            **_CONFLICT,
        },
    ),
)
class ActionUpdateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Owners' dated updates: added, never changed or deleted. Complete or obsolete closes
    the action, and the note becomes its closing note."""

    permission_classes = [IsAuthenticated]
    queryset = ActionUpdate.objects.all()
    serializer_class = ActionUpdateSerializer
    filterset_class = ActionUpdateFilter
    ordering_fields = ["on", "created_at"]
    ordering = ["-on", "-id"]
    search_fields = ["note"]

    def get_queryset(self) -> QuerySet[ActionUpdate]:
        return (
            super()
            .get_queryset()
            .filter(partnership__in=partnership_list_for_user(user=self.request.user))
            .select_related("partnership", "author")
        )

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        action = data["action"]
        roles = user_roles_in(user=self.request.user, partnership=action.partnership)
        if not selectors.action_may_add_update(
            action=action, user=self.request.user, roles=roles, on=datetime.date.today()
        ):
            raise PermissionDenied(
                "Only the action's owners, or the partnership's community safety manager or "
                "clerk, may add updates to it."
            )
        try:
            with _errors_for_people(), transaction.atomic():
                update = action_add_update(
                    action=action,
                    by=self.request.user,
                    expected_version=data["action_version"],
                    on=data["on"],
                    note=data["note"],
                    status=data["status"],
                )
        except StaleEditError as error:
            raise _stale(action, data["action_version"]) from error
        serializer.instance = update
