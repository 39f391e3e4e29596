"""The strategic assessment pages: the report for an area or sub-area and a period (the 12
months to a month, or a financial year), its PDF, and putting it in a meeting's pack. Thin:
the report is crime/assessment.py, the pack rules performance/pack_papers.py."""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import Role
from saferboard.crime import selectors
from saferboard.crime.assessment import (
    FINANCIAL_YEAR,
    TWELVE_MONTHS,
    Assessment,
    ReportPeriod,
    assessment,
    assessment_paper,
    assessment_pdf,
    financial_year,
    report_query,
    twelve_months_to,
)
from saferboard.crime.forms import AssessmentForm
from saferboard.crime.models import Area, SubArea
from saferboard.performance import pack_papers
from saferboard.performance import periods as period_rules
from saferboard.performance.pack_paper_views import put_in_pack_post

# Analysts write the strategic assessment, so they may put it in a pack too.
ASSESSMENT_PACK_EDITORS = pack_papers.PACK_EDITORS | {Role.ANALYST}


def _today() -> datetime.date:
    return timezone.localdate()


@dataclass
class Choice:
    """What the request asks the report to cover, checked: `period` is None only when no
    month is loaded; a field sent wrong has its message on `form` and its default here."""

    area: Area
    form: AssessmentForm
    period: ReportPeriod | None
    sub_area: SubArea | None

    @property
    def problems(self) -> list[str]:
        return [item["message"] for item in self.form.error_summary()]

    def report(self) -> Assessment:
        return assessment(area=self.area, period=self.period, sub_area=self.sub_area)


class AssessmentMixin(PartnershipMixin):
    model = Area

    def area(self) -> Area:
        try:
            return selectors.area_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Area.DoesNotExist as missing:
            raise Http404("No such area") from missing

    def choice(self, data) -> Choice:
        """The period (12 months to a month, default the latest loaded, or a financial year)
        and the place (the area or a sub-area) chosen by `data`."""
        area = self.area()
        loaded = selectors.months_loaded(forces=area.forces)
        latest = loaded[-1] if loaded else None
        data = data.copy()
        if not data.get("period"):
            data["period"] = FINANCIAL_YEAR if data.get("year") else TWELVE_MONTHS
        if data["period"] == TWELVE_MONTHS and not data.get("month", "").strip() and latest:
            data["month"] = f"{latest:%Y-%m}"
        form = AssessmentForm(
            data,
            area=area,
            sub_areas=selectors.sub_area_list(area=area),
            years=sorted({period_rules.financial_year_start(month) for month in loaded}),
        )
        form.is_valid()
        chosen = form.cleaned_data
        if chosen["period"] == FINANCIAL_YEAR and chosen.get("year"):
            period = financial_year(chosen["year"], latest)
        else:
            month = chosen.get("month") or latest
            period = twelve_months_to(month) if month else None
        return Choice(area=area, form=form, period=period, sub_area=chosen.get("sub_area"))

    def page_url(self, query: dict | None = None) -> str:
        address = reverse(
            "crime:assessment",
            kwargs={"partnership": self.partnership.slug, "pk": self.kwargs["pk"]},
        )
        return f"{address}?{urlencode(query)}" if query else address


class AssessmentPage(AssessmentMixin, TemplateView):
    template_name = "crime/assessment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        choice = self.choice(self.request.GET)
        context.update(area=choice.area, form=choice.form, sub_area=choice.sub_area)
        if choice.period is None:
            return context
        report = choice.report()
        may_put = self.has_role(ASSESSMENT_PACK_EDITORS)
        context.update(
            report=report,
            pdf_url=reverse(
                "crime:assessment-pdf",
                kwargs={"partnership": self.partnership.slug, "pk": choice.area.pk},
            )
            + f"?{urlencode(report.query)}",
            pack={
                "may_put": may_put,
                "url": reverse(
                    "crime:assessment-to-pack",
                    kwargs={"partnership": self.partnership.slug, "pk": choice.area.pk},
                ),
                "hidden": report.query,
                "choices": pack_papers.pack_item_choices(
                    partnership=self.partnership, today=_today()
                )
                if may_put
                else [],
            },
        )
        return context


class AssessmentPdf(AssessmentMixin, View):
    """The report as a PDF; a choice sent wrong goes back to the page, which says what."""

    def get(self, request, *args, **kwargs):
        choice = self.choice(request.GET)
        if choice.problems:
            return redirect(f"{self.page_url()}?{request.GET.urlencode()}")
        if choice.period is None:
            raise Http404("No months are loaded for this area's forces yet.")
        report = choice.report()
        response = HttpResponse(
            assessment_pdf(report=report, today=_today()), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{report.file_name}"'
        return response


class AssessmentToPack(AssessmentMixin, View):
    """POST: the report's PDF becomes a paper of the chosen agenda item (replacing the copy
    put there before)."""

    allowed_roles = ASSESSMENT_PACK_EDITORS

    def get(self, request, *args, **kwargs):
        self.area()
        return redirect(self.page_url())

    def post(self, request, *args, **kwargs):
        choice = self.choice(request.POST)
        if choice.problems or choice.period is None:
            for problem in choice.problems or ["No months are loaded for this area yet."]:
                messages.error(request, problem)
            return redirect(self.page_url())
        back = self.page_url(report_query(choice.period, choice.sub_area))
        return put_in_pack_post(
            request,
            partnership=self.partnership,
            back=back,
            put=lambda item: pack_papers.report_put_in_pack(
                item=item,
                paper=assessment_paper(
                    area=choice.area,
                    period=choice.period,
                    sub_area=choice.sub_area,
                    today=_today(),
                ),
                by=request.user,
                today=_today(),
            ),
        )


urlpatterns = [
    path("areas/<int:pk>/assessment/", AssessmentPage.as_view(), name="assessment"),
    path("areas/<int:pk>/assessment.pdf", AssessmentPdf.as_view(), name="assessment-pdf"),
    path(
        "areas/<int:pk>/assessment/to-pack/", AssessmentToPack.as_view(), name="assessment-to-pack"
    ),
]
