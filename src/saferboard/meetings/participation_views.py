"""Pages about who took part in a meeting: the attendance tab (members, substitutes,
officers and guests, quorum), declarations of interest, and a body's attendance
statistics. Rules live in meetings.participation; these views only parse and show."""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings import forms, participation, selectors
from saferboard.meetings.models import Declaration, InAttendance
from saferboard.meetings.pages import MeetingPage, MeetingPageMixin
from saferboard.meetings.participation_forms import DeclarationForm, InAttendanceForm
from saferboard.registry.models import Body
from saferboard.registry.selectors import body_list


def _meeting_url(name: str, meeting, anchor: str = "") -> str:
    url = reverse(name, kwargs={"partnership": meeting.partnership.slug, "pk": meeting.pk})
    return f"{url}#{anchor}" if anchor else url


class MeetingRecordMixin(MeetingPageMixin):
    """A page about one record of a meeting, whose `pk` names the record, not the meeting."""

    def record(self):
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(
                self.model.objects.filter(partnership=self.partnership), pk=self.kwargs["pk"]
            )
        return self._record

    @property
    def meeting(self):
        return self.record().meeting


# --- the attendance tab -------------------------------------------------------------------


class AttendancePage(MeetingPage):
    template_name = "meetings/attendance.html"
    tab = "meetings:attendance"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        context.update(
            sheets=participation.meeting_attendance_sheet(meeting=meeting),
            quorum=selectors.meeting_quorum(meeting=meeting),
            in_attendance=participation.meeting_in_attendance(meeting=meeting),
            bodies=selectors.meeting_bodies(meeting=meeting),
        )
        if context["can_edit"] and "in_attendance_form" not in context:
            context["in_attendance_form"] = InAttendanceForm(partnership=self.partnership)
        return context


class AttendanceQuorum(MeetingPageMixin, TemplateView):
    """The quorum verdict alone, for the record-attendance page to refresh (htmx) as the
    clerk changes the radios: POSTed data is judged without being saved."""

    template_name = "meetings/attendance_quorum.html"
    allowed_roles = MEETING_EDITORS

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        records = None
        if self.request.method == "POST":
            seats = [
                seat
                for _, seats in participation.meeting_attendance_seats_by_body(meeting=meeting)
                for seat in seats
            ]
            form = forms.AttendanceForm(
                self.request.POST, seats=seats, partnership=self.partnership, initial_rows={}
            )
            form.is_valid()  # a half-filled page is still judged on what it says so far
            records = form.unsaved_records(meeting=meeting)
        context.update(
            quorum=selectors.meeting_quorum(meeting=meeting, records=records),
            bodies=selectors.meeting_bodies(meeting=meeting),
        )
        return context


class InAttendanceAdd(MeetingPageMixin, FormView):
    template_name = "meetings/in_attendance_form.html"
    tab = "meetings:attendance"
    allowed_roles = MEETING_EDITORS
    form_class = InAttendanceForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            added = participation.in_attendance_add(
                meeting=self.meeting,
                kind=data["kind"],
                person=data["person"],
                name=data["name"],
                organisation=data["organisation"],
                role=data["role"],
                by=self.request.user,
            )
        except BusinessRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"{added} added as in attendance.")
        return redirect(_meeting_url("meetings:attendance", self.meeting, "in-attendance"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = _meeting_url("meetings:attendance", self.meeting)
        return context


class RemoveView(MeetingRecordMixin, TemplateView):
    """Asks "are you sure?" on GET; removes on POST (with the version shown)."""

    allowed_roles = MEETING_EDITORS
    back_to = ""  # URL name of the meeting page to return to
    anchor = ""

    # Subclasses give describe() -> str and remove(*, expected_version).

    def post(self, request, *args, **kwargs):
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        what = self.describe()
        try:
            with transaction.atomic():
                self.remove(expected_version=version)
        except (BusinessRuleError, StaleEditError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Removed: {what}.")
        return redirect(_meeting_url(self.back_to, self.meeting, self.anchor))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            record=self.record(),
            description=self.describe(),
            cancel_url=_meeting_url(self.back_to, self.meeting, self.anchor),
        )
        return context


class InAttendanceRemove(RemoveView):
    model = InAttendance
    template_name = "meetings/in_attendance_remove.html"
    tab = "meetings:attendance"
    back_to = "meetings:attendance"
    anchor = "in-attendance"

    def describe(self) -> str:
        record = self.record()
        return f"{record} as in attendance"

    def remove(self, *, expected_version):
        participation.in_attendance_remove(
            in_attendance=self.record(), by=self.request.user, expected_version=expected_version
        )


# --- declarations of interest --------------------------------------------------------------


class DeclarationsPage(MeetingPage):
    template_name = "meetings/declarations.html"
    tab = "meetings:declarations"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        declarations = participation.meeting_declarations(meeting=self.meeting)
        groups: dict = {}
        for declaration in declarations:
            groups.setdefault(declaration.item, []).append(declaration)
        context.update(
            groups=[
                {"item": item, "declarations": rows, "lines": list(map(_line, rows))}
                for item, rows in groups.items()
            ],
            has_items=selectors.meeting_agenda(meeting=self.meeting).exists(),
        )
        return context


def _line(declaration: Declaration) -> str:
    return participation.declaration_minute_line(declaration)


class DeclarationFormMixin:
    template_name = "meetings/declaration_form.html"
    tab = "meetings:declarations"
    allowed_roles = MEETING_EDITORS
    form_class = DeclarationForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "seats": participation.declaration_members(meeting=self.meeting),
            "items": selectors.meeting_agenda(meeting=self.meeting),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = _meeting_url("meetings:declarations", self.meeting)
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                declaration = self.save(form.cleaned_data)
        except (BusinessRuleError, StaleEditError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Declaration saved: {declaration}.")
        return redirect(_meeting_url("meetings:declarations", self.meeting))


class DeclarationAdd(DeclarationFormMixin, MeetingPageMixin, FormView):
    def save(self, data) -> Declaration:
        return participation.declaration_create(
            meeting=self.meeting,
            item=data["item"],
            membership=data["membership"],
            interest_type=data["interest_type"],
            nature=data["nature"],
            by=self.request.user,
        )


class DeclarationEdit(DeclarationFormMixin, MeetingRecordMixin, FormView):
    model = Declaration

    @property
    def meeting(self):
        return self.record().item.meeting

    def get_initial(self):
        record = self.record()
        return {
            "membership": record.membership_id,
            "item": record.item_id,
            "interest_type": record.interest_type,
            "nature": record.nature,
            "version": record.version,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"declaration": self.record()}

    def save(self, data) -> Declaration:
        return participation.declaration_update(
            declaration=self.record(),
            item=data["item"],
            membership=data["membership"],
            interest_type=data["interest_type"],
            nature=data["nature"],
            by=self.request.user,
            expected_version=data.get("version"),
        )


class DeclarationRemove(RemoveView):
    model = Declaration
    template_name = "meetings/declaration_remove.html"
    tab = "meetings:declarations"
    back_to = "meetings:declarations"

    @property
    def meeting(self):
        return self.record().item.meeting

    def describe(self) -> str:
        record = self.record()
        return (
            f"{record.membership.person}’s {record.get_interest_type_display().lower()} "
            f"interest in “{record.item.title}”"
        )

    def remove(self, *, expected_version):
        participation.declaration_remove(
            declaration=self.record(), by=self.request.user, expected_version=expected_version
        )


# --- a body's attendance statistics -----------------------------------------------------------


class BodyAttendance(PartnershipMixin, TemplateView):
    """Attendance per person and organisation over a body's held meetings."""

    model = Body
    template_name = "meetings/attendance_statistics.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = get_object_or_404(body_list(partnership=self.partnership), pk=self.kwargs["pk"])
        slug = self.partnership.slug
        context.update(
            body=body,
            statistics=participation.body_attendance_statistics(body=body),
            calendar_url=reverse(
                "meetings:body-calendar", kwargs={"partnership": slug, "pk": body.pk}
            ),
            body_url=reverse("registry:body-detail", kwargs={"partnership": slug, "pk": body.pk}),
        )
        return context


urlpatterns = [
    path("<int:pk>/attendance/summary/", AttendancePage.as_view(), name="attendance"),
    path("<int:pk>/attendance/quorum/", AttendanceQuorum.as_view(), name="attendance-quorum"),
    path("<int:pk>/in-attendance/add/", InAttendanceAdd.as_view(), name="in-attendance-add"),
    path(
        "in-attendance/<int:pk>/remove/",
        InAttendanceRemove.as_view(),
        name="in-attendance-remove",
    ),
    path("<int:pk>/declarations/", DeclarationsPage.as_view(), name="declarations"),
    path("<int:pk>/declarations/add/", DeclarationAdd.as_view(), name="declaration-add"),
    path("declarations/<int:pk>/edit/", DeclarationEdit.as_view(), name="declaration-edit"),
    path("declarations/<int:pk>/remove/", DeclarationRemove.as_view(), name="declaration-remove"),
    path("bodies/<int:pk>/attendance/", BodyAttendance.as_view(), name="body-attendance"),
]
