"""Meetings in the Django admin, for support staff."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from saferboard.meetings.models import Attendance, Meeting


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "partnership", "date", "status"]
    list_filter = ["partnership", "status"]


@admin.register(Attendance)
class AttendanceAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "meeting", "status"]
