"""Information-sharing reports: the counts for a financial year (the page), the annual
review paper (PDF) and putting it in a meeting's pack. For information-governance users and
managers; to anyone else the pages do not exist (404). Thin: the counts are
sharing/reports.py, the pack rules performance/pack_papers.py."""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from saferboard.core.forms import GovUKForm
from saferboard.core.permissions import PartnershipMixin
from saferboard.performance.pack_paper_views import put_in_pack_post
from saferboard.performance.periods import Period, financial_year_label, financial_year_of
from saferboard.sharing import reports


def _today() -> datetime.date:
    return timezone.localdate()


class YearForm(GovUKForm):
    year = forms.TypedChoiceField(label="Financial year", coerce=int, choices=())

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, financial_year_label(year)) for year in years]


class ReportMixin(PartnershipMixin):
    allowed_roles = reports.REPORT_READERS

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            raise Http404("No such page") from denied

    def choice(self, data) -> tuple[YearForm, Period]:
        """The financial year asked for; this one when none (or a wrong one) is sent."""
        today = _today()
        years = reports.report_years(partnership=self.partnership, today=today)
        form = YearForm(data if data.get("year") else {"year": years[0]}, years=years)
        year = form.cleaned_data["year"] if form.is_valid() else years[0]
        return form, financial_year_of(datetime.date(year, 4, 1))

    def url(self, name: str, period: Period | None = None) -> str:
        address = reverse(f"sharing:{name}", kwargs={"partnership": self.partnership.slug})
        if period is None:
            return address
        return f"{address}?{urlencode({'year': period.start.year})}"


class ReportPage(ReportMixin, TemplateView):
    template_name = "sharing/reports.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form, period = self.choice(self.request.GET)
        context.update(
            form=form,
            report=reports.sharing_report(partnership=self.partnership, period=period),
            pdf_url=self.url("report-pdf", period),
            pack={
                "may_put": True,
                "url": self.url("report-to-pack"),
                "hidden": {"year": period.start.year},
                "choices": reports.pack_item_choices(partnership=self.partnership, today=_today()),
            },
        )
        return context


class ReportPdf(ReportMixin, View):
    def get(self, request, *args, **kwargs):
        _, period = self.choice(request.GET)
        report = reports.sharing_report(partnership=self.partnership, period=period)
        response = HttpResponse(
            reports.annual_review_pdf(report=report, today=_today()),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'inline; filename="{report.file_name}"'
        return response


class ReportToPack(ReportMixin, View):
    """POST: the annual review's PDF becomes a paper of the chosen agenda item (replacing the
    copy put there before). Only items marked OFFICIAL-SENSITIVE may hold it."""

    def get(self, request, *args, **kwargs):
        return redirect(self.url("reports"))

    def post(self, request, *args, **kwargs):
        _, period = self.choice(request.POST)
        back = self.url("reports", period)
        return put_in_pack_post(
            request,
            partnership=self.partnership,
            back=back,
            put=lambda item: reports.annual_review_put_in_pack(
                item=item,
                partnership=self.partnership,
                period=period,
                by=request.user,
                today=_today(),
            ),
        )


urlpatterns = [
    path("reports/", ReportPage.as_view(), name="reports"),
    path("reports/annual-review.pdf", ReportPdf.as_view(), name="report-pdf"),
    path("reports/to-pack/", ReportToPack.as_view(), name="report-to-pack"),
]
