"""The strategic assessment pages: the report for an area and a month, its PDF, and putting
it in a meeting's pack. Thin: the report is crime/assessment.py, the pack rules
performance/pack_papers.py."""

import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import TemplateView

from saferboard.core.errors import BusinessRuleError
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import Role
from saferboard.crime import analysis, selectors
from saferboard.crime.assessment import assessment, assessment_paper, assessment_pdf
from saferboard.crime.models import Area
from saferboard.performance import pack_papers

# Analysts write the strategic assessment, so they may put it in a pack too.
ASSESSMENT_PACK_EDITORS = pack_papers.PACK_EDITORS | {Role.ANALYST}


def _today() -> datetime.date:
    return timezone.localdate()


class AssessmentMixin(PartnershipMixin):
    model = Area

    def area(self) -> Area:
        try:
            return selectors.area_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Area.DoesNotExist as missing:
            raise Http404("No such area") from missing

    def month_text(self) -> str:
        return self.request.GET.get("month", "").strip()

    def month(self, area: Area) -> tuple[datetime.date | None, str]:
        """The chosen month (default: the latest loaded) and a problem with the choice."""
        text = self.month_text()
        latest = selectors.latest_loaded_month(forces=area.forces)
        if not text:
            return latest, ""
        try:
            return analysis.parse_month(text), ""
        except ValueError as error:
            return latest, str(error)

    def page_url(self, month: datetime.date | None) -> str:
        address = reverse(
            "crime:assessment",
            kwargs={"partnership": self.partnership.slug, "pk": self.kwargs["pk"]},
        )
        return f"{address}?{urlencode({'month': f'{month:%Y-%m}'})}" if month else address


class AssessmentPage(AssessmentMixin, TemplateView):
    template_name = "crime/assessment.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.area()
        month, problem = self.month(area)
        context.update(area=area, month=month, month_problem=problem, month_text=self.month_text())
        if month is None:
            return context
        may_put = self.has_role(ASSESSMENT_PACK_EDITORS)
        query = {"month": f"{month:%Y-%m}"}
        context.update(
            report=assessment(area=area, month=month),
            pdf_url=reverse(
                "crime:assessment-pdf",
                kwargs={"partnership": self.partnership.slug, "pk": area.pk},
            )
            + f"?{urlencode(query)}",
            pack={
                "may_put": may_put,
                "url": reverse(
                    "crime:assessment-to-pack",
                    kwargs={"partnership": self.partnership.slug, "pk": area.pk},
                ),
                "hidden": query,
                "choices": pack_papers.pack_item_choices(
                    partnership=self.partnership, today=_today()
                )
                if may_put
                else [],
            },
        )
        return context


class AssessmentPdf(AssessmentMixin, View):
    def get(self, request, *args, **kwargs):
        area = self.area()
        month, _ = self.month(area)
        if month is None:
            raise Http404("No months are loaded for this area's forces yet.")
        report = assessment(area=area, month=month)
        response = HttpResponse(
            assessment_pdf(report=report, today=_today()), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{report.file_name}"'
        return response


class AssessmentToPack(AssessmentMixin, View):
    """POST: the report's PDF becomes a paper of the chosen agenda item (replacing the copy
    put there before)."""

    allowed_roles = ASSESSMENT_PACK_EDITORS

    def month_text(self) -> str:
        return self.request.POST.get("month", "").strip()

    def get(self, request, *args, **kwargs):
        self.area()
        return redirect(self.page_url(None))

    def post(self, request, *args, **kwargs):
        area = self.area()
        month, problem = self.month(area)
        back = self.page_url(month)
        chosen = request.POST.get("item", "").strip()
        if problem or month is None:
            messages.error(request, problem or "No months are loaded for this area yet.")
            return redirect(back)
        if not chosen:
            messages.error(request, "Choose the meeting and agenda item to put the report on.")
            return redirect(back)
        item = pack_papers.pack_item_get(partnership=self.partnership, pk=chosen)
        try:
            paper = pack_papers.report_put_in_pack(
                item=item,
                paper=assessment_paper(area=area, month=month, today=_today()),
                by=request.user,
                today=_today(),
            )
        except BusinessRuleError as error:
            messages.error(request, str(error))
            return redirect(back)
        late = (
            f" It is late, so it goes in supplementary pack {paper.supplement}."
            if paper.supplement
            else " Build the packs to include it."
        )
        messages.success(
            request, f"“{paper.title}” is now a paper of item {item} of {item.meeting}.{late}"
        )
        packs = reverse(
            "meetings:packs", kwargs={"partnership": self.partnership.slug, "pk": item.meeting_id}
        )
        return redirect(f"{packs}#item-{item.pk}")


urlpatterns = [
    path("areas/<int:pk>/assessment/", AssessmentPage.as_view(), name="assessment"),
    path("areas/<int:pk>/assessment.pdf", AssessmentPdf.as_view(), name="assessment-pdf"),
    path(
        "areas/<int:pk>/assessment/to-pack/", AssessmentToPack.as_view(), name="assessment-to-pack"
    ),
]
