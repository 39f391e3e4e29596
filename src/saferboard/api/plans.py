"""API for strategies, delivery plans, key actions and their updates, read-only and scoped to
the caller's partnerships like the meetings endpoints.

Writes go through the plan pages for now: numbering, status keys and "status changes only
through a dated update" are rules in plans.services that a write API would have to call.
"""

import django_filters
from rest_framework import serializers

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.meetings import (
    MeetingRecordViewSet,
    ReadOnlyTenantSerializer,
    _read_only_documented,
)
from saferboard.plans.models import (
    DeliveryPlan,
    KeyAction,
    KeyActionStatus,
    KeyActionUpdate,
    PlanType,
    Priority,
    Strategy,
)

_TIMESTAMPS = ["version", "created_at", "updated_at"]


class StrategySerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Strategy
        fields = [
            "id",
            "partnership",
            "name",
            "period_start",
            "period_end",
            "owner_body",
            "parent",
            "is_statutory",
            "status",
            "description",
            *_TIMESTAMPS,
        ]


class PrioritySerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Priority
        fields = [
            "id",
            "partnership",
            "strategy",
            "number",
            "title",
            "description",
            "position",
            *_TIMESTAMPS,
        ]


class DeliveryPlanSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = DeliveryPlan
        fields = [
            "id",
            "partnership",
            "name",
            "plan_type",
            "strategy",
            "period_start",
            "period_end",
            "owner_body",
            "is_statutory",
            "status",
            "status_key",
            "copied_from",
            *_TIMESTAMPS,
        ]


class KeyActionSerializer(ReadOnlyTenantSerializer):
    colour = serializers.CharField(
        read_only=True,
        help_text="The status's colour in the plan's key (blue, green, amber or red); "
        "`status` is the data.",
    )

    class Meta:
        model = KeyAction
        fields = [
            "id",
            "partnership",
            "plan",
            "priority",
            "number",
            "title",
            "description",
            "delivery",
            "lead_organisations",
            "lead_officers",
            "co_operating_organisations",
            "co_operating_note",
            "deadline",
            "timescale",
            "status",
            "colour",
            "completed_on",
            "carried_from",
            *_TIMESTAMPS,
        ]


class KeyActionUpdateSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = KeyActionUpdate
        fields = ["id", "partnership", "key_action", "on", "note", "mitigation", "status"]


class PriorityFilter(TenantFilterSet):
    strategy = IdFilter(field_name="strategy", label="Strategy id")

    class Meta:
        model = Priority
        fields = ["partnership", "strategy"]


class DeliveryPlanFilter(TenantFilterSet):
    strategy = IdFilter(field_name="strategy", label="Strategy id")
    plan_type = django_filters.ChoiceFilter(choices=PlanType.choices)

    class Meta:
        model = DeliveryPlan
        fields = ["partnership", "strategy", "plan_type"]


class KeyActionFilter(TenantFilterSet):
    plan = IdFilter(field_name="plan", label="Delivery plan id")
    priority = IdFilter(field_name="priority", label="Priority id")
    lead_organisation = IdFilter(field_name="lead_organisations", label="Lead organisation id")
    status = django_filters.ChoiceFilter(choices=KeyActionStatus.choices)

    class Meta:
        model = KeyAction
        fields = ["partnership", "plan", "priority", "lead_organisation", "status"]


class KeyActionUpdateFilter(TenantFilterSet):
    key_action = IdFilter(field_name="key_action", label="Key action id")

    class Meta:
        model = KeyActionUpdate
        fields = ["partnership", "key_action"]


@_read_only_documented(StrategySerializer, "strategies")
class StrategyViewSet(MeetingRecordViewSet):
    queryset = Strategy.objects.all()
    serializer_class = StrategySerializer
    ordering = ["-period_start", "id"]


@_read_only_documented(PrioritySerializer, "priorities")
class PriorityViewSet(MeetingRecordViewSet):
    queryset = Priority.objects.all()
    serializer_class = PrioritySerializer
    filterset_class = PriorityFilter
    ordering = ["strategy", "position", "id"]


@_read_only_documented(DeliveryPlanSerializer, "delivery plans")
class DeliveryPlanViewSet(MeetingRecordViewSet):
    queryset = DeliveryPlan.objects.all()
    serializer_class = DeliveryPlanSerializer
    filterset_class = DeliveryPlanFilter
    ordering = ["-period_start", "id"]


@_read_only_documented(KeyActionSerializer, "key actions")
class KeyActionViewSet(MeetingRecordViewSet):
    """Key actions in their plans' number order (1.2 before 1.10)."""

    queryset = KeyAction.objects.all()
    serializer_class = KeyActionSerializer
    filterset_class = KeyActionFilter
    select_related = ("partnership", "plan")
    prefetch_related = ("lead_organisations", "co_operating_organisations")
    ordering = ["plan", "sort_key", "id"]

    def get_queryset(self):
        return super().get_queryset().distinct()


@_read_only_documented(KeyActionUpdateSerializer, "key action updates")
class KeyActionUpdateViewSet(MeetingRecordViewSet):
    queryset = KeyActionUpdate.objects.all()
    serializer_class = KeyActionUpdateSerializer
    filterset_class = KeyActionUpdateFilter
    ordering = ["key_action", "-on", "-id"]
