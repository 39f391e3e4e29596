"""Meeting pages: thin declarations over core.crud, plus transitions, attendance and calendars."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings import forms, participation, selectors, services
from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.meetings.pages import meeting_tabs
from saferboard.registry.models import Body
from saferboard.registry.selectors import body_list


class MeetingMixin:
    model = Meeting
    url_prefix = "meetings:meeting"
    list_selector = selectors.meeting_list
    editor_roles = MEETING_EDITORS


class MeetingList(MeetingMixin, crud.RecordListView):
    columns = [
        ("Meeting", "__str__"),
        ("Date", "date"),
        ("Starts", "start_label"),
        ("Bodies", "body_names"),
        ("Status", "get_status_display"),
    ]
    search_fields = ["title", "venue", "bodies__name"]

    def queryset(self):
        # Searching by body name joins the bodies, so a meeting could appear twice.
        return super().queryset().distinct()


class MeetingDetail(MeetingMixin, crud.RecordDetailView):
    template_name = "meetings/meeting_detail.html"
    fields = [
        ("Bodies", "body_names"),
        ("Date", "date_label"),
        ("Start time", "start_label"),
        ("Expected end time", "end_label"),
        ("Venue", "venue"),
        ("Virtual link", "virtual_link"),
        ("Webcast link", "webcast_link"),
        ("Clerk", "clerk"),
        ("Chair", "chair"),
        ("Status", "get_status_display"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = context["object"]
        context.update(
            transitions=[
                (status, services.TRANSITION_LABELS[status])
                for status in services.meeting_next_statuses(meeting=meeting)
                # Approval is recorded with the chair's signature at the next meeting.
                if status in services.TRANSITION_LABELS
            ],
            quorum=selectors.meeting_quorum(meeting=meeting),
            bodies=selectors.meeting_bodies(meeting=meeting),
            cancelled=meeting.status == MeetingStatus.CANCELLED,
            meeting=meeting,
            meeting_tabs=meeting_tabs(meeting=meeting, current="meetings:meeting-detail"),
        )
        return context


class MeetingForm(MeetingMixin, crud.RecordFormView):
    form_class = forms.MeetingForm


class MeetingTransition(MeetingMixin, crud.RecordMixin, View):
    """The status buttons on the meeting page post here."""

    @property
    def allowed_roles(self):
        return self.editor_roles

    def get(self, request, *args, **kwargs):
        return redirect(self.url("detail", self.get_object()))

    def post(self, request, *args, **kwargs):
        meeting = self.get_object()
        form = forms.TransitionForm(request.POST)
        if not form.is_valid():
            messages.error(request, "The status change was not understood: try again.")
            return redirect(self.url("detail", meeting))
        try:
            with transaction.atomic():
                services.meeting_transition(
                    meeting=meeting,
                    to=form.cleaned_data["to"],
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                )
        except (StaleEditError, BusinessRuleError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The meeting is now “{meeting.get_status_display()}”.")
        return redirect(self.url("detail", meeting))


class MeetingAttendance(MeetingMixin, crud.RecordMixin, FormView):
    """Record who came, for every seat on the meeting's bodies, in one submission."""

    template_name = "meetings/meeting_attendance.html"
    form_class = forms.AttendanceForm

    @property
    def allowed_roles(self):
        return self.editor_roles

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.object = self.get_object()
        self.seats_by_body = participation.meeting_attendance_seats_by_body(meeting=self.object)
        seats = [seat for _, seats in self.seats_by_body for seat in seats]
        kwargs.update(
            seats=seats,
            partnership=self.partnership,
            initial_rows={row.membership_id: row for row in self.object.attendance.all()},
            deputies=participation.named_deputies(seats=seats, on=self.object.date),
        )
        return kwargs

    def form_valid(self, form):
        try:
            services.meeting_attendance_record(
                meeting=self.object, entries=form.entries(), by=self.request.user
            )
        except BusinessRuleError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Attendance saved.")
        return redirect(
            reverse(
                "meetings:attendance",
                kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        rows = {row["seat"].pk: row for row in form.rows()}
        context.update(
            object=self.object,
            groups=[(body, [rows[s.pk] for s in seats]) for body, seats in self.seats_by_body],
            cancel_url=reverse(
                "meetings:attendance",
                kwargs={"partnership": self.partnership.slug, "pk": self.object.pk},
            ),
            # On a page shown again with errors, the verdict follows what was typed.
            quorum=selectors.meeting_quorum(
                meeting=self.object,
                records=form.unsaved_records(meeting=self.object) if form.is_bound else None,
            ),
            bodies=selectors.meeting_bodies(meeting=self.object),
        )
        return context


class BodyCalendar(PartnershipMixin, TemplateView):
    """A body's meetings, past and future, and whether it meets often enough."""

    model = Body
    template_name = "meetings/body_calendar.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = get_object_or_404(body_list(partnership=self.partnership), pk=self.kwargs["pk"])
        slug = self.partnership.slug
        context.update(
            body=body,
            calendar=selectors.body_calendar(body=body, today=datetime.date.today()),
            body_url=reverse("registry:body-detail", kwargs={"partnership": slug, "pk": body.pk}),
            can_edit=bool(self.roles & MEETING_EDITORS),
        )
        return context
