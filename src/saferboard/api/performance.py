"""API for the performance framework: indicators, their values (partner returns) and
comparators, scoped to the caller's partnerships like the other endpoints.

Indicators and comparators are read-only here (the indicator pages set them up). Values are
listed with their colour and direction of travel worked out by performance/rag.py, the rule
every page uses; nothing stores a colour except a manual override, shown with its reason.
Values are sent through `returns.return_submit`, so the API keeps the returns' rules: who may
send which indicator's return (managers, analysts and clerks any; contributors only those
their organisation or they lead: 403 otherwise), the checks on the figures (400 naming the
field) and the version check (409 when someone saved the return since). Anonymous callers
get 401.
"""

import django_filters
from django.db import transaction
from django.db.models import Q, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.meetings import (
    MeetingRecordViewSet,
    ReadOnlyTenantSerializer,
    _read_only_documented,
)
from saferboard.api.serializers import CallerRecordField, ErrorSerializer
from saferboard.api.views import _COMMON_ERRORS, _CONFLICT, Conflict, _errors_for_people
from saferboard.core.errors import StaleEditError
from saferboard.core.selectors import partnership_list_for_user
from saferboard.performance import periods as period_rules
from saferboard.performance import rag as rag_rules
from saferboard.performance.models import Comparator, Indicator, IndicatorValue, Lifecycle
from saferboard.performance.returns import NO_VALUE_YET, return_submit

_TIMESTAMPS = ["version", "created_at", "updated_at"]

# --- filters -------------------------------------------------------------------------------


class IndicatorFilter(TenantFilterSet):
    priority = IdFilter(field_name="priority", label="Priority id")
    lifecycle = django_filters.ChoiceFilter(choices=Lifecycle.choices)
    lead_organisation = IdFilter(field_name="lead_organisation", label="Lead organisation id")

    class Meta:
        model = Indicator
        fields = ["partnership", "priority", "lifecycle", "lead_organisation"]


class IndicatorValueFilter(TenantFilterSet):
    indicator = IdFilter(field_name="indicator", label="Indicator id")
    period_from = django_filters.DateFilter(
        field_name="period_end",
        lookup_expr="gte",
        label="Only periods ending on or after this date (YYYY-MM-DD)",
    )
    period_to = django_filters.DateFilter(
        field_name="period_start",
        lookup_expr="lte",
        label="Only periods starting on or before this date (YYYY-MM-DD)",
    )

    class Meta:
        model = IndicatorValue
        fields = ["partnership", "indicator", "period_from", "period_to"]


class ComparatorFilter(TenantFilterSet):
    indicator = IdFilter(field_name="indicator", label="Indicator id")

    class Meta:
        model = Comparator
        fields = ["partnership", "indicator"]


# --- serializers ---------------------------------------------------------------------------


class IndicatorSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Indicator
        fields = [
            "id",
            "partnership",
            "priority",
            "code",
            "name",
            "definition",
            "unit",
            "polarity",
            "target_kind",
            "target_value",
            "amber_tolerance",
            "baseline_label",
            "baseline_start",
            "baseline_end",
            "baseline_value",
            "frequency",
            "lead_organisation",
            "lead_person",
            "data_source",
            "value_source",
            "return_due_days",
            "lifecycle",
            "lifecycle_since",
            "baseline_due_by",
            *_TIMESTAMPS,
        ]


class ComparatorSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Comparator
        fields = [
            "id",
            "partnership",
            "indicator",
            "name",
            "period_start",
            "period_end",
            "value",
            "rank",
            "rank_of",
            *_TIMESTAMPS,
        ]


class RagSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[rag_rules.RED, rag_rules.AMBER, rag_rules.GREEN, rag_rules.NONE]
    )
    label = serializers.CharField(help_text="Red, Amber, Green, No information or No target.")
    text = serializers.CharField(help_text="What pages show, with a colour set by hand's reason.")
    target = serializers.DecimalField(max_digits=20, decimal_places=3, allow_null=True)
    overridden = serializers.BooleanField(help_text="Set by hand, with `reason`.")
    reason = serializers.CharField(allow_blank=True)


class DirectionSerializer(serializers.Serializer):
    word = serializers.CharField(help_text="improving, worsening, no change or not comparable")
    arrow = serializers.CharField(allow_blank=True, help_text="↑ ↓ → : the way the number moved")
    text = serializers.CharField(
        allow_blank=True, help_text="For example “Improving: down 12 (10.5%) on Q4 2024/25”."
    )
    against = serializers.CharField(help_text="The period compared with.")


class IndicatorValueSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    indicator = CallerRecordField(queryset=Indicator.objects.all())
    period = serializers.CharField(
        write_only=True,
        help_text="The period as people write it: a month “2025-04” or “April 2025”, a quarter "
        "“Q1 2025/26”, a financial year “2025/26”; it must match the indicator's frequency. "
        "Read back as its label.",
    )
    value = serializers.DecimalField(
        max_digits=14,
        decimal_places=3,
        allow_null=True,
        required=False,
        help_text="Null for “no information”, with `no_information_reason`.",
    )
    numerator = serializers.DecimalField(
        max_digits=14, decimal_places=3, allow_null=True, required=False
    )
    denominator = serializers.DecimalField(
        max_digits=14, decimal_places=3, allow_null=True, required=False
    )
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Required when changing a return: the version you last read. If someone has "
        "saved the return since, the change is refused with 409 Conflict.",
    )
    rag = serializers.SerializerMethodField(help_text="Worked out by the one RAG rule.")
    direction = serializers.SerializerMethodField(
        help_text="Against the previous period of the same kind."
    )
    submitted_by = serializers.StringRelatedField(read_only=True)

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "partnership",
            "indicator",
            "period",
            "period_start",
            "period_end",
            "value",
            "numerator",
            "denominator",
            "no_information_reason",
            "commentary",
            "rag",
            "direction",
            "rag_override",
            "rag_override_reason",
            "submitted_by",
            "submitted_at",
            "source",
            *_TIMESTAMPS,
        ]
        read_only_fields = [
            "id",
            "period_start",
            "period_end",
            "rag_override",
            "rag_override_reason",
            "submitted_at",
            "source",
            "created_at",
            "updated_at",
        ]

    def to_representation(self, instance: IndicatorValue) -> dict:
        data = super().to_representation(instance)
        data["period"] = str(period_rules.period_of(instance.period_start, instance.period_end))
        return data

    @extend_schema_field(RagSerializer)
    def get_rag(self, row: IndicatorValue) -> dict:
        result = rag_rules.indicator_rag(row.indicator, row)
        return RagSerializer(
            {
                "status": result.status,
                "label": result.label,
                "text": result.text,
                "target": result.target,
                "overridden": result.overridden,
                "reason": result.reason,
            }
        ).data

    @extend_schema_field(DirectionSerializer)
    def get_direction(self, row: IndicatorValue) -> dict:
        period = period_rules.period_of(row.period_start, row.period_end)
        before = period_rules.previous(period)
        earlier = self.context.get("previous", {}).get(row.pk)
        direction = rag_rules.value_direction(row.indicator, row, earlier, against=before.label)
        return {
            "word": direction.word,
            "arrow": direction.arrow,
            "text": direction.text,
            "against": before.label,
        }

    def validate_period(self, text: str) -> period_rules.Period:
        try:
            return period_rules.parse_period(text)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from error

    def validate(self, attrs: dict) -> dict:
        if self.instance is not None:
            if "version" not in attrs:
                raise serializers.ValidationError(
                    {"version": ["Send the version of the return you last read (GET it first)."]}
                )
            for name, label in (("indicator", "indicator"), ("period", "period")):
                if name not in attrs:
                    continue
                current = (
                    self.instance.indicator
                    if name == "indicator"
                    else period_rules.period_of(
                        self.instance.period_start, self.instance.period_end
                    )
                )
                if attrs[name] != current:
                    raise serializers.ValidationError(
                        {
                            name: [
                                f"A return's {label} cannot change: send the other "
                                "period's return as a new one (POST)."
                            ]
                        }
                    )
        elif "value" not in attrs:
            raise serializers.ValidationError(
                {"value": ["Give the value, or null with no_information_reason."]}
            )
        return attrs


def previous_rows(rows: list[IndicatorValue]) -> dict[int, IndicatorValue]:
    """Each row's value for the period before it (same indicator), in one query."""
    wanted = {}
    for row in rows:
        before = period_rules.previous(period_rules.period_of(row.period_start, row.period_end))
        wanted[row.pk] = (row.indicator_id, before.start, before.end)
    if not wanted:
        return {}
    condition = Q()
    for indicator_id, start, end in set(wanted.values()):
        condition |= Q(indicator_id=indicator_id, period_start=start, period_end=end)
    found = {
        (earlier.indicator_id, earlier.period_start, earlier.period_end): earlier
        for earlier in IndicatorValue.objects.filter(condition)
    }
    return {pk: found[key] for pk, key in wanted.items() if key in found}


# --- views ---------------------------------------------------------------------------------


@_read_only_documented(IndicatorSerializer, "indicators")
class IndicatorViewSet(MeetingRecordViewSet):
    """The partnership's indicators with their targets and leads, in the framework's order."""

    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering = ["position", "code", "id"]
    search_fields = ["code", "name", "definition"]


@_read_only_documented(ComparatorSerializer, "comparators")
class ComparatorViewSet(MeetingRecordViewSet):
    """Comparisons per period: an average (London, family group) or a rank (3rd of 32)."""

    queryset = Comparator.objects.all()
    serializer_class = ComparatorSerializer
    filterset_class = ComparatorFilter
    ordering = ["indicator", "name", "period_start", "id"]


_VALUE_WRITE_ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Invalid data: each key names a field and says what is wrong (the "
        "returns' rules: a number of at most 3 decimal places, not negative; a reason only "
        "with no value; a period of the indicator's frequency that has ended).",
    ),
    401: _COMMON_ERRORS[401],
    403: OpenApiResponse(
        ErrorSerializer,
        description="Managers, analysts and clerks send any indicator's returns; contributors "
        "only those their organisation or they lead.",
    ),
    **_CONFLICT,
}


@extend_schema_view(
    list=extend_schema(
        summary="List indicators' values (returns) in your partnerships, with RAG and direction",
        responses={200: IndicatorValueSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one value", responses={200: IndicatorValueSerializer, **_COMMON_ERRORS}
    ),
    create=extend_schema(
        summary="Send a return: an indicator's value for a period",
        responses={201: IndicatorValueSerializer, **_VALUE_WRITE_ERRORS},
    ),
    update=extend_schema(
        summary="Replace a return (send its version)",
        responses={200: IndicatorValueSerializer, 404: _COMMON_ERRORS[404], **_VALUE_WRITE_ERRORS},
    ),
    partial_update=extend_schema(
        summary="Change some of a return (send its version)",
        responses={200: IndicatorValueSerializer, 404: _COMMON_ERRORS[404], **_VALUE_WRITE_ERRORS},
    ),
)
class IndicatorValueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Values by indicator and period. A new return is refused with 409 if the period
    already has one (change that one, with its version); there is no delete."""

    permission_classes = [IsAuthenticated]
    queryset = IndicatorValue.objects.all()
    serializer_class = IndicatorValueSerializer
    filterset_class = IndicatorValueFilter
    ordering_fields = ["period_start", "period_end", "updated_at"]
    ordering = ["indicator", "period_start", "id"]
    search_fields = ["commentary"]

    def get_queryset(self) -> QuerySet[IndicatorValue]:
        return (
            super()
            .get_queryset()
            .filter(partnership__in=partnership_list_for_user(user=self.request.user))
            .select_related("partnership", "indicator", "submitted_by")
        )

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        serializer = self.get_serializer(
            rows,
            many=True,
            context={**self.get_serializer_context(), "previous": previous_rows(rows)},
        )
        if page is not None:
            return self.get_paginated_response(serializer.data)
        return Response(serializer.data)

    def retrieve(self, request, *args, **kwargs):
        row = self.get_object()
        serializer = self.get_serializer(
            row, context={**self.get_serializer_context(), "previous": previous_rows([row])}
        )
        return Response(serializer.data)

    def _submit(self, *, indicator, period, data: dict, expected_version: int):
        try:
            with _errors_for_people(), transaction.atomic():
                return return_submit(
                    indicator=indicator,
                    period=period,
                    value=data.get("value"),
                    numerator=data.get("numerator"),
                    denominator=data.get("denominator"),
                    commentary=data.get("commentary", ""),
                    no_information_reason=data.get("no_information_reason", ""),
                    by=self.request.user,
                    expected_version=expected_version,
                    source="api",
                )
        except StaleEditError as error:
            current = (
                IndicatorValue.objects.filter(
                    indicator=indicator, period_start=period.start, period_end=period.end
                )
                .values_list("version", flat=True)
                .first()
            )
            if expected_version == NO_VALUE_YET:
                message = (
                    f"{indicator.code} already has a return for {period.label} (version "
                    f"{current}). Nothing was saved. Read it (GET /api/v1/indicator-values/"
                    f"?indicator={indicator.pk}), then change it (PUT or PATCH) with its version."
                )
            else:
                message = (
                    f"The return for {indicator.code}, {period.label}, was changed by someone "
                    f"else after you read it: it is now at version {current}, and your copy "
                    f"was version {expected_version}. Nothing was saved. Read it again (GET), "
                    "then send your changes with its current version."
                )
            raise Conflict(message) from error

    def perform_create(self, serializer) -> None:
        data = serializer.validated_data
        row = self._submit(
            indicator=data["indicator"],
            period=data["period"],
            data=data,
            expected_version=NO_VALUE_YET,
        )
        serializer.instance = self.get_queryset().get(pk=row.pk)
        serializer.context["previous"] = previous_rows([serializer.instance])

    def perform_update(self, serializer) -> None:
        row = serializer.instance
        data = {
            "value": row.value,
            "numerator": row.numerator,
            "denominator": row.denominator,
            "commentary": row.commentary,
            "no_information_reason": row.no_information_reason,
            **serializer.validated_data,
        }
        if data["value"] is not None and "no_information_reason" not in serializer.validated_data:
            data["no_information_reason"] = ""  # a value given now replaces "no information"
        row = self._submit(
            indicator=row.indicator,
            period=period_rules.period_of(row.period_start, row.period_end),
            data=data,
            expected_version=serializer.validated_data["version"],
        )
        serializer.instance = self.get_queryset().get(pk=row.pk)
        serializer.context["previous"] = previous_rows([serializer.instance])
