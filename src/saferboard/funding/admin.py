"""Funding in the Django admin, for support staff.

Money moves only through funding/ledger.py, so ledger entries are shown read-only here (no
add, change or delete: the ledger is append-only, a mistake is put right by another entry).
Reminders sent are records of what happened and are read-only too. The rest can be looked
at and, in an emergency, put right; the pages and their services are the normal way.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.funding.models import (
    Applicant,
    Assessment,
    Award,
    Bid,
    BidDocument,
    Criterion,
    Decision,
    EligibilityCheck,
    EligibilityRule,
    Fund,
    FundingReminder,
    LedgerEntry,
    Milestone,
    MonitoringReport,
    Score,
    StageChange,
    Tranche,
    Variation,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and shown, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class EligibilityRuleInline(admin.TabularInline):
    model = EligibilityRule
    fields = ["kind", "position", "wording"]
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "title", "weight", "maximum_score"]
    extra = 0


@admin.register(Fund)
class FundAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "source", "financial_year", "status"]
    list_filter = ["partnership", "source", "status"]
    search_fields = ["name", "reference_prefix"]
    filter_horizontal = ["assessors"]
    raw_id_fields = ["deciding_body"]
    inlines = [EligibilityRuleInline, CriterionInline]


@admin.register(Applicant)
class ApplicantAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "legal_form", "charity_number", "company_number"]
    list_filter = ["partnership", "legal_form"]
    search_fields = ["name", "charity_number", "company_number"]
    raw_id_fields = ["organisation"]
    filter_horizontal = ["users"]


class StageChangeInline(admin.TabularInline):
    model = StageChange
    fields = ["on", "from_stage", "to_stage", "by", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Bid)
class BidAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "project_title", "partnership", "applicant", "stage"]
    list_filter = ["partnership", "stage", "fund"]
    search_fields = ["reference", "project_title", "applicant__name"]
    raw_id_fields = ["fund", "applicant", "created_by"]
    readonly_fields = ["stage"]  # stages change through funding.stages only
    inlines = [StageChangeInline]


@admin.register(BidDocument)
class BidDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "partnership", "bid", "kind", "file_name", "size"]
    list_filter = ["partnership", "kind"]
    raw_id_fields = ["bid", "uploaded_by"]


@admin.register(EligibilityCheck)
class EligibilityCheckAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "result", "checked_on"]
    list_filter = ["partnership", "result"]
    raw_id_fields = ["bid", "rule", "checked_by"]


class ScoreInline(admin.TabularInline):
    model = Score
    fields = ["criterion", "score", "comment"]
    raw_id_fields = ["criterion"]
    extra = 0


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "conflict_of_interest", "recommendation"]
    list_filter = ["partnership", "conflict_of_interest", "recommendation"]
    raw_id_fields = ["bid", "assessor"]
    inlines = [ScoreInline]


@admin.register(Decision)
class DecisionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "outcome", "decided_on"]
    list_filter = ["partnership", "outcome"]
    raw_id_fields = ["bid", "meeting", "item", "resolution", "recorded_by"]


class TrancheInline(admin.TabularInline):
    model = Tranche
    fields = ["number", "amount", "due_on", "condition", "status", "released_on"]
    readonly_fields = ["amount", "status", "released_on"]  # money moves through the ledger
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "fund", "starts_on", "ends_on", "status"]
    list_filter = ["partnership", "status", "fund"]
    raw_id_fields = ["decision", "bid", "fund"]
    readonly_fields = ["total"]  # committed in the ledger
    inlines = [TrancheInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["on", "fund", "kind", "amount", "award", "note", "partnership"]
    list_filter = ["partnership", "kind", "fund"]
    search_fields = ["note"]
    date_hierarchy = "on"


@admin.register(Milestone)
class MilestoneAdmin(SimpleHistoryAdmin):
    list_display = ["title", "partnership", "award", "due_on", "status"]
    list_filter = ["partnership", "status"]
    search_fields = ["title", "target"]
    raw_id_fields = ["award"]


@admin.register(MonitoringReport)
class MonitoringReportAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "award", "kind", "due_on", "status"]
    list_filter = ["partnership", "kind", "status"]
    raw_id_fields = ["award", "submitted_by"]


@admin.register(Variation)
class VariationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "award", "kind", "requested_on", "status"]
    list_filter = ["partnership", "kind", "status"]
    raw_id_fields = ["award", "requested_by", "decided_by", "resolution"]


@admin.register(FundingReminder)
class FundingReminderAdmin(ReadOnlyAdmin):
    list_display = ["subject", "email", "sent_on", "partnership"]
    list_filter = ["partnership", "sent_on"]
    search_fields = ["email", "subject"]
