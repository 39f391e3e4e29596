"""Funding pages: a bid's decision (the form for managers; the decision, its award and
tranches for everyone who may see the bid) and releasing a planned tranche.

Thin: the rules are funding.decisions' and the money funding.ledger's.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.views.generic import TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.funding import decisions, ledger, selectors
from saferboard.funding.bid_views import BidPage, FundingPage
from saferboard.funding.decision_forms import DecisionForm, TrancheReleaseForm
from saferboard.funding.models import Decision, Stage, Tranche


class BidDecision(BidPage, TemplateView):
    template_name = "funding/decision_bid.html"
    tab = "funding:bid-decision"

    def decision(self) -> Decision | None:
        return (
            Decision.objects.filter(bid=self.bid())
            .select_related("meeting", "item", "resolution", "recorded_by")
            .first()
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid()
        decision = self.decision()
        award = getattr(decision, "award", None) if decision else None
        may_decide = self.is_officer and decision is None and bid.stage == Stage.FULL_APPLICATION
        context.update(
            decision=decision,
            award=award,
            tranches=decisions.tranche_list(award=award) if award else [],
            position=ledger.award_position(award) if award else None,
            may_decide=may_decide,
            may_release=self.is_officer,
            balance=ledger.fund_balance(bid.fund) if may_decide else None,
        )
        if may_decide:
            context.setdefault("form", DecisionForm(bid=bid, initial={"decided_on": self.today}))
        return context

    def post(self, request, *args, **kwargs):
        if not self.is_officer:
            raise PermissionDenied("Only the funding officer records decisions.")
        bid = self.bid()
        form = DecisionForm(request.POST, bid=bid)
        if form.is_valid():
            try:
                decision = decisions.decision_record(
                    bid=bid, by=request.user, **form.service_arguments()
                )
            except (BusinessRuleError, StaleEditError) as error:
                field = getattr(error, "field", None)
                form.add_error(field if field in form.fields else None, str(error))
            else:
                messages.success(
                    request, f"{bid.reference}: {decision.get_outcome_display().lower()}."
                )
                return redirect(self.url("bid-decision", bid.pk))
        return self.render_to_response(self.get_context_data(form=form))


class TrancheRelease(FundingPage, TemplateView):
    """Confirm and pay a planned tranche out of the fund."""

    model = Tranche
    allowed_roles = selectors.FUNDING_OFFICERS
    template_name = "funding/tranche_release.html"

    def tranche(self) -> Tranche:
        try:
            return decisions.tranche_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Tranche.DoesNotExist as missing:
            raise Http404("No such tranche.") from missing

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tranche = self.tranche()
        context.update(
            tranche=tranche,
            award=tranche.award,
            bid=tranche.award.bid,
            balance=ledger.fund_balance(tranche.award.fund),
            planned=decisions.planned(tranche),
            back_url=self.url("bid-decision", tranche.award.bid_id),
        )
        context.setdefault("form", TrancheReleaseForm(initial={"released_on": self.today}))
        return context

    def post(self, request, *args, **kwargs):
        tranche = self.tranche()
        form = TrancheReleaseForm(request.POST)
        if form.is_valid():
            try:
                ledger.tranche_release(
                    tranche=tranche, on=form.cleaned_data["released_on"], by=request.user
                )
            except BusinessRuleError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"Tranche {tranche.number} ({ledger.pounds(tranche.amount)}) released to "
                    f"{tranche.award.bid.applicant}.",
                )
                return redirect(self.url("bid-decision", tranche.award.bid_id))
        return self.render_to_response(self.get_context_data(form=form))


urlpatterns = [
    path("bids/<int:pk>/decision/", BidDecision.as_view(), name="bid-decision"),
    path("tranches/<int:pk>/release/", TrancheRelease.as_view(), name="tranche-release"),
]
