"""Funding pages: applicants, bids (list, pipeline board, the bid's tabs), submitting and
moving bids on, the eligibility checklist and documents.

Every bid is found through selectors.bid_get, so a bid the user may not see is 404; the
rules of who may change what live in funding.bids.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from saferboard.actions.selectors import user_organisation_ids
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.models import User
from saferboard.core.permissions import PartnershipMixin
from saferboard.funding import bids, selectors
from saferboard.funding.bid_forms import (
    BID_FIELDS,
    ApplicantForm,
    BidDocumentForm,
    BidForm,
    BidNoteForm,
    BidSubmitForm,
    EligibilityForm,
    organisations_for_form,
)
from saferboard.funding.models import Applicant, Bid, BidDocument, Fund, FundStatus, Stage

BID_TABS = [
    ("Application", "funding:bid-detail"),
    ("Eligibility", "funding:bid-eligibility"),
    ("Documents", "funding:bid-documents"),
    ("History", "funding:bid-history"),
]


def _form_errors(form, error: Exception) -> None:
    """Put a service's refusal on the form, against its field where the form has it."""
    if isinstance(error, bids.BidNotReady):
        for problem in error.problems:
            field = problem.field if problem.field in form.fields else None
            form.add_error(field, problem.message[:1].upper() + problem.message[1:])
    elif isinstance(error, BusinessRuleError):
        form.add_error(error.field if error.field in form.fields else None, str(error))
    elif isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
    else:
        form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))


class FundingPage(PartnershipMixin):
    @property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def url(self, name: str, pk: int | None = None) -> str:
        kwargs = {"partnership": self.partnership.slug}
        if pk is not None:
            kwargs["pk"] = pk
        return reverse(f"funding:{name}", kwargs=kwargs)

    @property
    def is_officer(self) -> bool:
        return self.has_role(selectors.FUNDING_OFFICERS)


# --- applicants ------------------------------------------------------------------------


class ApplicantPage(FundingPage):
    model = Applicant

    def applicants(self):
        return bids.applicant_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today
        )

    def applicant(self) -> Applicant:
        if not hasattr(self, "_applicant"):
            try:
                self._applicant = self.applicants().get(pk=self.kwargs["pk"])
            except Applicant.DoesNotExist as error:
                raise Http404("No such applicant.") from error
        return self._applicant


class ApplicantList(ApplicantPage, TemplateView):
    template_name = "funding/applicant_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(self.applicants(), 50).get_page(self.request.GET.get("page"))
        context.update(
            page=page,
            applicants=list(page.object_list),
            can_add=self.has_role(selectors.BID_WRITERS),
        )
        return context


class ApplicantDetail(ApplicantPage, TemplateView):
    template_name = "funding/applicant_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applicant = self.applicant()
        visible = selectors.bid_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today
        )
        context.update(
            applicant=applicant,
            users=list(applicant.users.all()),
            applicant_bids=list(visible.filter(applicant=applicant)),
            can_edit=self.is_officer
            or bids.acts_for(applicant=applicant, by=self.request.user, on=self.today),
            history=history_changes(applicant),
        )
        return context


class ApplicantFormPage(ApplicantPage, FormView):
    template_name = "funding/applicant_form.html"
    form_class = ApplicantForm
    allowed_roles = selectors.BID_WRITERS

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.is_officer:
            kwargs["organisations"] = organisations_for_form(partnership=self.partnership)
            kwargs["users"] = User.objects.filter(
                partnership_roles__partnership=self.partnership
            ).distinct()
        else:
            mine = user_organisation_ids(
                partnership=self.partnership, user=self.request.user, on=self.today
            )
            kwargs["organisations"] = organisations_for_form(
                partnership=self.partnership, only=mine
            )
            kwargs["users"] = None
        if "pk" in self.kwargs:
            kwargs["instance"] = self.applicant()
        return kwargs

    def form_valid(self, form):
        fields = {
            name: value
            for name, value in form.cleaned_data.items()
            if name in form._meta.fields and name != "users"
        }
        users = form.cleaned_data.get("users") if "users" in form.fields else None
        try:
            with transaction.atomic():
                if "pk" in self.kwargs:
                    applicant = bids.applicant_update(
                        applicant=self.applicant(),
                        by=self.request.user,
                        expected_version=form.cleaned_data.get("version"),
                        users=users,
                        on=self.today,
                        **fields,
                    )
                else:
                    applicant = bids.applicant_create(
                        partnership=self.partnership,
                        by=self.request.user,
                        users=users,
                        on=self.today,
                        **fields,
                    )
        except (BusinessRuleError, StaleEditError, ValidationError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{applicant} saved.")
        return redirect(self.url("applicant-detail", applicant.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        editing = "pk" in self.kwargs
        context.update(
            object=self.applicant() if editing else None,
            cancel_url=self.url("applicant-detail", self.applicant().pk)
            if editing
            else self.url("applicant-list"),
        )
        return context


# --- bid lists -------------------------------------------------------------------------


def days_in_stage(bid: Bid, today: datetime.date) -> int | None:
    return (today - bid.stage_changed_on).days if bid.stage_changed_on else None


class BidList(FundingPage, TemplateView):
    """The bids the user may see ("My bids" for a contributor), filtered."""

    template_name = "funding/bid_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = selectors.bid_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today
        )
        chosen = {name: self.request.GET.get(name, "") for name in ("fund", "stage", "applicant")}
        shown = visible
        if chosen["fund"].isdigit():
            shown = shown.filter(fund_id=int(chosen["fund"]))
        if chosen["stage"] in Stage.values:
            shown = shown.filter(stage=chosen["stage"])
        if chosen["applicant"].isdigit():
            shown = shown.filter(applicant_id=int(chosen["applicant"]))
        page = Paginator(shown.order_by("-created_at", "-pk"), 50).get_page(
            self.request.GET.get("page")
        )
        rows = [(bid, days_in_stage(bid, self.today)) for bid in page.object_list]
        query = "&".join(f"{k}={v}" for k, v in chosen.items() if v)
        context.update(
            page=page,
            rows=rows,
            chosen=chosen,
            query=query,
            funds=list(Fund.objects.filter(partnership=self.partnership)),
            applicants=list(
                Applicant.objects.filter(pk__in=visible.values("applicant_id")).only("pk", "name")
            ),
            stages=Stage.choices,
            open_funds=list(
                Fund.objects.filter(partnership=self.partnership, status=FundStatus.OPEN)
            )
            if self.has_role(selectors.BID_WRITERS)
            else [],
            mine_only=not selectors.sees_all_bids(
                partnership=self.partnership, user=self.request.user, roles=self.roles
            ),
        )
        return context


class Pipeline(FundingPage, TemplateView):
    """A board with a column per stage; one query for the bids, whatever their number."""

    template_name = "funding/pipeline.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = selectors.bid_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today
        ).filter(stage__in=bids.PIPELINE_STAGES)
        fund = self.request.GET.get("fund", "")
        if fund.isdigit():
            visible = visible.filter(fund_id=int(fund))
        columns = {stage: [] for stage in bids.PIPELINE_STAGES}
        for bid in visible.order_by("stage_changed_on", "pk"):
            columns[bid.stage].append((bid, days_in_stage(bid, self.today)))
        context["columns"] = [(stage.value, stage.label, cards) for stage, cards in columns.items()]
        return context


# --- one bid ---------------------------------------------------------------------------


class BidPage(FundingPage):
    """A page about one bid: `pk` names the bid; 404 unless the user may see it."""

    model = Bid
    tab = ""

    def bid(self) -> Bid:
        if not hasattr(self, "_bid"):
            try:
                self._bid = selectors.bid_get(
                    partnership=self.partnership,
                    user=self.request.user,
                    roles=self.roles,
                    on=self.today,
                    pk=self.kwargs["pk"],
                )
            except Bid.DoesNotExist as error:
                raise Http404("No such bid.") from error
        return self._bid

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid()
        user = self.request.user
        kwargs = {"partnership": self.partnership.slug, "pk": bid.pk}
        writer = bid.stage in bids.OPEN_STAGES and bids.acts_for(
            applicant=bid.applicant, by=user, on=self.today
        )
        context.update(
            bid=bid,
            tab=self.tab,
            bid_tabs=[
                (label, reverse(name, kwargs=kwargs), name == self.tab) for label, name in BID_TABS
            ],
            award_pk=getattr(getattr(bid, "award", None), "pk", None),
            is_officer=self.is_officer,
            can_edit=bids.bid_may_edit(bid=bid, by=user, on=self.today),
            can_submit=writer and bid.stage == Stage.DRAFT,
            can_withdraw=writer,
            next_stage=bids.NEXT_STAGE.get(bid.stage) if self.is_officer else None,
            failed_checks=[line for line in bids.eligibility_checklist(bid=bid) if line.failed],
        )
        if context["next_stage"]:
            context["move_label"] = f"Move to {Stage(context['next_stage']).label.lower()}"
        return context


class BidDetail(BidPage, TemplateView):
    template_name = "funding/bid_detail.html"
    tab = "funding:bid-detail"


class BidHistory(BidPage, TemplateView):
    template_name = "funding/bid_history.html"
    tab = "funding:bid-history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bid = self.bid()
        context.update(
            stage_changes=list(bid.stage_changes.select_related("by")),
            history=history_changes(bid),
        )
        return context


class BidAdd(FundingPage, FormView):
    """Start a bid to a fund: `pk` names the fund."""

    model = Fund
    template_name = "funding/bid_form.html"
    form_class = BidForm
    allowed_roles = selectors.BID_WRITERS

    def fund(self) -> Fund:
        try:
            return selectors.fund_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Fund.DoesNotExist as error:
            raise Http404("No such fund.") from error

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.is_officer:
            applicants = Applicant.objects.filter(partnership=self.partnership)
        else:
            applicants = selectors.applicants_for_user(
                partnership=self.partnership, user=self.request.user, on=self.today
            )
        kwargs.update(fund=self.fund(), applicants=applicants)
        return kwargs

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in BID_FIELDS}
        try:
            bid = bids.bid_create(
                fund=self.fund(),
                applicant=form.cleaned_data["applicant"],
                by=self.request.user,
                on=self.today,
                **fields,
            )
        except (BusinessRuleError, ValidationError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Bid {bid.reference} started as a draft.")
        return redirect(self.url("bid-detail", bid.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.fund()
        context.update(
            fund=fund,
            cancel_url=self.url("bid-list"),
            applicants_exist=context["form"].fields["applicant"].queryset.exists(),
        )
        return context


class BidEdit(BidPage, FormView):
    template_name = "funding/bid_form.html"
    form_class = BidForm
    tab = "funding:bid-detail"
    allowed_roles = selectors.BID_WRITERS

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(fund=self.bid().fund, instance=self.bid())
        return kwargs

    def form_valid(self, form):
        bid = self.bid()
        fields = {name: form.cleaned_data[name] for name in BID_FIELDS}
        try:
            bids.bid_update(
                bid=bid,
                by=self.request.user,
                expected_version=form.cleaned_data.get("version"),
                on=self.today,
                **fields,
            )
        except (BusinessRuleError, StaleEditError, ValidationError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Bid {bid.reference} saved.")
        return redirect(self.url("bid-detail", bid.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(fund=self.bid().fund, cancel_url=self.url("bid-detail", self.bid().pk))
        return context


class BidSubmit(BidPage, FormView):
    """Check the bid and submit it as an expression of interest."""

    template_name = "funding/bid_submit.html"
    form_class = BidSubmitForm
    tab = "funding:bid-detail"
    allowed_roles = selectors.BID_WRITERS

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        bid = self.bid()
        kwargs["long_term"] = bid.term_months > bid.fund.standard_term_months
        return kwargs

    def get_initial(self):
        return {"version": self.bid().version}

    def form_valid(self, form):
        bid = self.bid()
        try:
            bids.bid_submit(
                bid=bid,
                by=self.request.user,
                on=self.today,
                term_justification=form.cleaned_data.get("term_justification", ""),
                expected_version=form.cleaned_data.get("version"),
            )
        except (BusinessRuleError, StaleEditError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, f"Bid {bid.reference} submitted as an expression of interest."
        )
        return redirect(self.url("bid-detail", bid.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["problems"] = bids.submission_problems(bid=self.bid(), term_justification="-")
        return context


class BidWithdraw(BidPage, FormView):
    template_name = "funding/bid_withdraw.html"
    form_class = BidNoteForm
    tab = "funding:bid-detail"
    allowed_roles = selectors.BID_WRITERS

    def get_initial(self):
        return {"version": self.bid().version}

    def form_valid(self, form):
        bid = self.bid()
        try:
            bids.bid_withdraw(
                bid=bid,
                by=self.request.user,
                on=self.today,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data.get("version"),
            )
        except (BusinessRuleError, StaleEditError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Bid {bid.reference} withdrawn.")
        return redirect(self.url("bid-detail", bid.pk))


class BidMove(BidPage, FormView):
    """The officer moves the bid on to its next stage, with a note."""

    template_name = "funding/bid_move.html"
    form_class = BidNoteForm
    tab = "funding:bid-detail"
    allowed_roles = selectors.FUNDING_OFFICERS

    def get_initial(self):
        return {"version": self.bid().version}

    def form_valid(self, form):
        bid = self.bid()
        to_stage = bids.NEXT_STAGE.get(bid.stage)
        try:
            if to_stage is None:
                raise BusinessRuleError(
                    f"{bid.reference} is {bid.get_stage_display().lower()}: officers do not "
                    "move it on from here."
                )
            bids.bid_move(
                bid=bid,
                to_stage=to_stage,
                by=self.request.user,
                on=self.today,
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data.get("version"),
            )
        except (BusinessRuleError, StaleEditError) as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Bid {bid.reference} moved to {Stage(to_stage).label}.")
        return redirect(self.url("bid-detail", bid.pk))


class BidEligibility(BidPage, FormView):
    """The checklist: officers answer it; everyone who sees the bid reads it."""

    template_name = "funding/bid_eligibility.html"
    form_class = EligibilityForm
    tab = "funding:bid-eligibility"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["lines"] = bids.eligibility_checklist(bid=self.bid())
        return kwargs

    def post(self, request, *args, **kwargs):
        if not self.is_officer:
            raise Http404("Only the funding officer completes the checklist.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        bid = self.bid()
        try:
            with transaction.atomic():
                bids.eligibility_record(
                    bid=bid, answers=form.answers(), by=self.request.user, on=self.today
                )
        except BusinessRuleError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"Eligibility checklist of {bid.reference} saved.")
        return redirect(self.url("bid-eligibility", bid.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            lines=bids.eligibility_checklist(bid=self.bid()),
            problems=bids.eligibility_problems(bid=self.bid()),
            may_answer=self.is_officer and self.bid().stage in bids.OPEN_STAGES,
        )
        return context


class BidDocuments(BidPage, FormView):
    template_name = "funding/bid_documents.html"
    form_class = BidDocumentForm
    tab = "funding:bid-documents"

    def post(self, request, *args, **kwargs):
        if not bids.bid_may_add_documents(bid=self.bid(), by=request.user, on=self.today):
            raise Http404("You cannot add documents to this bid.")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        bid = self.bid()
        upload = form.cleaned_data["file"]
        try:
            document = bids.bid_document_add(
                bid=bid,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                name=upload.name,
                data=upload.read(),
                by=self.request.user,
                on=self.today,
            )
        except BusinessRuleError as error:
            _form_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"“{document.title}” added to {bid.reference}.")
        return redirect(self.url("bid-documents", bid.pk))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            documents=list(self.bid().documents.select_related("uploaded_by")),
            may_add=bids.bid_may_add_documents(bid=self.bid(), by=self.request.user, on=self.today),
        )
        return context


class BidDocumentFile(FundingPage, TemplateView):
    """A bid's document, for those who may see the bid; 404 for anyone else."""

    model = BidDocument

    def get(self, request, *args, **kwargs):
        visible = selectors.bid_list(
            partnership=self.partnership, user=request.user, roles=self.roles, on=self.today
        )
        document = BidDocument.objects.filter(
            partnership=self.partnership, bid__in=visible.values("pk"), pk=kwargs["pk"]
        ).first()
        if document is None:
            raise Http404("No such document.")
        try:
            handle = document.file.open("rb")
        except (FileNotFoundError, ValueError) as error:
            raise Http404("The file is missing.") from error
        return FileResponse(
            handle,
            as_attachment=True,
            filename=document.file_name,
            content_type=bids.bid_document_content_type(document=document),
        )


urlpatterns = [
    path("applicants/", ApplicantList.as_view(), name="applicant-list"),
    path("applicants/add/", ApplicantFormPage.as_view(), name="applicant-add"),
    path("applicants/<int:pk>/", ApplicantDetail.as_view(), name="applicant-detail"),
    path("applicants/<int:pk>/edit/", ApplicantFormPage.as_view(), name="applicant-edit"),
    path("bids/", BidList.as_view(), name="bid-list"),
    path("bids/pipeline/", Pipeline.as_view(), name="pipeline"),
    path("funds/<int:pk>/bids/add/", BidAdd.as_view(), name="bid-add"),
    path("bids/<int:pk>/", BidDetail.as_view(), name="bid-detail"),
    path("bids/<int:pk>/edit/", BidEdit.as_view(), name="bid-edit"),
    path("bids/<int:pk>/submit/", BidSubmit.as_view(), name="bid-submit"),
    path("bids/<int:pk>/withdraw/", BidWithdraw.as_view(), name="bid-withdraw"),
    path("bids/<int:pk>/move/", BidMove.as_view(), name="bid-move"),
    path("bids/<int:pk>/eligibility/", BidEligibility.as_view(), name="bid-eligibility"),
    path("bids/<int:pk>/documents/", BidDocuments.as_view(), name="bid-documents"),
    path("bids/<int:pk>/history/", BidHistory.as_view(), name="bid-history"),
    path("documents/<int:pk>/file/", BidDocumentFile.as_view(), name="bid-document-file"),
]
