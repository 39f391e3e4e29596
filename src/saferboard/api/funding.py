"""API for funding, scoped to the caller's partnerships like the other endpoints.

- Funds: everyone in a partnership reads its funds, with their money from the ledger (cash
  held, committed, available to award); funding officers (managers) add and change them
  through funding.funds, so the same rules and version check apply as on the pages.
- Ledger entries: read-only. Money moves only through funding.ledger's services (the fund
  and decision pages); every figure is derived from these entries.

- Bids, decisions, awards (with their tranches) and monitoring (milestones, reports,
  variations): read through funding.selectors (a contributor sees only the bids and awards of
  the applicants they act for; 404 otherwise). Writes go through the funding services, so
  the API keeps the pages' rules: bid writers (managers, contributors for their own
  applicants) add and change drafts (`bids.bid_create`, `bids.bid_update`, with the version
  check: 409 when stale) and submit them (`bids.bid_submit`); managers record decisions
  (`decisions.decision_record`); the grantee's contributors and managers send reports
  (`monitoring.report_submit`).
"""

import datetime

import django_filters
from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.meetings import (
    MeetingRecordViewSet,
    ReadOnlyTenantSerializer,
    _read_only_documented,
)
from saferboard.api.serializers import CallerRecordField, ErrorSerializer, TenantSerializer
from saferboard.api.views import (
    _COMMON_ERRORS,
    _CONFLICT,
    Conflict,
    _documented,
    _errors_for_people,
)
from saferboard.api.visible import VisibleViewSet
from saferboard.core.errors import StaleEditError
from saferboard.core.models import Partnership
from saferboard.core.selectors import partnership_list_for_user, user_roles_in
from saferboard.funding import bids, decisions, funds, ledger, monitoring, selectors
from saferboard.funding.models import (
    Award,
    AwardStatus,
    Bid,
    Decision,
    EntryKind,
    Fund,
    FundSource,
    FundStatus,
    LedgerEntry,
    Milestone,
    MilestoneStatus,
    MonitoringReport,
    Outcome,
    ReportKind,
    ReportStatus,
    Stage,
    Tranche,
    Variation,
    VariationKind,
    VariationStatus,
)
from saferboard.funding.selectors import BID_WRITERS, FUNDING_OFFICERS
from saferboard.meetings.models import AgendaItem, Resolution

_TIMESTAMPS = ["version", "created_at", "updated_at"]

# --- permissions ---------------------------------------------------------------------------


class IsFundingOfficerOrReadOnly(BasePermission):
    message = (
        "Your role in this partnership does not allow changes to funds. "
        "Ask the partnership's community safety manager."
    )

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        roles = user_roles_in(user=request.user, partnership=obj.partnership)
        return bool(roles & FUNDING_OFFICERS)


class FundingPartnershipField(serializers.SlugRelatedField):
    """A partnership by slug, limited to those where the caller runs the funds."""

    default_error_messages = {
        "does_not_exist": "You cannot add funds to the partnership “{value}”: it does not "
        "exist or you are not its community safety manager.",
        "invalid": "Give the partnership's slug as text, for example haringey.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The partnership's slug, for example haringey.")
        super().__init__(slug_field="slug", queryset=Partnership.objects.all(), **kwargs)

    def get_queryset(self) -> QuerySet[Partnership]:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return Partnership.objects.none()
        return Partnership.objects.filter(
            roles__user=user, roles__role__in=FUNDING_OFFICERS
        ).distinct()


# --- funds ---------------------------------------------------------------------------------


class FundFilter(TenantFilterSet):
    source = django_filters.ChoiceFilter(choices=FundSource.choices)
    status = django_filters.ChoiceFilter(choices=FundStatus.choices)

    class Meta:
        model = Fund
        fields = ["partnership", "source", "status"]


class FundSerializer(TenantSerializer):
    partnership = FundingPartnershipField()
    priority_areas = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False
    )
    key_themes = serializers.ListField(child=serializers.CharField(max_length=300))
    cash_held = serializers.SerializerMethodField(
        help_text="Money the fund holds now, from its ledger (pounds, 2 places)."
    )
    committed = serializers.SerializerMethodField(
        help_text="Money awarded but not yet paid out, from the ledger."
    )
    available = serializers.SerializerMethodField(
        help_text="Money free to award: cash held less committed (the fund's “remaining”)."
    )

    class Meta(TenantSerializer.Meta):
        model = Fund
        fields = [
            "id",
            "partnership",
            "name",
            "reference_prefix",
            "source",
            "description",
            "period",
            "financial_year",
            "status",
            "minimum_award",
            "maximum_award",
            "standard_term_months",
            "match_funding_expectation",
            "priority_areas",
            "key_themes",
            "deciding_body",
            "assessors",
            "cash_held",
            "committed",
            "available",
            *_TIMESTAMPS,
        ]
        read_only_fields = [*TenantSerializer.Meta.read_only_fields, "assessors"]

    def _balance(self, fund: Fund) -> ledger.Balance:
        balances = self.context.get("balances") or {}
        if fund.pk not in balances:
            balances[fund.pk] = ledger.fund_balance(fund)
        return balances[fund.pk]

    def get_cash_held(self, fund: Fund) -> str:
        return f"{self._balance(fund).cash:.2f}"

    def get_committed(self, fund: Fund) -> str:
        return f"{self._balance(fund).committed:.2f}"

    def get_available(self, fund: Fund) -> str:
        return f"{self._balance(fund).available:.2f}"


@_documented(FundSerializer, "funds")
class FundViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Funds with their balances; managers add and change them (no delete: a fund with
    ledger entries keeps them)."""

    permission_classes = [IsAuthenticated, IsFundingOfficerOrReadOnly]
    queryset = Fund.objects.all()
    serializer_class = FundSerializer
    filterset_class = FundFilter
    ordering = ["name", "id"]
    search_fields = ["name", "reference_prefix"]

    def get_queryset(self) -> QuerySet[Fund]:
        return (
            super()
            .get_queryset()
            .filter(partnership__in=partnership_list_for_user(user=self.request.user))
            .select_related("partnership")
            .prefetch_related("assessors")
        )

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        funds_shown = page if page is not None else list(queryset)
        self._balances = ledger.balances(funds_shown)  # one query for the page
        return page

    def get_serializer_context(self) -> dict:
        return super().get_serializer_context() | {"balances": getattr(self, "_balances", {})}

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        data.pop("version", None)
        with _errors_for_people(), transaction.atomic():
            serializer.instance = funds.fund_create(
                partnership=partnership, by=self.request.user, **data
            )

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("partnership", None)
        expected_version = data.pop("version", None)
        fund = serializer.instance
        try:
            with _errors_for_people(), transaction.atomic():
                serializer.instance = funds.fund_update(
                    fund=fund, by=self.request.user, expected_version=expected_version, **data
                )
        except StaleEditError as error:
            current = Fund.objects.filter(pk=fund.pk).values_list("version", flat=True).first()
            raise Conflict(
                f"This fund was changed by someone else after you read it: it is now at "
                f"version {current}, and your copy was version "
                f"{expected_version or fund.version}. Nothing was saved. Read it again (GET), "
                "then send your changes with its current version."
            ) from error


# --- ledger --------------------------------------------------------------------------------


class LedgerEntryFilter(TenantFilterSet):
    fund = IdFilter(field_name="fund", label="Fund id")
    kind = django_filters.ChoiceFilter(choices=EntryKind.choices)
    on_from = django_filters.DateFilter(field_name="on", lookup_expr="gte", label="On or after")
    on_to = django_filters.DateFilter(field_name="on", lookup_expr="lte", label="On or before")

    class Meta:
        model = LedgerEntry
        fields = ["partnership", "fund", "kind", "on_from", "on_to"]


class LedgerEntrySerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "partnership",
            "fund",
            "kind",
            "amount",
            "on",
            "award",
            "tranche",
            "other_fund",
            "note",
            "created_at",
        ]
        read_only_fields = fields


@_read_only_documented(LedgerEntrySerializer, "ledger entries")
class LedgerEntryViewSet(MeetingRecordViewSet):
    """Every movement of money of the caller's partnerships' funds, oldest first."""

    queryset = LedgerEntry.objects.all()
    serializer_class = LedgerEntrySerializer
    filterset_class = LedgerEntryFilter
    ordering = ["fund", "on", "id"]


# --- bids, decisions, awards and monitoring -------------------------------------------------
# Read through funding.selectors.bid_list / award_list with the caller's roles in each
# partnership (not a plain partnership filter): a contributor sees only the bids and awards of
# the applicants they act for, others see decided bids, managers and assessors see all.
# Writes call the services that hold the rules (funding.bids, decisions, monitoring).


class BidFilter(TenantFilterSet):
    fund = IdFilter(field_name="fund", label="Fund id")
    applicant = IdFilter(field_name="applicant", label="Applicant id")
    stage = django_filters.ChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Bid
        fields = ["partnership", "fund", "applicant", "stage"]


_BID_TEXT = [
    "project_title",
    "summary",
    "amount_requested",
    "term_months",
    "proposed_start",
    "priority_areas",
    "key_themes",
    "need",
    "means",
    "evaluation_plan",
    "match_funding_amount",
    "match_funding_source",
]


class BidSerializer(ReadOnlyTenantSerializer):
    applicant_name = serializers.CharField(source="applicant.name", read_only=True)

    class Meta:
        model = Bid
        fields = [
            "id",
            "partnership",
            "fund",
            "applicant",
            "applicant_name",
            "reference",
            *_BID_TEXT,
            "stage",
            "stage_changed_on",
            "submitted_at",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class BidWriteSerializer(serializers.ModelSerializer):
    """What a bid writer sends to start or change a draft. The fund and applicant are chosen
    when it is started; priority areas and key themes from the fund's own lists."""

    serializer_related_field = CallerRecordField
    priority_areas = serializers.ListField(
        child=serializers.CharField(max_length=300), required=False
    )
    key_themes = serializers.ListField(child=serializers.CharField(max_length=300), required=False)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text="Required to change a bid: the version you read (409 if someone saved since).",
    )

    class Meta:
        model = Bid
        fields = ["fund", "applicant", *_BID_TEXT, "version"]
        validators: list = []


class BidSubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The bid's version you read.")
    term_justification = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the project needs longer than the fund's standard term, if it does.",
    )


_BID_WRITE_ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description="Invalid data: each key names a field and says what is wrong (the bid "
        "rules: amounts, the fund's priority areas and key themes, a closed fund).",
    ),
    403: OpenApiResponse(
        ErrorSerializer,
        description="Managers change any open bid; contributors start and change drafts of "
        "the applicants they act for; nobody else writes bids.",
    ),
}


@extend_schema_view(
    list=extend_schema(
        summary="List the bids you may see",
        responses={200: BidSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one bid", responses={200: BidSerializer, **_COMMON_ERRORS}
    ),
    create=extend_schema(
        summary="Start a draft bid",
        request=BidWriteSerializer,
        responses={201: BidSerializer, 401: _COMMON_ERRORS[401], **_BID_WRITE_ERRORS},
    ),
    update=extend_schema(
        summary="Replace a bid's application (send its version)",
        request=BidWriteSerializer,
        responses={200: BidSerializer, **_COMMON_ERRORS, **_BID_WRITE_ERRORS, **_CONFLICT},
    ),
    partial_update=extend_schema(
        summary="Change some of a bid's application (send its version)",
        request=BidWriteSerializer,
        responses={200: BidSerializer, **_COMMON_ERRORS, **_BID_WRITE_ERRORS, **_CONFLICT},
    ),
    submit=extend_schema(
        summary="Submit a draft as an expression of interest (send its version)",
        request=BidSubmitSerializer,
        responses={200: BidSerializer, **_COMMON_ERRORS, **_BID_WRITE_ERRORS, **_CONFLICT},
    ),
)
class BidViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, VisibleViewSet):
    """Bids you may see. Bid writers start drafts for the applicants they act for, change
    them (with the version) and submit them; moving stages and deciding stay with the
    funding officer (decisions through /api/v1/bid-decisions/)."""

    queryset = Bid.objects.all()
    serializer_class = BidSerializer
    filterset_class = BidFilter
    select_related = ("partnership", "applicant")
    ordering = ["fund", "reference", "id"]
    search_fields = ["reference", "project_title", "applicant__name"]

    def visible(self, **kwargs) -> QuerySet:
        return selectors.bid_list(**kwargs)

    def create(self, request, *args, **kwargs) -> Response:
        write = BidWriteSerializer(data=request.data, context=self.get_serializer_context())
        write.is_valid(raise_exception=True)
        data = dict(write.validated_data)
        data.pop("version", None)
        fund, applicant = data.pop("fund", None), data.pop("applicant", None)
        missing = {
            name: ["This field is required."]
            for name, value in (("fund", fund), ("applicant", applicant))
            if value is None
        }
        for name in ("project_title", "amount_requested", "term_months"):
            if name not in data:
                missing[name] = ["This field is required."]
        if missing:
            raise serializers.ValidationError(missing)
        if not self.roles_in(fund.partnership) & BID_WRITERS:
            raise PermissionDenied(
                "Your role in this partnership does not allow bids: managers and partner "
                "contributors write them."
            )
        today = datetime.date.today()
        if not bids.acts_for(applicant=applicant, by=request.user, on=today):
            raise serializers.ValidationError(
                {"applicant": [f"There is no applicant with id {applicant.pk} you act for."]}
            )
        with _errors_for_people(), transaction.atomic():
            bid = bids.bid_create(fund=fund, applicant=applicant, by=request.user, on=today, **data)
        return self.read_back(bid, status_code=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs) -> Response:
        bid = self.get_object()
        if not bids.bid_may_edit(bid=bid, by=request.user):
            raise PermissionDenied(
                f"{bid.reference} is {bid.get_stage_display().lower()}: only the funding "
                "officer changes a submitted bid, and nobody a decided or withdrawn one."
            )
        write = BidWriteSerializer(
            bid,
            data=request.data,
            partial=kwargs.get("partial", False),
            context=self.get_serializer_context(),
        )
        write.is_valid(raise_exception=True)
        data = dict(write.validated_data)
        data.pop("fund", None)
        data.pop("applicant", None)
        expected_version = data.pop("version", None)
        if expected_version is None:
            raise serializers.ValidationError(
                {"version": ["Send the version of the bid you read, so no change is lost."]}
            )
        try:
            with _errors_for_people(), transaction.atomic():
                bid = bids.bid_update(
                    bid=bid, by=request.user, expected_version=expected_version, **data
                )
        except StaleEditError as error:
            raise self.stale(bid, expected_version) from error
        return self.read_back(bid)

    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs) -> Response:
        bid = self.get_object()
        if not bids.acts_for(applicant=bid.applicant, by=request.user):
            raise PermissionDenied(
                "Only the applicant's own contributors and the funding officer can submit it."
            )
        given = BidSubmitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        expected_version = given.validated_data["version"]
        try:
            with _errors_for_people(), transaction.atomic():
                try:
                    bid = bids.bid_submit(
                        bid=bid,
                        by=request.user,
                        term_justification=given.validated_data["term_justification"],
                        expected_version=expected_version,
                    )
                except bids.BidNotReady as error:  # every problem, against its field
                    problems: dict[str, list[str]] = {}
                    for problem in error.problems:
                        message = f"{problem.message[:1].upper()}{problem.message[1:]}."
                        problems.setdefault(problem.field, []).append(message)
                    raise serializers.ValidationError(problems) from error
        except StaleEditError as error:
            raise self.stale(bid, expected_version) from error
        return self.read_back(bid)


# Decisions ----------------------------------------------------------------------------------


class DecisionSerializer(ReadOnlyTenantSerializer):
    award = serializers.SerializerMethodField(help_text="The award an approval made, if any.")

    class Meta:
        model = Decision
        fields = [
            "id",
            "partnership",
            "bid",
            "outcome",
            "decided_on",
            "meeting",
            "item",
            "resolution",
            "reason",
            "conditions",
            "redirected_to",
            "award",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields

    def get_award(self, decision: Decision) -> int | None:
        award = getattr(decision, "award", None)  # a rejection has none
        return award.pk if award else None


class TrancheInputSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    due_on = serializers.DateField()
    condition = serializers.CharField(required=False, allow_blank=True, default="")


class DecisionWriteSerializer(serializers.Serializer):
    """The meeting's decision on a bid at the full application stage."""

    bid = CallerRecordField(queryset=Bid.objects.all())
    version = serializers.IntegerField(min_value=1, help_text="The bid's version you read.")
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    decided_on = serializers.DateField()
    item = CallerRecordField(queryset=AgendaItem.objects.all(), required=False, allow_null=True)
    resolution = CallerRecordField(
        queryset=Resolution.objects.all(), required=False, allow_null=True
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    redirected_to = serializers.CharField(required=False, allow_blank=True, default="")
    award_total = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True
    )
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)
    review_on = serializers.DateField(
        required=False, allow_null=True, help_text="Leave out for a review after nine months."
    )
    tranches = TrancheInputSerializer(many=True, required=False, default=list)
    release_first_now = serializers.BooleanField(required=False, default=False)


class DecisionFilter(TenantFilterSet):
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)

    class Meta:
        model = Decision
        fields = ["partnership", "outcome"]


@extend_schema_view(
    list=extend_schema(
        summary="List decisions on bids you may see",
        responses={200: DecisionSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one decision", responses={200: DecisionSerializer, **_COMMON_ERRORS}
    ),
    create=extend_schema(
        summary="Record a meeting's decision on a bid (managers; send the bid's version)",
        request=DecisionWriteSerializer,
        responses={
            201: DecisionSerializer,
            **_COMMON_ERRORS,
            400: OpenApiResponse(
                OpenApiTypes.OBJECT,
                description="Invalid: a rejection without its reason, tranches that do not "
                "add up, an award larger than the fund has available (with the figure), ...",
            ),
            403: OpenApiResponse(ErrorSerializer, description="Only managers record decisions."),
            **_CONFLICT,
        },
    ),
)
class DecisionViewSet(mixins.CreateModelMixin, VisibleViewSet):
    """Decisions on the bids you may see; managers record them through
    funding.decisions.decision_record (the award, its tranches, the ledger and the monitoring
    schedule in one transaction)."""

    queryset = Decision.objects.all()
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    select_related = ("partnership", "award")
    ordering = ["-decided_on", "id"]

    def visible(self, **kwargs) -> QuerySet:
        bids_seen = selectors.bid_list(**kwargs)
        return Decision.objects.filter(bid__in=bids_seen.values("pk"))

    def create(self, request, *args, **kwargs) -> Response:
        given = DecisionWriteSerializer(data=request.data, context=self.get_serializer_context())
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        bid = data.pop("bid")
        if not self.roles_in(bid.partnership) & FUNDING_OFFICERS:
            raise PermissionDenied("Only the partnership's managers record funding decisions.")
        expected_version = data.pop("version")
        data["tranches"] = [
            (row["amount"], row["due_on"], row["condition"]) for row in data["tranches"]
        ]
        if data.get("starts_on") and not data.get("review_on"):
            data["review_on"] = decisions.default_review_on(data["starts_on"])
        try:
            with _errors_for_people(), transaction.atomic():
                decision = decisions.decision_record(
                    bid=bid, by=request.user, expected_version=expected_version, **data
                )
        except StaleEditError as error:
            raise self.stale(bid, expected_version) from error
        return self.read_back(decision, status_code=status.HTTP_201_CREATED)


# Awards and their tranches ------------------------------------------------------------------


class TrancheSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tranche
        fields = ["id", "number", "amount", "due_on", "condition", "status", "released_on"]
        read_only_fields = fields


class AwardSerializer(ReadOnlyTenantSerializer):
    tranches = TrancheSerializer(many=True, read_only=True)

    class Meta:
        model = Award
        fields = [
            "id",
            "partnership",
            "decision",
            "bid",
            "fund",
            "total",
            "starts_on",
            "ends_on",
            "review_on",
            "status",
            "tranches",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class AwardFilter(TenantFilterSet):
    fund = IdFilter(field_name="fund", label="Fund id")
    status = django_filters.ChoiceFilter(choices=AwardStatus.choices)

    class Meta:
        model = Award
        fields = ["partnership", "fund", "status"]


@_read_only_documented(AwardSerializer, "awards you may see, with their tranches")
class AwardViewSet(VisibleViewSet):
    queryset = Award.objects.all()
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    prefetch_related = ("tranches",)
    ordering = ["fund", "starts_on", "id"]

    def visible(self, **kwargs) -> QuerySet:
        return selectors.award_list(**kwargs)


# Monitoring: milestones, reports, variations ------------------------------------------------


class AwardRecordViewSet(VisibleViewSet):
    """Records of the awards the caller may see."""

    def visible(self, **kwargs) -> QuerySet:
        awards = selectors.award_list(**kwargs)
        return self.queryset.model.objects.filter(award__in=awards.values("pk"))


class MilestoneSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Milestone
        fields = [
            "id",
            "partnership",
            "award",
            "title",
            "target",
            "due_on",
            "status",
            "achieved",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class MilestoneFilter(TenantFilterSet):
    award = IdFilter(field_name="award", label="Award id")
    status = django_filters.ChoiceFilter(choices=MilestoneStatus.choices)

    class Meta:
        model = Milestone
        fields = ["partnership", "award", "status"]


@_read_only_documented(MilestoneSerializer, "milestones of awards you may see")
class MilestoneViewSet(AwardRecordViewSet):
    queryset = Milestone.objects.all()
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering = ["award", "due_on", "id"]


class MonitoringReportSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = MonitoringReport
        fields = [
            "id",
            "partnership",
            "award",
            "kind",
            "due_on",
            "status",
            "narrative",
            "outputs",
            "spend_to_date",
            "submitted_on",
            "officer_comments",
            "review_outcome",
            "accepted_on",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class ReportSubmitSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1, help_text="The report's version you read.")
    narrative = serializers.CharField(help_text="What happened in the period.")
    outputs = serializers.CharField(required=False, allow_blank=True, default="")
    spend_to_date = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )


class MonitoringReportFilter(TenantFilterSet):
    award = IdFilter(field_name="award", label="Award id")
    kind = django_filters.ChoiceFilter(choices=ReportKind.choices)
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)

    class Meta:
        model = MonitoringReport
        fields = ["partnership", "award", "kind", "status"]


@extend_schema_view(
    list=extend_schema(
        summary="List the reports of awards you may see",
        responses={200: MonitoringReportSerializer(many=True), 401: _COMMON_ERRORS[401]},
    ),
    retrieve=extend_schema(
        summary="Read one report", responses={200: MonitoringReportSerializer, **_COMMON_ERRORS}
    ),
    submit=extend_schema(
        summary="Send the report (the grantee's contributors and managers; send its version)",
        request=ReportSubmitSerializer,
        responses={
            200: MonitoringReportSerializer,
            **_COMMON_ERRORS,
            400: OpenApiResponse(OpenApiTypes.OBJECT, description="Invalid, naming the field."),
            403: OpenApiResponse(
                ErrorSerializer,
                description="Only the grantee's own contributors and managers send reports.",
            ),
            **_CONFLICT,
        },
    ),
)
class MonitoringReportViewSet(AwardRecordViewSet):
    """Progress reports, reviews and end-of-grant evaluations; the grantee sends them through
    `submit` (monitoring.report_submit) until a manager accepts them on the award's page."""

    queryset = MonitoringReport.objects.all()
    serializer_class = MonitoringReportSerializer
    filterset_class = MonitoringReportFilter
    select_related = ("partnership", "award__bid__applicant")
    ordering = ["award", "due_on", "id"]

    @action(detail=True, methods=["post"])
    def submit(self, request, *args, **kwargs) -> Response:
        report = self.get_object()
        if not bids.acts_for(applicant=report.award.bid.applicant, by=request.user):
            raise PermissionDenied(
                "Only the grantee's own contributors and the funding officer send its reports."
            )
        given = ReportSubmitSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        expected_version = data.pop("version")
        try:
            with _errors_for_people(), transaction.atomic():
                report = monitoring.report_submit(
                    report=report,
                    on=datetime.date.today(),
                    by=request.user,
                    expected_version=expected_version,
                    **data,
                )
        except StaleEditError as error:
            raise self.stale(report, expected_version) from error
        return self.read_back(report)


class VariationSerializer(ReadOnlyTenantSerializer):
    class Meta:
        model = Variation
        fields = [
            "id",
            "partnership",
            "award",
            "kind",
            "description",
            "new_ends_on",
            "requested_on",
            "status",
            "decided_on",
            "decision_note",
            "resolution",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class VariationFilter(TenantFilterSet):
    award = IdFilter(field_name="award", label="Award id")
    kind = django_filters.ChoiceFilter(choices=VariationKind.choices)
    status = django_filters.ChoiceFilter(choices=VariationStatus.choices)

    class Meta:
        model = Variation
        fields = ["partnership", "award", "kind", "status"]


@_read_only_documented(VariationSerializer, "change and extension requests you may see")
class VariationViewSet(AwardRecordViewSet):
    queryset = Variation.objects.all()
    serializer_class = VariationSerializer
    filterset_class = VariationFilter
    ordering = ["award", "requested_on", "id"]
