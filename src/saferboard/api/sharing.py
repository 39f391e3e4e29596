"""API for information sharing, scoped to the caller's partnerships.

The register: sharing agreements (each with its parties, read-only here: parties join
through the agreement's page, where each joining step is recorded) and the data-set
catalogue. Everyone with a role in a partnership reads them; its managers and
information-governance users (sharing.selectors.REGISTER_EDITORS) add and change them through
sharing.register, with the version check (a stale version is refused with 409 and nothing is
saved). An agreement's status is read-only here: approving has rules (dates, superseding the
old version) that live on the agreement's page.

Requests and disclosures are a separate section below, added with their own rules (only the
parties' SPOCs and information governance; never subject details in list responses).
"""

import django_filters
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.serializers import EditablePartnershipField, TenantSerializer
from saferboard.api.views import Conflict, RegistryViewSet, _documented, _errors_for_people
from saferboard.core.errors import StaleEditError
from saferboard.core.models import Partnership, PartnershipRole
from saferboard.core.selectors import partnership_list_for_user, user_roles_in
from saferboard.sharing import register
from saferboard.sharing import selectors as sharing_selectors
from saferboard.sharing.models import (
    AgreementKind,
    AgreementStatus,
    DataClass,
    DataSet,
    DisclosureRequest,
    LegalBasis,
    Party,
    RequestStatus,
    SharingAgreement,
)
from saferboard.sharing.selectors import REGISTER_EDITORS

_TIMESTAMPS = ["version", "created_at", "updated_at"]

# --- permissions and shared pieces ---------------------------------------------------------


class IsRegisterEditorOrReadOnly(BasePermission):
    message = (
        "Your role in this partnership does not allow changes to the information sharing "
        "register. Ask the community safety manager or an information governance user."
    )

    def has_permission(self, request, view) -> bool:
        if request.method != "POST":
            return True
        # Adding: which partnership is checked with the data; here, whether any could be.
        return PartnershipRole.objects.filter(user=request.user, role__in=REGISTER_EDITORS).exists()

    def has_object_permission(self, request, view, obj) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(
            user_roles_in(user=request.user, partnership=obj.partnership) & REGISTER_EDITORS
        )


class RegisterPartnershipField(EditablePartnershipField):
    """A partnership where the caller keeps the register."""

    default_error_messages = {
        "does_not_exist": "You cannot add to the information sharing register of “{value}”: "
        "it does not exist or you are not its manager or an information governance user.",
        "invalid": "Give the partnership's slug as text, for example haringey.",
    }

    def get_queryset(self) -> QuerySet[Partnership]:
        user = self.context.get("request").user
        if not user.is_authenticated:
            return Partnership.objects.none()
        return Partnership.objects.filter(
            roles__user=user, roles__role__in=REGISTER_EDITORS
        ).distinct()


def _stale(record, sent: int) -> Conflict:
    current = type(record).objects.filter(pk=record.pk).values_list("version", flat=True).first()
    return Conflict(
        f"This {record._meta.verbose_name} was changed by someone else after you read it: it "
        f"is now at version {current}, and your copy was version {sent}. Nothing was saved. "
        "Read it again (GET), then send your changes with its current version."
    )


class RegisterSerializer(TenantSerializer):
    partnership = RegisterPartnershipField()

    def validate(self, attrs: dict) -> dict:
        attrs = super().validate(attrs)
        if self.instance is not None and "version" not in attrs:
            noun = self.Meta.model._meta.verbose_name
            raise serializers.ValidationError(
                {"version": [f"Send the version of the {noun} you last read (GET it first)."]}
            )
        return attrs


class RegisterViewSet(RegistryViewSet):
    """Reads for the partnership's users; writes for register editors through `create` and
    `update` (sharing.register services) with the version check."""

    permission_classes = [IsAuthenticated, IsRegisterEditorOrReadOnly]

    def create_record(self, *, partnership, data: dict):
        raise NotImplementedError

    def update_record(self, *, record, expected_version: int, data: dict):
        raise NotImplementedError

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("version", None)
        with _errors_for_people(), transaction.atomic():
            record = self.create_record(partnership=data.pop("partnership"), data=data)
        serializer.instance = self.get_queryset().get(pk=record.pk)

    def perform_update(self, serializer) -> None:
        data = dict(serializer.validated_data)
        data.pop("partnership", None)  # validated as unchanged
        expected_version = data.pop("version")
        record = serializer.instance
        try:
            with _errors_for_people(), transaction.atomic():
                self.update_record(record=record, expected_version=expected_version, data=data)
        except StaleEditError as error:
            raise _stale(record, expected_version) from error
        serializer.instance = self.get_queryset().get(pk=record.pk)


# --- the register: agreements and their parties ---------------------------------------------


class AgreementFilter(TenantFilterSet):
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices)
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)
    parent = IdFilter(field_name="parent", label="Id of the overarching agreement")

    class Meta:
        model = SharingAgreement
        fields = ["partnership", "kind", "status", "parent"]


class PartySerializer(serializers.ModelSerializer):
    """A party as the agreement lists it; contacts are registry people's ids."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    is_signed = serializers.SerializerMethodField(
        help_text="Signed: only signed parties can be chosen in requests."
    )

    class Meta:
        model = Party
        fields = [
            "id",
            "organisation",
            "organisation_name",
            "status",
            "is_signed",
            "principal_signatory_role",
            "signatory",
            "signed_on",
            "spoc",
            "deputy_spoc",
            "liaison_officer",
            "caldicott_guardian",
            "legal_contact",
        ]
        read_only_fields = fields

    def get_is_signed(self, party: Party) -> bool:
        return party.status == "signed"


class SharingAgreementSerializer(RegisterSerializer):
    legal_bases = serializers.ListField(
        child=serializers.ChoiceField(choices=LegalBasis.choices),
        allow_empty=False,
        help_text="LegalBasis values, for example cda_s115.",
    )
    parties = PartySerializer(many=True, read_only=True)
    has_document = serializers.SerializerMethodField(
        help_text="Whether the agreement's document (PDF or Word) has been uploaded."
    )

    class Meta(RegisterSerializer.Meta):
        model = SharingAgreement
        fields = [
            "id",
            "partnership",
            "title",
            "kind",
            "parent",
            "subject",
            "version_label",
            "status",
            "author",
            "contributors",
            "purposes",
            "legal_bases",
            "circulation",
            "effective_on",
            "review_on",
            "review_owner",
            "approval_meeting",
            "approval_resolution",
            "has_document",
            "parties",
            *_TIMESTAMPS,
        ]
        read_only_fields = [*RegisterSerializer.Meta.read_only_fields, "status"]

    def get_has_document(self, agreement: SharingAgreement) -> bool:
        return bool(agreement.document)


@_documented(SharingAgreementSerializer, "sharing agreements")
class SharingAgreementViewSet(RegisterViewSet):
    """Information sharing agreements with their parties. New agreements start as drafts;
    there is no delete."""

    queryset = SharingAgreement.objects.all()
    serializer_class = SharingAgreementSerializer
    filterset_class = AgreementFilter
    prefetch_related = (Prefetch("parties", queryset=Party.objects.select_related("organisation")),)
    ordering_fields = ["title", "review_on", "created_at", "updated_at"]
    ordering = ["kind", "title", "id"]
    search_fields = ["title", "subject"]

    def create_record(self, *, partnership, data):
        return register.agreement_create(partnership=partnership, by=self.request.user, **data)

    def update_record(self, *, record, expected_version, data):
        return register.agreement_update(
            agreement=record, by=self.request.user, expected_version=expected_version, **data
        )


# --- the data-set catalogue ----------------------------------------------------------------


class DataSetFilter(TenantFilterSet):
    organisation = IdFilter(field_name="organisation", label="Organisation id")
    data_class = django_filters.ChoiceFilter(choices=DataClass.choices)

    class Meta:
        model = DataSet
        fields = ["partnership", "organisation", "data_class"]


class DataSetSerializer(RegisterSerializer):
    class Meta(RegisterSerializer.Meta):
        model = DataSet
        fields = [
            "id",
            "partnership",
            "organisation",
            "agreement",
            "title",
            "description",
            "data_class",
            "owner",
            "format",
            "frequency",
            *_TIMESTAMPS,
        ]


@_documented(DataSetSerializer, "data sets")
class DataSetViewSet(RegisterViewSet):
    """The data-set catalogue: what each organisation can share, by class."""

    queryset = DataSet.objects.all()
    serializer_class = DataSetSerializer
    filterset_class = DataSetFilter
    select_related = ("partnership", "organisation")
    ordering_fields = ["title", "data_class", "created_at", "updated_at"]
    ordering = ["organisation__name", "title", "id"]
    search_fields = ["title", "description", "owner"]

    def create_record(self, *, partnership, data):
        return register.data_set_create(partnership=partnership, by=self.request.user, **data)

    def update_record(self, *, record, expected_version, data):
        return register.data_set_update(
            data_set=record, by=self.request.user, expected_version=expected_version, **data
        )


# --- requests and disclosures --------------------------------------------------------------
# (Added by the requests work: its own viewsets and rules; nothing above is shared with it
# except the permission pattern and `_stale`.)
#
# Read-only, and only for the people who may see a request (sharing.selectors.request_list:
# the SPOCs and deputy SPOCs of its two parties and information governance users), who have
# also verified their session with their authenticator app (sharing.selectors
# .needs_second_factor): a signed-in browser session that did so reads them; an API token
# alone does not, as a token carries no second factor. Never subject details: not in the
# list, not in one request (they are decrypted only on the request's personal-details page,
# which logs the read). Writes stay on the pages, whose services hold the rules.


class DisclosureRequestFilter(TenantFilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices)

    class Meta:
        model = DisclosureRequest
        fields = ["partnership", "status"]


class DisclosureRequestSerializer(serializers.ModelSerializer):
    partnership = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requesting_organisation = serializers.CharField(
        source="requesting_party.organisation.name", read_only=True
    )
    disclosing_organisation = serializers.CharField(
        source="disclosing_party.organisation.name", read_only=True
    )

    class Meta:
        model = DisclosureRequest
        fields = [
            "id",
            "partnership",
            "reference",
            "agreement",
            "requesting_party",
            "requesting_organisation",
            "disclosing_party",
            "disclosing_organisation",
            "status",
            "submitted_at",
            "needed_by",
            "received_on",
            "disclosure_agreed",
            "supplied_on",
            "destroy_on",
            "personal_details_destroyed_at",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


@extend_schema_view(
    list=extend_schema(summary="List the requests for information you are a party to"),
    retrieve=extend_schema(summary="Read one request for information (no personal details)"),
)
class DisclosureRequestViewSet(viewsets.ReadOnlyModelViewSet):
    """Requests visible to the caller, partnership by partnership; queries grow with the
    caller's partnerships, not with the data."""

    queryset = DisclosureRequest.objects.all()
    serializer_class = DisclosureRequestSerializer
    filterset_class = DisclosureRequestFilter
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[DisclosureRequest]:
        user = self.request.user
        visible = Q(pk__in=[])
        for partnership in partnership_list_for_user(user=user):
            roles = user_roles_in(user=user, partnership=partnership)
            if sharing_selectors.needs_second_factor(
                partnership=partnership, user=user, roles=roles
            ):
                continue
            shown = sharing_selectors.request_list(partnership=partnership, user=user, roles=roles)
            visible |= Q(pk__in=shown.values("pk"))
        return (
            super()
            .get_queryset()
            .filter(visible)
            .select_related(
                "partnership",
                "requesting_party__organisation",
                "disclosing_party__organisation",
            )
            .order_by("-created_at", "pk")
        )
