"""API for funding, scoped to the caller's partnerships like the other endpoints.

- Funds: everyone in a partnership reads its funds, with their money from the ledger (cash
  held, committed, available to award); funding officers (managers) add and change them
  through funding.funds, so the same rules and version check apply as on the pages.
- Ledger entries: read-only. Money moves only through funding.ledger's services (the fund
  and decision pages); every figure is derived from these entries.

- Bids, decisions and awards: read-only, through funding.selectors (a contributor sees only
  their own organisation's bids; 404 otherwise). Monitoring endpoints belong in that section
  too, reading through award_list.
"""

import datetime

import django_filters
from django.db import transaction
from django.db.models import Q, QuerySet
from rest_framework import mixins, serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.meetings import (
    MeetingRecordViewSet,
    ReadOnlyTenantSerializer,
    _read_only_documented,
)
from saferboard.api.serializers import TenantSerializer
from saferboard.api.views import Conflict, _documented, _errors_for_people
from saferboard.core.errors import StaleEditError
from saferboard.core.models import Partnership
from saferboard.core.selectors import partnership_list_for_user, user_roles_in
from saferboard.funding import funds, ledger, selectors
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
    Outcome,
    Stage,
)
from saferboard.funding.selectors import FUNDING_OFFICERS

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


# --- bids, decisions, awards (read-only) ----------------------------------------------------
# Read through funding.selectors.bid_list / award_list with the caller's roles in each
# partnership (not a plain partnership filter): a contributor sees only their own
# organisation's bids and awards, others see decided bids, managers and assessors see all.
# Writes (submitting, moving stages, deciding) stay on the pages, whose services hold the rules.


class VisibleFundingViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only resource limited, partnership by partnership, to what funding.selectors
    lets the caller see. Queries grow with the caller's partnerships, not with the data."""

    permission_classes = [IsAuthenticated]
    select_related: tuple[str, ...] = ("partnership",)

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
        return super().get_queryset().filter(visible).select_related(*self.select_related)


class BidFilter(TenantFilterSet):
    fund = IdFilter(field_name="fund", label="Fund id")
    applicant = IdFilter(field_name="applicant", label="Applicant id")
    stage = django_filters.ChoiceFilter(choices=Stage.choices)

    class Meta:
        model = Bid
        fields = ["partnership", "fund", "applicant", "stage"]


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
            "stage",
            "stage_changed_on",
            "submitted_at",
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class DecisionSerializer(ReadOnlyTenantSerializer):
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
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class AwardSerializer(ReadOnlyTenantSerializer):
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
            *_TIMESTAMPS,
        ]
        read_only_fields = fields


class AwardFilter(TenantFilterSet):
    fund = IdFilter(field_name="fund", label="Fund id")
    status = django_filters.ChoiceFilter(choices=AwardStatus.choices)

    class Meta:
        model = Award
        fields = ["partnership", "fund", "status"]


class DecisionFilter(TenantFilterSet):
    outcome = django_filters.ChoiceFilter(choices=Outcome.choices)

    class Meta:
        model = Decision
        fields = ["partnership", "outcome"]


@_read_only_documented(BidSerializer, "bids you may see")
class BidViewSet(VisibleFundingViewSet):
    queryset = Bid.objects.all()
    serializer_class = BidSerializer
    filterset_class = BidFilter
    select_related = ("partnership", "applicant")
    ordering = ["fund", "reference", "id"]
    search_fields = ["reference", "project_title", "applicant__name"]

    def visible(self, **kwargs) -> QuerySet:
        return selectors.bid_list(**kwargs)


@_read_only_documented(DecisionSerializer, "decisions on bids you may see")
class DecisionViewSet(VisibleFundingViewSet):
    queryset = Decision.objects.all()
    serializer_class = DecisionSerializer
    filterset_class = DecisionFilter
    ordering = ["-decided_on", "id"]

    def visible(self, **kwargs) -> QuerySet:
        bids = selectors.bid_list(**kwargs)
        return Decision.objects.filter(bid__in=bids.values("pk"))


@_read_only_documented(AwardSerializer, "awards you may see")
class AwardViewSet(VisibleFundingViewSet):
    queryset = Award.objects.all()
    serializer_class = AwardSerializer
    filterset_class = AwardFilter
    ordering = ["fund", "starts_on", "id"]

    def visible(self, **kwargs) -> QuerySet:
        return selectors.award_list(**kwargs)
