"""Information-sharing pages for information governance users: the decision log (with
filters and a CSV export) and the access log of who opened which request's personal
details. Neither holds a subject's identifiers; both are 404 to everyone else."""

from django import forms
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.urls import path
from django.utils import timezone
from django.views.generic import TemplateView, View

from saferboard.actions.exports import csv_chunks
from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.registry.models import Organisation
from saferboard.sharing import requests
from saferboard.sharing.models import AccessLogEntry, Decision, Party
from saferboard.sharing.otp import RequestGateMixin

CSV_COLUMNS = tuple(
    (heading, 20)
    for heading in (
        "Date and time",
        "Request",
        "Requesting party",
        "Disclosing party",
        "Summary of the information",
        "Type of information",
        "Requester",
        "Requester job title",
        "Requester organisation",
        "Decision",
        "Reasons",
        "With consent",
        "Person told",
        "Why not told",
        "Consented or authorised by",
        "How shared",
        "Recorded by",
    )
)


class DecisionLogFilterForm(GovUKForm):
    decided_from = GovUKDateField(label="From", required=False)
    decided_to = GovUKDateField(label="To", required=False)
    decision = forms.ChoiceField(
        label="Decision", choices=[("", "Any decision"), *Decision.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label="Party", queryset=Organisation.objects.none(), required=False, empty_label="Any party"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        parties = Party.objects.filter(partnership=partnership).values("organisation")
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnership=partnership, pk__in=parties
        ).order_by("name")


def csv_rows(entries):
    for entry in entries.iterator(chunk_size=500):
        request = entry.request
        yield [
            timezone.localtime(entry.decided_at).strftime("%Y-%m-%d %H:%M"),
            request.reference if request else "",
            request.requesting_party.organisation.name if request else "",
            request.disclosing_party.organisation.name if request else "",
            entry.information_summary,
            entry.information_type,
            entry.requester_name,
            entry.requester_job_title,
            entry.requester_organisation,
            entry.get_decision_display(),
            entry.reasons,
            "Yes" if entry.with_consent else "No",
            entry.get_subject_told_display(),
            entry.not_told_reason,
            entry.authorised_by,
            entry.get_how_shared_display(),
            str(entry.recorded_by or ""),
        ]


class _LogPage(RequestGateMixin):
    governance_only = True

    def filters(self) -> tuple[DecisionLogFilterForm, dict]:
        form = DecisionLogFilterForm(self.request.GET or None, partnership=self.partnership)
        return form, (form.cleaned_data if form.is_bound and form.is_valid() else {})


class DecisionLogView(_LogPage, TemplateView):
    template_name = "sharing/decision_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, filters = self.filters()
        entries = requests.decision_log_list(partnership=self.partnership, filters=filters)
        page = Paginator(entries, 50).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(form=form, page=page, query=query.urlencode())
        return context


class DecisionLogCsvView(_LogPage, View):
    def get(self, request, *args, **kwargs):
        _, filters = self.filters()
        entries = requests.decision_log_list(partnership=self.partnership, filters=filters)
        response = StreamingHttpResponse(
            csv_chunks(csv_rows(entries), columns=CSV_COLUMNS),
            content_type="text/csv; charset=utf-8",
        )
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="decision-log-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response


class AccessLogView(_LogPage, TemplateView):
    template_name = "sharing/access_log.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = AccessLogEntry.objects.filter(partnership=self.partnership).select_related(
            "user", "request"
        )
        context["page"] = Paginator(entries, 100).get_page(self.request.GET.get("page"))
        return context


urlpatterns = [
    path("decision-log/", DecisionLogView.as_view(), name="decision-log"),
    path("decision-log/export.csv", DecisionLogCsvView.as_view(), name="decision-log-csv"),
    path("access-log/", AccessLogView.as_view(), name="access-log"),
]
