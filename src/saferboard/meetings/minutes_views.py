"""Minutes pages: the minutes tab, writing one item's minute, approving earlier minutes, the PDF.

Views only parse and render; the rules are in meetings/minutes.py.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import View

from saferboard.actions.minute_forms import minute_actions_context
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings import minutes, minutes_document, services
from saferboard.meetings.minutes_forms import ApprovalForm, ItemMinuteForm, ResolutionFormSet
from saferboard.meetings.models import AgendaItem, MeetingStatus, StandingKind
from saferboard.meetings.pages import MeetingPage, MeetingPageMixin
from saferboard.meetings.selectors import item_voters

S = MeetingStatus


@dataclass
class ErrorSummary:
    """Errors from several forms on one page, shaped like a form for the error summary."""

    items: list[dict] = field(default_factory=list)

    @property
    def errors(self) -> bool:
        return bool(self.items)

    def error_summary(self) -> list[dict]:
        return self.items

    def add_form(self, form, *, prefix: str = "") -> None:
        for entry in form.error_summary():
            self.items.append({**entry, "message": f"{prefix}{entry['message']}"})


def minutes_url(meeting) -> str:
    return reverse(
        "meetings:minutes", kwargs={"partnership": meeting.partnership.slug, "pk": meeting.pk}
    )


class MinutesPage(MeetingPage):
    """The minutes tab: attendance, then each item's minute number, minute and resolutions."""

    template_name = "meetings/minutes.html"
    tab = "meetings:minutes"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        writable = minutes.minutes_writable_reason(meeting=meeting) == ""
        context.update(
            writable=writable,
            not_yet_reason=minutes.minutes_writable_reason(meeting=meeting),
            can_start=meeting.status == S.HELD,
            attendance=minutes_document.minutes_attendance(meeting=meeting),
            minutes=minutes.meeting_minutes(meeting=meeting),
            approved_here=list(meeting.minutes_approved_here.order_by("-date")),
            has_minutes=meeting.status in (S.HELD, S.DRAFT_MINUTES, S.MINUTES_APPROVED),
        )
        context["unnumbered"] = meeting.status == S.DRAFT_MINUTES and any(
            not m.item.minute_number for m in context["minutes"]
        )
        return context


class MinutesAction(MeetingPageMixin, View):
    """A button on the minutes tab posts here; a plain visit goes back to the tab."""

    @property
    def allowed_roles(self):
        return self.editor_roles

    def get(self, request, *args, **kwargs):
        return redirect(minutes_url(self.meeting))


class MinutesStart(MinutesAction):
    """Move a held meeting to draft minutes, which numbers its minutes."""

    def post(self, request, *args, **kwargs):
        meeting = self.meeting
        try:
            with transaction.atomic():
                services.meeting_transition(
                    meeting=meeting,
                    to=S.DRAFT_MINUTES,
                    by=request.user,
                    expected_version=_int(request.POST.get("version")),
                )
        except (StaleEditError, BusinessRuleError) as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "Draft minutes started and the minutes numbered.")
        return redirect(minutes_url(meeting))


class MinutesNumber(MinutesAction):
    """Number the draft minutes again, for items added after the draft minutes began."""

    def post(self, request, *args, **kwargs):
        try:
            minutes.minutes_number(meeting=self.meeting, by=request.user)
        except BusinessRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The minutes have been numbered in agenda order.")
        return redirect(minutes_url(self.meeting))


class MinutesPdf(MeetingPageMixin, View):
    """The members' minutes PDF: exempt and sensitive items included and marked."""

    def get(self, request, *args, **kwargs):
        meeting = self.meeting
        content = minutes.minutes_pdf(meeting=meeting, public=False)
        response = HttpResponse(content, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="minutes-{meeting.date:%Y-%m-%d}.pdf"'
        return response


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class ItemMinute(MeetingPage):
    """Write one item's minute and resolutions; on the "previous minutes" item, also
    approve the earlier meeting's minutes as a correct record."""

    model = AgendaItem
    template_name = "meetings/minutes_item.html"
    tab = "meetings:minutes"

    @property
    def allowed_roles(self):
        return self.editor_roles

    @property
    def item(self) -> AgendaItem:
        if not hasattr(self, "_item"):
            items = AgendaItem.objects.filter(partnership=self.partnership).select_related(
                "meeting", "meeting__partnership", "meeting__chair"
            )
            self._item = get_object_or_404(items, pk=self.kwargs["pk"])
        return self._item

    @property
    def meeting(self):
        return self.item.meeting

    def forms(self, data=None):
        item = self.item
        earlier = list(minutes.minutes_earlier_items(meeting=item.meeting))
        minute_form = ItemMinuteForm(
            data,
            instance=item,
            earlier=earlier,
            body=minutes.minutes_body(meeting=item.meeting),
        )
        formset = ResolutionFormSet(
            data, queryset=item.resolutions.order_by("position", "pk"), prefix="resolutions"
        )
        return minute_form, formset

    @property
    def candidates(self):
        if not hasattr(self, "_candidates"):
            self._candidates = minutes.minutes_approval_candidates(at_meeting=self.meeting)
        return self._candidates

    def approval_form(self, data=None):
        return ApprovalForm(
            data,
            candidates=self.candidates,
            partnership=self.partnership,
            at_meeting=self.meeting,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item, meeting = self.item, self.meeting
        if "minute_form" not in kwargs:
            context["minute_form"], context["formset"] = self.forms()
        is_previous_minutes = item.standing_kind == StandingKind.PREVIOUS_MINUTES
        if is_previous_minutes and "approval_form" not in kwargs:
            context["approval_form"] = self.approval_form()
        voters = item_voters(item=item)
        context.update(
            item=item,
            not_yet_reason=minutes.minutes_writable_reason(meeting=meeting),
            voters=voters,
            voters_reason=minutes.voters_reason(voters),
            is_previous_minutes=is_previous_minutes,
            candidates=self.candidates if is_previous_minutes else [],
            previous_meeting=minutes.minutes_previous_meeting(at_meeting=meeting),
            approved_here=list(meeting.minutes_approved_here.order_by("-date")),
            cancel_url=minutes_url(meeting) + f"#item-{item.pk}",
        )
        # "Actions from this minute": the item's actions and the form to add one.
        context.update(
            minute_actions_context(
                item=item, pool=kwargs.get("action_pool"), form=kwargs.get("action_form")
            )
        )
        return context

    def post(self, request, *args, **kwargs):
        if "approve" in request.POST:
            return self.post_approval(request)
        minute_form, formset = self.forms(request.POST)
        summary = ErrorSummary()
        if minute_form.is_valid() and formset.is_valid():
            try:
                with transaction.atomic():
                    minutes.minutes_item_save(
                        item=self.item,
                        minute_text=minute_form.cleaned_data["minute_text"],
                        is_deferred=minute_form.cleaned_data["is_deferred"],
                        resolutions=formset.entries(),
                        matters_arising_from=minute_form.cleaned_data["matters_arising"],
                        expected_version=minute_form.cleaned_data.get("version"),
                        by=request.user,
                    )
            except (StaleEditError, BusinessRuleError) as error:
                name = getattr(error, "field", None)
                minute_form.add_error(name if name in minute_form.fields else None, str(error))
            else:
                messages.success(request, f"The minute of “{self.item.title}” has been saved.")
                return redirect(minutes_url(self.meeting) + f"#item-{self.item.pk}")
        summary.add_form(minute_form)
        for index, form in enumerate(formset.forms):
            summary.add_form(form, prefix=f"Resolution {minutes.part_label(index)}: ")
        for error in formset.non_form_errors():
            summary.items.append({"message": error, "href": ""})
        context = self.get_context_data(minute_form=minute_form, formset=formset, form=summary)
        return self.render_to_response(context, status=400)

    def post_approval(self, request):
        form = self.approval_form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    approved = minutes.minutes_approve(
                        meeting=data["minutes_of"],
                        at_meeting=self.meeting,
                        signed_by=data["signed_by"],
                        signed_on=data["signed_on"],
                        by=request.user,
                    )
            except (StaleEditError, BusinessRuleError, ValidationError) as error:
                name = getattr(error, "field", None)
                form.add_error(name if name in form.fields else None, " ".join(_messages(error)))
            else:
                messages.success(
                    request, f"The minutes of {approved} have been approved as a correct record."
                )
                return redirect(minutes_url(self.meeting) + f"#item-{self.item.pk}")
        context = self.get_context_data(approval_form=form, form=form)
        return self.render_to_response(context, status=400)


def _messages(error) -> list[str]:
    return error.messages if isinstance(error, ValidationError) else [str(error)]


urlpatterns = [
    path("<int:pk>/minutes/", MinutesPage.as_view(), name="minutes"),
    path("<int:pk>/minutes/start/", MinutesStart.as_view(), name="minutes-start"),
    path("<int:pk>/minutes/number/", MinutesNumber.as_view(), name="minutes-number"),
    path("<int:pk>/minutes/pdf/", MinutesPdf.as_view(), name="minutes-pdf"),
    path("items/<int:pk>/minute/", ItemMinute.as_view(), name="minutes-item"),
]
