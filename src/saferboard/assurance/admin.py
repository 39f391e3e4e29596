"""Partner assurance in the Django admin, for support staff.

Submissions, their frozen ratings, the actions they generated and the reminders sent are
records of what happened: read-only here. Frameworks and returns can be looked at and, in an
emergency, put right; the pages and their services are the normal way.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.assurance.models import (
    Answer,
    AssuranceReminder,
    AssuranceReturn,
    Challenge,
    Evidence,
    Framework,
    GeneratedAction,
    RatingLevel,
    RatingScale,
    Section,
    Standard,
    Submission,
    SubmittedRating,
    SuggestedAction,
    Variant,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class SectionInline(admin.TabularInline):
    model = Section
    fields = ["order", "number", "title"]
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(SimpleHistoryAdmin):
    list_display = ["name", "version_label", "partnership", "status", "period_start"]
    list_filter = ["partnership", "status"]
    search_fields = ["name", "version_label"]
    raw_id_fields = ["owner_body", "copied_from"]
    inlines = [SectionInline]


class RatingLevelInline(admin.TabularInline):
    model = RatingLevel
    fields = ["order", "code", "label", "score", "meets_standard", "not_applicable"]
    extra = 0


@admin.register(RatingScale)
class RatingScaleAdmin(SimpleHistoryAdmin):
    list_display = ["name", "framework", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["framework"]
    inlines = [RatingLevelInline]


class SuggestedActionInline(admin.TabularInline):
    model = SuggestedAction
    fields = ["level", "text", "due_in_days"]
    raw_id_fields = ["level"]
    extra = 0


@admin.register(Standard)
class StandardAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "section", "evidence_required", "partnership"]
    list_filter = ["partnership", "evidence_required"]
    search_fields = ["number", "title"]
    raw_id_fields = ["section", "scale"]
    inlines = [SuggestedActionInline]


@admin.register(Variant)
class VariantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "framework", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["framework"]
    filter_horizontal = ["standards"]


@admin.register(AssuranceReturn)
class AssuranceReturnAdmin(SimpleHistoryAdmin):
    list_display = ["organisation", "framework", "partnership", "status", "due_date"]
    list_filter = ["partnership", "status"]
    search_fields = ["organisation__name", "framework__name"]
    raw_id_fields = ["framework", "organisation", "variant", "invited_by"]


@admin.register(Answer)
class AnswerAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "assurance_return", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["assurance_return", "standard", "level"]


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ["title", "original_name", "answer", "partnership"]
    list_filter = ["partnership"]
    raw_id_fields = ["answer", "uploaded_by"]


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "partnership", "number", "submitted_at"]
    list_filter = ["partnership"]


@admin.register(SubmittedRating)
class SubmittedRatingAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "submission", "partnership"]
    list_filter = ["partnership"]


@admin.register(GeneratedAction)
class GeneratedActionAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "submission", "partnership"]
    list_filter = ["partnership"]


@admin.register(Challenge)
class ChallengeAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "kind", "partnership", "responded_at"]
    list_filter = ["partnership", "kind"]
    raw_id_fields = ["rating", "raised_by", "responded_by"]


@admin.register(AssuranceReminder)
class AssuranceReminderAdmin(ReadOnlyAdmin):
    list_display = ["subject", "email", "sent_on", "partnership"]
    list_filter = ["partnership", "sent_on"]
