"""Pages for a meeting's outstanding-actions report (page, PDF, "put it in the pack") and its
matters-arising draft. They sit inside the meeting's pages; the rules are in
outstanding.py, matters_arising.py and meetings.generated_papers.
"""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView

from saferboard.actions import matters_arising, outstanding
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.forms import GovUKForm
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings.generated_papers import generated_paper_put
from saferboard.meetings.minutes import minutes_writable_reason
from saferboard.meetings.models import Meeting, StandingKind
from saferboard.meetings.pages import MeetingPage, MeetingPageMixin


def _url(name: str, meeting: Meeting) -> str:
    return reverse(name, kwargs={"partnership": meeting.partnership.slug, "pk": meeting.pk})


def _pages(count: int) -> str:
    return f"{count} page{'' if count == 1 else 's'}"


class OutstandingActionsPage(MeetingPage):
    """The report for anyone in the partnership; managers and clerks may put it in the pack."""

    template_name = "actions/outstanding_actions.html"
    tab = "meetings:packs"  # the report is one of the meeting's papers

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        context.update(
            title=outstanding.REPORT_TITLE,
            subtitle=outstanding.outstanding_actions_subtitle(meeting=meeting),
            previous=outstanding.previous_meeting(meeting=meeting),
            rows=outstanding.outstanding_actions(meeting=meeting),
            item=meeting.items.filter(standing_kind=StandingKind.OUTSTANDING_ACTIONS)
            .order_by("position", "pk")
            .first(),
        )
        return context


class OutstandingActionsPdf(MeetingPageMixin, View):
    def get(self, request, *args, **kwargs):
        meeting = self.meeting
        response = HttpResponse(
            outstanding.outstanding_actions_pdf(meeting=meeting), content_type="application/pdf"
        )
        name = outstanding.outstanding_actions_file_name(meeting=meeting)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class OutstandingActionsToPack(MeetingPageMixin, View):
    """ "Put this report in the pack": the paper of the "Outstanding actions" item."""

    allowed_roles = MEETING_EDITORS

    def get(self, request, *args, **kwargs):
        return redirect(_url("actions:outstanding", self.meeting))

    def post(self, request, *args, **kwargs):
        meeting = self.meeting
        try:
            paper = generated_paper_put(
                meeting=meeting, kind=StandingKind.OUTSTANDING_ACTIONS, by=request.user
            )
        except BusinessRuleError as error:
            messages.error(request, str(error))
            return redirect(_url("actions:outstanding", meeting))
        late = (
            f" It is late, so it goes in supplementary pack {paper.supplement}."
            if paper.supplement
            else " Build the packs to include it."
        )
        messages.success(
            request,
            f"The outstanding actions report ({_pages(paper.page_count)}) is now the paper "
            f"of item {paper.item}.{late}",
        )
        return redirect(f"{_url('meetings:packs', meeting)}#item-{paper.item_id}")


class MattersArisingForm(GovUKForm):
    text = forms.CharField(
        label="Minute of matters arising",
        help_text="One paragraph for each action from the previous meeting. Change it as "
        "the meeting agreed; saving writes it as the item's minute.",
        widget=forms.Textarea(attrs={"rows": 20}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class MattersArisingPage(MeetingPageMixin, FormView):
    """The draft minute for the "Matters arising" item, for managers and clerks."""

    template_name = "actions/matters_arising.html"
    form_class = MattersArisingForm
    tab = "meetings:minutes"
    allowed_roles = MEETING_EDITORS

    def item(self):
        if not hasattr(self, "_item"):
            self._item = matters_arising.matters_arising_item(meeting=self.meeting)
        return self._item

    def rows(self):
        if not hasattr(self, "_rows"):
            self._rows = matters_arising.matters_arising_draft(meeting=self.meeting)
        return self._rows

    def get_initial(self):
        item = self.item()
        fresh = self.request.GET.get("draft") == "fresh"
        text = item.minute_text if item is not None and item.minute_text and not fresh else ""
        return {
            "text": text or matters_arising.matters_arising_text(self.rows()),
            "version": item.version if item is not None else None,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item()
        context.update(
            item=item,
            rows=self.rows(),
            previous=outstanding.previous_meeting(meeting=self.meeting),
            not_writable=minutes_writable_reason(meeting=self.meeting),
            has_minute=bool(item is not None and item.minute_text),
        )
        return context

    def form_valid(self, form):
        try:
            with transaction.atomic():
                item = matters_arising.matters_arising_save(
                    meeting=self.meeting,
                    text=form.cleaned_data["text"],
                    expected_version=form.cleaned_data["version"],
                    by=self.request.user,
                )
        except (BusinessRuleError, StaleEditError) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"The minute of item {item} has been saved.")
        return redirect(f"{_url('meetings:minutes', self.meeting)}#item-{item.pk}")


urlpatterns = [
    path(
        "meetings/<int:pk>/outstanding-actions/",
        OutstandingActionsPage.as_view(),
        name="outstanding",
    ),
    path(
        "meetings/<int:pk>/outstanding-actions.pdf",
        OutstandingActionsPdf.as_view(),
        name="outstanding-pdf",
    ),
    path(
        "meetings/<int:pk>/outstanding-actions/to-pack/",
        OutstandingActionsToPack.as_view(),
        name="outstanding-to-pack",
    ),
    path(
        "meetings/<int:pk>/matters-arising/",
        MattersArisingPage.as_view(),
        name="matters-arising",
    ),
]
