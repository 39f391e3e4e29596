"""Funding pages: a bid's assessment (the assessor's form and the panel's results) and the
summary paper of a fund's bids for the deciding meeting (page, PDF, into a meeting's pack).

Scores and assessors' comments are shown only to managers and the fund's assessors
(assessment.sees_scores); anyone else who may see the bid gets the page without them.
Thin: the rules are funding.assessment's, the pack rules performance/pack_papers.py.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.views import View
from django.views.generic import TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.roles import Role
from saferboard.funding import assessment, selectors
from saferboard.funding.assessment_forms import assessment_form
from saferboard.funding.bid_views import BidPage, FundingPage
from saferboard.funding.models import Assessment, Fund
from saferboard.performance import pack_papers
from saferboard.performance.pack_paper_views import put_in_pack_post

# Only the funding officer puts the summary paper into a meeting's pack.
SUMMARY_PACK_EDITORS = frozenset({Role.MANAGER})


class BidAssessment(BidPage, TemplateView):
    template_name = "funding/assessment_bid.html"
    tab = "funding:bid-assessment"

    def may_assess(self) -> bool:
        return assessment.may_assess(bid=self.bid(), user=self.request.user)

    def mine(self) -> Assessment | None:
        return (
            Assessment.objects.filter(bid=self.bid(), assessor=self.request.user)
            .prefetch_related("scores")
            .first()
        )

    def form(self, data=None):
        return assessment_form(
            criteria=list(self.bid().fund.criteria.all()), assessment=self.mine(), data=data
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid()
        sees = assessment.sees_scores(bid=bid, user=self.request.user, roles=self.roles)
        assessable = bid.stage in assessment.ASSESSABLE_STAGES
        may_assess = assessable and self.may_assess()
        context.update(
            sees_scores=sees,
            assessable=assessable,
            may_assess=may_assess,
            panel=assessment.panel(bid=bid) if sees else None,
            criteria=list(bid.fund.criteria.all()),
        )
        if may_assess:
            context.setdefault("form", self.form())
        return context

    def post(self, request, *args, **kwargs):
        bid = self.bid()
        if not self.may_assess():
            raise PermissionDenied("Only the fund's assessors and managers assess its bids.")
        form = self.form(data=request.POST)
        if form.is_valid():
            try:
                assessment.assessment_record(
                    bid=bid, assessor=request.user, on=self.today, **form.service_arguments()
                )
            except (BusinessRuleError, StaleEditError) as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
            else:
                messages.success(request, f"Your assessment of {bid.reference} is saved.")
                return redirect(self.url("bid-assessment", bid.pk))
        return self.render_to_response(self.get_context_data(form=form))


# --- the summary paper -----------------------------------------------------------------


class SummaryMixin(FundingPage):
    """The summary shows scores, so only managers and the fund's assessors see it."""

    model = Fund

    def fund(self) -> Fund:
        try:
            fund = selectors.fund_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Fund.DoesNotExist as missing:
            raise Http404("No such fund.") from missing
        if not (
            self.has_role(selectors.FUNDING_OFFICERS)
            or fund.assessors.filter(pk=self.request.user.pk).exists()
        ):
            raise Http404("No such fund.")
        return fund


class AssessmentSummary(SummaryMixin, TemplateView):
    template_name = "funding/assessment_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.fund()
        may_put = self.has_role(SUMMARY_PACK_EDITORS)
        context.update(
            fund=fund,
            report=assessment.summary(fund=fund),
            pdf_url=self.url("assessment-summary-pdf", fund.pk),
            pack={
                "may_put": may_put,
                "url": self.url("assessment-to-pack", fund.pk),
                "hidden": {},
                "choices": pack_papers.pack_item_choices(
                    partnership=self.partnership, today=self.today
                )
                if may_put
                else [],
            },
        )
        return context


class AssessmentSummaryPdf(SummaryMixin, View):
    def get(self, request, *args, **kwargs):
        report = assessment.summary(fund=self.fund())
        response = HttpResponse(
            assessment.summary_pdf(report=report, today=self.today),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'inline; filename="{report.file_name}"'
        return response


class AssessmentToPack(SummaryMixin, View):
    """POST: the summary's PDF becomes a paper of the chosen agenda item (replacing the copy
    put there before)."""

    allowed_roles = SUMMARY_PACK_EDITORS

    def get(self, request, *args, **kwargs):
        return redirect(self.url("assessment-summary", self.fund().pk))

    def post(self, request, *args, **kwargs):
        fund = self.fund()
        back = self.url("assessment-summary", fund.pk)
        return put_in_pack_post(
            request,
            partnership=self.partnership,
            back=back,
            put=lambda item: pack_papers.report_put_in_pack(
                item=item,
                paper=assessment.summary_paper(fund=fund, today=self.today),
                by=request.user,
                today=self.today,
            ),
        )


urlpatterns = [
    path("bids/<int:pk>/assessment/", BidAssessment.as_view(), name="bid-assessment"),
    path(
        "funds/<int:pk>/assessment-summary/",
        AssessmentSummary.as_view(),
        name="assessment-summary",
    ),
    path(
        "funds/<int:pk>/assessment-summary.pdf",
        AssessmentSummaryPdf.as_view(),
        name="assessment-summary-pdf",
    ),
    path(
        "funds/<int:pk>/assessment-summary/to-pack/",
        AssessmentToPack.as_view(),
        name="assessment-to-pack",
    ),
]
