"""The performance framework in the Django admin, for support staff.

Values are returned through the returns pages, uploads or data sources, and colours set
by hand on the indicator's page (which asks for the reason), so here they are read-only.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.performance.models import (
    Comparator,
    Indicator,
    IndicatorValue,
    QuarterlySheet,
    ReturnReminder,
)


class ComparatorInline(admin.TabularInline):
    model = Comparator
    fields = ["name", "period_start", "period_end", "value", "rank", "rank_of"]
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "frequency", "lifecycle", "value_source"]
    list_filter = ["partnership", "frequency", "lifecycle", "unit"]
    search_fields = ["code", "name"]
    raw_id_fields = ["priority", "lead_organisation", "lead_person"]
    inlines = [ComparatorInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "period_start", "value", "source", "rag_override"]
    list_filter = ["partnership", "source", "rag_override"]
    search_fields = ["indicator__code", "indicator__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReturnReminder)
class ReturnReminderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partnership", "sent_on", "email"]
    list_filter = ["partnership", "sent_on"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(QuarterlySheet)
class QuarterlySheetAdmin(SimpleHistoryAdmin):
    """The words of the quarterly sheets; written on the sheet's own page."""

    list_display = ["__str__", "partnership", "period_start"]
    list_filter = ["partnership", "period_start"]
    raw_id_fields = ["priority"]
