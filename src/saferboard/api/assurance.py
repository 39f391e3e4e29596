"""API for partner assurance, read-only, scoped like the pages (assurance.selectors).

- Frameworks, with their rating scales and levels, and their sections of standards with
  each standard's suggested actions: everyone in the partnership reads them.
- Returns: a contributor sees only their organisations' returns; everyone else in the
  partnership sees all (404 otherwise).
- Submissions: those of the returns the caller may see, each with its frozen ratings (and
  any challenges and responses), the actions it generated and the address of its PDF report.

Answers are completed and submitted on the pages (the return's sections, check your answers,
submit), so the whole return is checked at once; the API does not write.
"""

import django_filters
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from saferboard.api.filters import IdFilter, TenantFilterSet
from saferboard.api.meetings import ReadOnlyTenantSerializer, _read_only_documented
from saferboard.api.visible import VisibleViewSet
from saferboard.assurance import selectors
from saferboard.assurance.models import (
    AssuranceReturn,
    Challenge,
    Framework,
    FrameworkStatus,
    GeneratedAction,
    RatingLevel,
    RatingScale,
    ReturnStatus,
    Section,
    Standard,
    Submission,
    SubmittedRating,
    SuggestedAction,
)

# --- frameworks ----------------------------------------------------------------------------


class RatingLevelSerializer(serializers.ModelSerializer):
    class Meta:
        model = RatingLevel
        fields = ["id", "code", "label", "order", "score", "meets_standard", "not_applicable"]


class RatingScaleSerializer(serializers.ModelSerializer):
    levels = RatingLevelSerializer(many=True, read_only=True)

    class Meta:
        model = RatingScale
        fields = ["id", "name", "levels"]


class SuggestedActionSerializer(serializers.ModelSerializer):
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SuggestedAction
        fields = ["level", "text", "due_in_days"]


class StandardSerializer(serializers.ModelSerializer):
    suggested_actions = SuggestedActionSerializer(many=True, read_only=True)

    class Meta:
        model = Standard
        fields = [
            "id",
            "number",
            "title",
            "guidance",
            "scale",
            "evidence_required",
            "order",
            "suggested_actions",
        ]


class SectionSerializer(serializers.ModelSerializer):
    standards = StandardSerializer(many=True, read_only=True)

    class Meta:
        model = Section
        fields = ["id", "number", "title", "introduction", "order", "standards"]


class FrameworkSerializer(ReadOnlyTenantSerializer):
    owner_body = serializers.PrimaryKeyRelatedField(read_only=True)
    scales = RatingScaleSerializer(many=True, read_only=True)
    sections = SectionSerializer(many=True, read_only=True)
    variants = serializers.SerializerMethodField(
        help_text="Shorter forms of the framework: each a name and the ids of its standards."
    )

    class Meta:
        model = Framework
        fields = [
            "id",
            "partnership",
            "name",
            "version_label",
            "period_start",
            "period_end",
            "owner_body",
            "description",
            "status",
            "copied_from",
            "scales",
            "sections",
            "variants",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_variants(self, framework) -> list[dict]:
        return [
            {
                "id": variant.pk,
                "name": variant.name,
                "standards": sorted(s.pk for s in variant.standards.all()),
            }
            for variant in framework.variants.all()
        ]


class FrameworkFilter(TenantFilterSet):
    status = django_filters.ChoiceFilter(choices=FrameworkStatus.choices)

    class Meta:
        model = Framework
        fields = ["partnership", "status"]


@_read_only_documented(FrameworkSerializer, "assurance frameworks")
class FrameworkViewSet(VisibleViewSet):
    """Assurance frameworks with their scales, sections, standards and suggested actions."""

    queryset = Framework.objects.all()
    serializer_class = FrameworkSerializer
    filterset_class = FrameworkFilter
    select_related = ("partnership",)
    prefetch_related = (
        "scales__levels",
        Prefetch(
            "sections",
            queryset=Section.objects.order_by("order", "pk").prefetch_related(
                Prefetch(
                    "standards",
                    queryset=Standard.objects.order_by("order", "pk").prefetch_related(
                        Prefetch(
                            "suggested_actions",
                            queryset=SuggestedAction.objects.select_related("level"),
                        )
                    ),
                )
            ),
        ),
        "variants__standards",
    )
    ordering = ["name", "-period_start", "id"]
    search_fields = ["name", "version_label"]

    def visible(self, *, partnership, user, roles, on) -> QuerySet:
        return selectors.framework_list(partnership=partnership)


# --- returns -------------------------------------------------------------------------------


class AssuranceReturnSerializer(ReadOnlyTenantSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    submissions = serializers.SerializerMethodField(
        help_text="Ids of the return's submissions, latest first."
    )

    class Meta:
        model = AssuranceReturn
        fields = [
            "id",
            "partnership",
            "framework",
            "organisation",
            "organisation_name",
            "variant",
            "due_date",
            "status",
            "submissions",
            "version",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_submissions(self, assurance_return) -> list[int]:
        return [s.pk for s in assurance_return.submissions.all()]


class AssuranceReturnFilter(TenantFilterSet):
    framework = IdFilter(field_name="framework")
    organisation = IdFilter(field_name="organisation")
    status = django_filters.ChoiceFilter(choices=ReturnStatus.choices)

    class Meta:
        model = AssuranceReturn
        fields = ["partnership", "framework", "organisation", "status"]


@_read_only_documented(AssuranceReturnSerializer, "assurance returns")
class AssuranceReturnViewSet(VisibleViewSet):
    """Returns you may see: contributors see only their organisations'."""

    queryset = AssuranceReturn.objects.all()
    serializer_class = AssuranceReturnSerializer
    filterset_class = AssuranceReturnFilter
    select_related = ("partnership", "organisation")
    prefetch_related = (Prefetch("submissions", queryset=Submission.objects.order_by("-number")),)
    ordering = ["framework", "organisation__name", "id"]
    search_fields = ["organisation__name"]

    def visible(self, *, partnership, user, roles, on) -> QuerySet:
        return selectors.return_list(partnership=partnership, user=user, roles=roles, on=on)


# --- submissions ---------------------------------------------------------------------------


class ChallengeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Challenge
        fields = ["id", "kind", "note", "response", "responded_at", "created_at"]


class SubmittedRatingSerializer(serializers.ModelSerializer):
    standard_number = serializers.CharField(source="standard.number", read_only=True)
    level = serializers.SlugRelatedField(slug_field="code", read_only=True)
    level_label = serializers.CharField(source="level.label", read_only=True, default=None)
    challenges = ChallengeSerializer(many=True, read_only=True)

    class Meta:
        model = SubmittedRating
        fields = [
            "id",
            "standard",
            "standard_number",
            "level",
            "level_label",
            "comment",
            "evidence_link",
            "evidence_titles",
            "challenges",
        ]


class GeneratedActionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="action.reference", read_only=True)
    due_date = serializers.DateField(source="action.due_date", read_only=True)
    status = serializers.CharField(source="action.status", read_only=True)

    class Meta:
        model = GeneratedAction
        fields = ["action", "standard", "reference", "due_date", "status"]


class SubmissionSerializer(ReadOnlyTenantSerializer):
    ratings = SubmittedRatingSerializer(many=True, read_only=True)
    generated_actions = GeneratedActionSerializer(many=True, read_only=True)
    report = serializers.SerializerMethodField(help_text="Address of the PDF report.")

    class Meta:
        model = Submission
        fields = [
            "id",
            "partnership",
            "assurance_return",
            "number",
            "submitted_by",
            "submitted_at",
            "report",
            "ratings",
            "generated_actions",
            "created_at",
        ]

    @extend_schema_field(OpenApiTypes.URI)
    def get_report(self, submission) -> str:
        path = reverse(
            "assurance:submission-pdf",
            kwargs={"partnership": submission.partnership.slug, "pk": submission.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class SubmissionFilter(TenantFilterSet):
    assurance_return = IdFilter(field_name="assurance_return")
    framework = IdFilter(field_name="assurance_return__framework")
    organisation = IdFilter(field_name="assurance_return__organisation")

    class Meta:
        model = Submission
        fields = ["partnership", "assurance_return", "framework", "organisation"]


@_read_only_documented(SubmissionSerializer, "assurance submissions")
class SubmissionViewSet(VisibleViewSet):
    """Submissions of the returns you may see, with their frozen ratings and actions."""

    queryset = Submission.objects.all()
    serializer_class = SubmissionSerializer
    filterset_class = SubmissionFilter
    select_related = ("partnership",)
    prefetch_related = (
        Prefetch(
            "ratings",
            queryset=SubmittedRating.objects.select_related("standard", "level").prefetch_related(
                "challenges"
            ),
        ),
        Prefetch("generated_actions", queryset=GeneratedAction.objects.select_related("action")),
    )
    ordering = ["assurance_return", "-number", "id"]

    def visible(self, *, partnership, user, roles, on) -> QuerySet:
        return selectors.submission_list(partnership=partnership, user=user, roles=roles, on=on)
