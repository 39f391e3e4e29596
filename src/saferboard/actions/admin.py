"""The action log in the Django admin, for support staff.

Owners' updates and reminders are records of what happened, so they are shown
read-only: updates are added on the action's page or through the API, reminders by
`saferboard remind`.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.actions.models import Action, ActionOwner, ActionReminder, ActionUpdate


class ActionOwnerInline(admin.TabularInline):
    model = ActionOwner
    fields = ["person", "post", "organisation", "body"]
    raw_id_fields = ["person", "post", "organisation", "body"]
    extra = 0


class ActionUpdateInline(admin.TabularInline):
    model = ActionUpdate
    fields = ["on", "status", "note", "author"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "status", "due_date", "by_next_meeting"]
    list_filter = ["partnership", "status", "by_next_meeting"]
    search_fields = ["text", "reference"]
    raw_id_fields = ["meeting", "agenda_item", "resolution"]
    inlines = [ActionOwnerInline, ActionUpdateInline]


@admin.register(ActionReminder)
class ActionReminderAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partnership", "kind", "sent_on", "email"]
    list_filter = ["partnership", "kind", "sent_on"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
