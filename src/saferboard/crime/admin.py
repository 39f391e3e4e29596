"""Crime data in the Django admin, for support staff. Areas can be edited here (their LSOAs
as stored); imports and loaded months are read-only: records change only by importing."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.crime.models import Area, CrimeImport, LoadedMonth, SubArea


class SubAreaInline(admin.TabularInline):
    model = SubArea
    fields = ["name", "slug", "lsoa_codes"]
    extra = 0


@admin.register(Area)
class AreaAdmin(SimpleHistoryAdmin):
    list_display = ["name", "partnership", "slug"]
    list_filter = ["partnership"]
    search_fields = ["name", "slug"]
    inlines = [SubAreaInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CrimeImport)
class CrimeImportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "by", "partnership", "rows_stored", "rows_replaced"]
    list_filter = ["partnership"]


@admin.register(LoadedMonth)
class LoadedMonthAdmin(ReadOnlyAdmin):
    list_display = ["force", "month", "rows", "file_name", "crime_import"]
    list_filter = ["force"]
