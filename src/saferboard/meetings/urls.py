"""Meeting routes, under /p/<partnership>/meetings/.

Each area of a meeting keeps its routes beside its views and is added here.
"""

from django.urls import path

from saferboard.meetings import (
    agenda_views,
    minutes_views,
    pack_views,
    participation_views,
    views,
)

app_name = "meetings"

urlpatterns = [
    path("", views.MeetingList.as_view(), name="meeting-list"),
    path("add/", views.MeetingForm.as_view(), name="meeting-add"),
    path("<int:pk>/", views.MeetingDetail.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", views.MeetingForm.as_view(), name="meeting-edit"),
    path("<int:pk>/status/", views.MeetingTransition.as_view(), name="meeting-transition"),
    path("<int:pk>/attendance/", views.MeetingAttendance.as_view(), name="meeting-attendance"),
    path("bodies/<int:pk>/calendar/", views.BodyCalendar.as_view(), name="body-calendar"),
    *agenda_views.urlpatterns,
    *pack_views.urlpatterns,
    *participation_views.urlpatterns,
    *minutes_views.urlpatterns,
]
