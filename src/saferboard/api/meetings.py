"""API for meetings and what happens at them: agenda items, papers, attendance, declarations
and resolutions, scoped to the caller's partnerships like the registry endpoints.

Meetings can be added and changed (not their status: that goes through the meeting page's
life-cycle buttons and their rules). Everything else is read-only here: agendas, minutes and
attendance have rules (numbering, quorum, voting) that live in their pages' services.

Only signed-in callers with a role in a partnership see its meetings, and they see everything,
including exempt and OFFICIAL-SENSITIVE items and papers, as they do on the meeting pages:
`is_public` says which items may be published. Anonymous callers get 401.
"""

import django_filters
from django.db.models import Prefetch, QuerySet
from django.http import FileResponse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.permissions import IsMeetingEditorOrReadOnly
from saferboard.api.serializers import TenantSerializer
from saferboard.api.views import _COMMON_ERRORS, RegistryViewSet, _documented
from saferboard.core.selectors import partnership_list_for_user
from saferboard.meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    Declaration,
    Meeting,
    MeetingStatus,
    Paper,
    Resolution,
    ResolutionKind,
    SecurityMarking,
)
from saferboard.registry.models import Body

_TIMESTAMPS = ["version", "created_at", "updated_at"]

# --- filters -------------------------------------------------------------------------------


class MeetingFilter(TenantFilterSet):
    body = IdFilter(field_name="bodies", label="Body id")
    status = django_filters.ChoiceFilter(choices=MeetingStatus.choices)
    date_from = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label="On or after this date (YYYY-MM-DD)"
    )
    date_to = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label="On or before this date (YYYY-MM-DD)"
    )

    class Meta:
        model = Meeting
        fields = ["partnership", "body", "status", "date_from", "date_to"]


class AgendaItemFilter(TenantFilterSet):
    meeting = IdFilter(field_name="meeting", label="Meeting id")
    is_exempt = django_filters.BooleanFilter()
    security_marking = django_filters.ChoiceFilter(choices=SecurityMarking.choices)

    class Meta:
        model = AgendaItem
        fields = ["partnership", "meeting", "is_exempt", "security_marking"]


class PaperFilter(TenantFilterSet):
    meeting = IdFilter(field_name="item__meeting", label="Meeting id")
    item = IdFilter(field_name="item", label="Agenda item id")

    class Meta:
        model = Paper
        fields = ["partnership", "meeting", "item"]


class AttendanceFilter(TenantFilterSet):
    meeting = IdFilter(field_name="meeting", label="Meeting id")
    person = IdFilter(field_name="membership__person", label="Person id (the seat holder)")
    status = django_filters.ChoiceFilter(choices=AttendanceStatus.choices)

    class Meta:
        model = Attendance
        fields = ["partnership", "meeting", "person", "status"]


class DeclarationFilter(TenantFilterSet):
    meeting = IdFilter(field_name="item__meeting", label="Meeting id")
    item = IdFilter(field_name="item", label="Agenda item id")
    person = IdFilter(field_name="membership__person", label="Person id")

    class Meta:
        model = Declaration
        fields = ["partnership", "meeting", "item", "person"]


class ResolutionFilter(TenantFilterSet):
    meeting = IdFilter(field_name="item__meeting", label="Meeting id")
    item = IdFilter(field_name="item", label="Agenda item id")
    kind = django_filters.ChoiceFilter(choices=ResolutionKind.choices)

    class Meta:
        model = Resolution
        fields = ["partnership", "meeting", "item", "kind"]


# --- serializers ---------------------------------------------------------------------------


class MeetingSerializer(TenantSerializer):
    name = serializers.CharField(source="__str__", read_only=True)
    bodies = TenantSerializer.serializer_related_field(
        many=True,
        queryset=Body.objects.all(),
        allow_empty=False,
        help_text="Ids of the meeting's bodies; more than one for a meeting held in common.",
    )

    class Meta(TenantSerializer.Meta):
        model = Meeting
        fields = [
            "id",
            "partnership",
            "name",
            "title",
            "bodies",
            "date",
            "start_time",
            "end_time",
            "venue",
            "virtual_link",
            "webcast_link",
            "clerk",
            "chair",
            "status",
            "agenda_published_at",
            "late_reason",
            *_TIMESTAMPS,
        ]
        read_only_fields = [
            *TenantSerializer.Meta.read_only_fields,
            "status",
            "agenda_published_at",
            "late_reason",
        ]


class ReadOnlyTenantSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)


class AgendaItemSerializer(ReadOnlyTenantSerializer):
    section = serializers.CharField(
        source="section.title", read_only=True, allow_null=True, default=None
    )
    is_public = serializers.BooleanField(
        read_only=True,
        help_text="False for exempt or OFFICIAL-SENSITIVE items, which are never published.",
    )

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "partnership",
            "meeting",
            "section",
            "position",
            "number",
            "title",
            "purpose",
            "decision_type",
            "presenter",
            "lead_officer",
            "minutes_allowed",
            "security_marking",
            "is_exempt",
            "exempt_paragraph",
            "is_public",
            "standing_kind",
            "carried_from",
            "forward_plan_entry",
            "minute_number",
            "minute_text",
            "is_deferred",
            "matters_arising_from",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class PaperSerializer(ReadOnlyTenantSerializer):
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    is_public = serializers.BooleanField(source="item.is_public", read_only=True)
    pdf = serializers.HyperlinkedIdentityField(
        view_name="paper-pdf", help_text="Where to download the paper as PDF."
    )

    class Meta:
        model = Paper
        fields = [
            "id",
            "partnership",
            "meeting",
            "item",
            "title",
            "position",
            "original_name",
            "original_format",
            "original_size",
            "page_count",
            "supplement",
            "is_public",
            "pdf",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class AttendanceSerializer(ReadOnlyTenantSerializer):
    person = serializers.IntegerField(
        source="membership.person_id", read_only=True, allow_null=True
    )

    class Meta:
        model = Attendance
        fields = [
            "id",
            "partnership",
            "meeting",
            "membership",
            "person",
            "status",
            "substitute_name",
            "substitute_person",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class DeclarationSerializer(ReadOnlyTenantSerializer):
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    person = serializers.IntegerField(
        source="membership.person_id", read_only=True, allow_null=True
    )
    removes_vote = serializers.BooleanField(
        read_only=True, help_text="A prejudicial or pecuniary interest: no vote on the item."
    )

    class Meta:
        model = Declaration
        fields = [
            "id",
            "partnership",
            "meeting",
            "item",
            "membership",
            "person",
            "interest_type",
            "nature",
            "removes_vote",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class ResolutionSerializer(ReadOnlyTenantSerializer):
    meeting = serializers.IntegerField(source="item.meeting_id", read_only=True)
    minute_number = serializers.CharField(source="item.minute_number", read_only=True)

    class Meta:
        model = Resolution
        fields = [
            "id",
            "partnership",
            "meeting",
            "item",
            "minute_number",
            "position",
            "kind",
            "text",
            "delegated_to",
            "votes_for",
            "votes_against",
            "abstentions",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


# --- views ---------------------------------------------------------------------------------


@_documented(MeetingSerializer, "meetings")
class MeetingViewSet(RegistryViewSet):
    """Meetings of the partnership's bodies; `?body=` and `?date_from=` narrow the list."""

    permission_classes = [IsAuthenticated, IsMeetingEditorOrReadOnly]
    queryset = Meeting.objects.all()
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    prefetch_related = (Prefetch("bodies", queryset=Body.objects.order_by("name")),)
    ordering_fields = ["date", "status", "created_at", "updated_at"]
    ordering = ["-date", "-start_time", "id"]
    search_fields = ["title", "venue", "bodies__name"]

    def get_queryset(self) -> QuerySet[Meeting]:
        # Searching by body name joins the bodies, so a meeting could appear twice.
        return super().get_queryset().distinct()


def _read_only_documented(serializer_class, plural: str):
    noun = serializer_class.Meta.model._meta.verbose_name
    return extend_schema_view(
        list=extend_schema(
            summary=f"List {plural} in your partnerships",
            responses={200: serializer_class(many=True), 401: _COMMON_ERRORS[401]},
        ),
        retrieve=extend_schema(
            summary=f"Read one {noun}", responses={200: serializer_class, **_COMMON_ERRORS}
        ),
    )


class MeetingRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only records of meetings, limited to the caller's partnerships."""

    permission_classes = [IsAuthenticated]
    select_related: tuple[str, ...] = ("partnership",)
    prefetch_related: tuple = ()

    def get_queryset(self) -> QuerySet:
        return (
            super()
            .get_queryset()
            .filter(partnership__in=partnership_list_for_user(user=self.request.user))
            .select_related(*self.select_related)
            .prefetch_related(*self.prefetch_related)
        )


@_read_only_documented(AgendaItemSerializer, "agenda items")
class AgendaItemViewSet(MeetingRecordViewSet):
    """Agenda items with their minutes; `is_public` is false for exempt or sensitive items."""

    queryset = AgendaItem.objects.all()
    serializer_class = AgendaItemSerializer
    filterset_class = AgendaItemFilter
    select_related = ("partnership", "section")
    prefetch_related = ("matters_arising_from",)
    ordering_fields = ["position", "number", "created_at", "updated_at"]
    ordering = ["meeting", "position", "id"]
    search_fields = ["title", "purpose", "presenter", "minute_number"]


@_read_only_documented(PaperSerializer, "papers")
class PaperViewSet(MeetingRecordViewSet):
    """Papers for agenda items; `pdf` downloads one."""

    queryset = Paper.objects.all()
    serializer_class = PaperSerializer
    filterset_class = PaperFilter
    select_related = ("partnership", "item")
    ordering_fields = ["position", "supplement", "created_at", "updated_at"]
    ordering = ["item", "position", "id"]
    search_fields = ["title", "original_name"]

    @extend_schema(
        summary="Download a paper as PDF",
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY),
            **_COMMON_ERRORS,
        },
    )
    @action(detail=True, url_path="pdf", url_name="pdf")
    def pdf(self, request, *args, **kwargs):
        paper = self.get_object()
        return FileResponse(
            paper.pdf.open("rb"),
            content_type="application/pdf",
            filename=f"{slugify(paper.title) or 'paper'}.pdf",
        )


@_read_only_documented(AttendanceSerializer, "attendance records")
class AttendanceViewSet(MeetingRecordViewSet):
    """Who came to each meeting, sent apologies (with any substitute) or was absent."""

    queryset = Attendance.objects.all()
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilter
    select_related = ("partnership", "membership")
    ordering_fields = ["status", "created_at", "updated_at"]
    ordering = ["meeting", "id"]


@_read_only_documented(DeclarationSerializer, "declarations of interest")
class DeclarationViewSet(MeetingRecordViewSet):
    """Members' declared interests in agenda items."""

    queryset = Declaration.objects.all()
    serializer_class = DeclarationSerializer
    filterset_class = DeclarationFilter
    select_related = ("partnership", "item", "membership")
    ordering_fields = ["interest_type", "created_at", "updated_at"]
    ordering = ["item", "id"]


@_read_only_documented(ResolutionSerializer, "resolutions")
class ResolutionViewSet(MeetingRecordViewSet):
    """What meetings resolved on each item, with any votes."""

    queryset = Resolution.objects.all()
    serializer_class = ResolutionSerializer
    filterset_class = ResolutionFilter
    select_related = ("partnership", "item")
    ordering_fields = ["position", "kind", "created_at", "updated_at"]
    ordering = ["item", "position", "id"]
    search_fields = ["text", "delegated_to", "item__minute_number"]
