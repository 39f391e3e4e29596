"""Funding pages: awards and their monitoring (milestones, reports, the review, variations,
money back and the end of the grant). Thin: every rule is in funding/monitoring.py.

Who does what: everyone who may see an award (funding.selectors.award_list) sees its page;
the grantee's contributors submit its reports and ask for variations; managers (the
funding officers) do everything else."""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.permissions import PartnershipMixin
from saferboard.funding import ledger, monitoring, selectors
from saferboard.funding import monitoring_forms as forms
from saferboard.funding.models import (
    Award,
    AwardStatus,
    LedgerEntry,
    Milestone,
    MilestoneStatus,
    MonitoringReport,
    ReportKind,
    ReportStatus,
    Tranche,
    TrancheStatus,
    Variation,
    VariationKind,
)
from saferboard.funding.selectors import BID_WRITERS, FUNDING_OFFICERS

pounds = ledger.pounds


class AwardAccess(PartnershipMixin):
    """Looks awards (and their milestones, reports, variations) up through what the user
    may see, so anything else is 404."""

    model = Award

    def today(self) -> datetime.date:
        return timezone.localdate()

    def awards(self):
        return selectors.award_list(
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=self.today(),
        )

    def lookup(self):
        if self.model is Award:
            return get_object_or_404(self.awards(), pk=self.kwargs["pk"])
        records = self.model.objects.filter(
            partnership=self.partnership, award__in=self.awards()
        ).select_related("award__bid__applicant", "award__fund")
        return get_object_or_404(records, pk=self.kwargs["pk"])

    def is_officer(self) -> bool:
        return self.has_role(FUNDING_OFFICERS)

    def acts_for(self, award: Award) -> bool:
        """Officers act for every grantee; contributors for the applicants they act for."""
        if self.is_officer():
            return True
        return (
            self.has_role(frozenset({"contributor"}))
            and selectors.applicants_for_user(
                partnership=self.partnership, user=self.request.user, on=self.today()
            )
            .filter(pk=award.bid.applicant_id)
            .exists()
        )

    def award_url(self, award: Award) -> str:
        return reverse(
            "funding:award-detail", kwargs={"partnership": self.partnership.slug, "pk": award.pk}
        )


def _positions(award_ids) -> dict[int, ledger.Balance]:
    """Each award's ledger figures, in one query."""
    totals: dict[int, dict] = defaultdict(dict)
    rows = (
        LedgerEntry.objects.filter(award__in=award_ids)
        .values_list("award_id", "kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for award_id, kind, total in rows:
        totals[award_id][kind] = total
    return {pk: ledger.Balance.from_totals(totals.get(pk, {})) for pk in award_ids}


def _next_due(award_ids) -> dict[int, tuple[datetime.date, str]]:
    """The soonest thing each award has due: a report, a milestone or a planned tranche
    (three queries, however many awards)."""
    soonest: dict[int, tuple[datetime.date, str]] = {}

    def offer(award_id, due_on, label):
        if award_id not in soonest or due_on < soonest[award_id][0]:
            soonest[award_id] = (due_on, label)

    for award_id, kind, due_on in MonitoringReport.objects.filter(
        award__in=award_ids, status=ReportStatus.DUE
    ).values_list("award_id", "kind", "due_on"):
        offer(award_id, due_on, ReportKind(kind).label)
    for award_id, title, due_on in Milestone.objects.filter(
        award__in=award_ids, status=MilestoneStatus.DUE
    ).values_list("award_id", "title", "due_on"):
        offer(award_id, due_on, f"Milestone: {title}")
    for award_id, number, due_on in Tranche.objects.filter(
        award__in=award_ids, status=TrancheStatus.PLANNED
    ).values_list("award_id", "number", "due_on"):
        offer(award_id, due_on, f"Tranche {number}")
    return soonest


def days_phrase(due_on: datetime.date, today: datetime.date) -> str:
    days = (due_on - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' * (days != -1)}"
    if days == 0:
        return "due today"
    return f"due in {days} day{'s' * (days != 1)}"


class AwardList(AwardAccess, TemplateView):
    template_name = "funding/award_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = self.awards().order_by("status", "ends_on", "pk")
        status = self.request.GET.get("status", "")
        if status in AwardStatus.values:
            awards = awards.filter(status=status)
        page = Paginator(awards, self.page_size).get_page(self.request.GET.get("page"))
        objects = list(page.object_list)
        ids = [each.pk for each in objects]
        positions, next_due = _positions(ids), _next_due(ids)
        today = self.today()
        rows = []
        for award in objects:
            position = positions[award.pk]
            due = next_due.get(award.pk) if award.status == AwardStatus.ACTIVE else None
            rows.append(
                {
                    "award": award,
                    "url": self.award_url(award),
                    "total": pounds(award.total),
                    "released": pounds(position.released),
                    "returned": pounds(position.returned),
                    "next_due": due and f"{due[1]}, {days_phrase(due[0], today)}",
                }
            )
        context.update(page=page, rows=rows, status=status, statuses=AwardStatus.choices)
        return context


class AwardDetail(AwardAccess, TemplateView):
    template_name = "funding/award_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.lookup()
        today = self.today()
        position = ledger.award_position(award)
        review = None
        if award.review_on:
            decided = award.reports.filter(
                kind=ReportKind.REVIEW, status=ReportStatus.ACCEPTED
            ).exists()
            if decided:
                review = "Review decided"
            elif award.status == AwardStatus.ACTIVE:
                review = f"Review {days_phrase(award.review_on, today)}"
        officer = self.is_officer()
        context.update(
            object=award,
            award=award,
            bid=award.bid,
            figures=[
                ("Total awarded", pounds(award.total)),
                ("Released to the grantee", pounds(position.released)),
                ("Committed, not yet released", pounds(position.committed)),
                ("Returned by the grantee", pounds(position.returned)),
                ("Given back to the fund unreleased", pounds(position.reduced)),
            ],
            review=review,
            tranches=[
                {"tranche": each, "amount": pounds(each.amount)}
                for each in award.tranches.order_by("number")
            ],
            milestones=list(award.milestones.all()),
            reports=list(award.reports.all()),
            variations=list(award.variations.select_related("requested_by", "resolution")),
            is_officer=officer,
            acts_for=self.acts_for(award),
            is_active=award.status == AwardStatus.ACTIVE,
            today=today,
        )
        return context


class ReportDetail(AwardAccess, TemplateView):
    model = MonitoringReport
    template_name = "funding/monitoring_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.lookup()
        context.update(
            object=report,
            award=report.award,
            award_url=self.award_url(report.award),
            spend=None if report.spend_to_date is None else pounds(report.spend_to_date),
            may_submit=report.status != ReportStatus.ACCEPTED and self.acts_for(report.award),
            may_accept=report.status == ReportStatus.SUBMITTED and self.is_officer(),
        )
        return context


class MonitoringFormPage(AwardAccess, FormView):
    """A form about one award (or one of its milestones, reports or variations); the
    subclass says what it does in `act`, which runs in one transaction."""

    template_name = "funding/monitoring_form.html"
    allowed_roles = FUNDING_OFFICERS
    heading = ""
    submit_label = "Save"
    intro = ""

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def award_of(self, obj) -> Award:
        return obj if isinstance(obj, Award) else obj.award

    def get_form(self, form_class=None):
        if self.object is None:
            self.object = self.lookup()
            self.check(self.object)
        return super().get_form(form_class)

    def check(self, obj) -> None:
        """Refuse (403) a user who may see the record but not do this to it."""

    def get_initial(self):
        initial = super().get_initial()
        if self.object is not None and "version" in self.get_form_class().base_fields:
            initial["version"] = self.object.version
        return initial

    def act(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.messages}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        return redirect(self.award_url(self.award_of(self.object)))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.award_of(self.object)
        context.update(
            object=self.object,
            award=award,
            heading=self.heading,
            intro=self.intro,
            submit_label=self.submit_label,
            cancel_url=self.award_url(award),
        )
        return context

    def version(self, form):
        return form.cleaned_data.get("version")


class GranteeFormPage(MonitoringFormPage):
    """A form the grantee's own contributors may use, as well as officers."""

    allowed_roles = BID_WRITERS

    def check(self, obj) -> None:
        if not self.acts_for(self.award_of(obj)):
            raise PermissionDenied("Only the grantee's own contributors and officers can do this.")


class AwardSchedule(MonitoringFormPage):
    form_class = forms.ScheduleForm
    heading = "Set up the monitoring schedule"
    submit_label = "Set up the schedule"
    intro = (
        "This asks for a progress report every three months, the review on its date and the "
        "end-of-grant evaluation when the grant ends. Reports already asked for stay as they are."
    )

    def act(self, form):
        made = monitoring.award_monitoring_schedule(award=self.object, by=self.request.user)
        messages.success(self.request, f"{len(made)} report{'s' * (len(made) != 1)} asked for.")


class MilestoneAdd(MonitoringFormPage):
    form_class = forms.MilestoneForm
    heading = "Add a milestone or target"
    submit_label = "Add the milestone"

    def act(self, form):
        data = form.cleaned_data
        monitoring.milestone_add(
            award=self.object,
            title=data["title"],
            target=data["target"],
            due_on=data["due_on"],
            by=self.request.user,
        )
        messages.success(self.request, "Milestone added.")


class MilestoneEdit(MonitoringFormPage):
    model = Milestone
    form_class = forms.MilestoneForm
    heading = "Change the milestone"

    def get_initial(self):
        milestone = self.object
        return super().get_initial() | {
            "title": milestone.title,
            "target": milestone.target,
            "due_on": milestone.due_on,
        }

    def act(self, form):
        data = form.cleaned_data
        monitoring.milestone_edit(
            milestone=self.object,
            title=data["title"],
            target=data["target"],
            due_on=data["due_on"],
            by=self.request.user,
            expected_version=self.version(form),
        )
        messages.success(self.request, "Milestone saved.")


class MilestoneRecord(MonitoringFormPage):
    model = Milestone
    form_class = forms.MilestoneRecordForm
    heading = "Record what was achieved"

    def get_initial(self):
        return super().get_initial() | {"achieved": self.object.achieved}

    def act(self, form):
        data = form.cleaned_data
        monitoring.milestone_record(
            milestone=self.object,
            status=data["status"],
            achieved=data["achieved"],
            by=self.request.user,
            expected_version=self.version(form),
        )
        messages.success(self.request, "Milestone result recorded.")


class ReportAdd(MonitoringFormPage):
    form_class = forms.ReportScheduleForm
    heading = "Ask for a report"
    submit_label = "Ask for the report"

    def act(self, form):
        monitoring.report_schedule(
            award=self.object,
            kind=form.cleaned_data["kind"],
            due_on=form.cleaned_data["due_on"],
            by=self.request.user,
        )
        messages.success(self.request, "Report asked for.")


class ReportSubmit(GranteeFormPage):
    model = MonitoringReport
    form_class = forms.ReportSubmitForm
    heading = "Send the report"
    submit_label = "Send the report"

    def get_initial(self):
        report = self.object
        return super().get_initial() | {
            "narrative": report.narrative,
            "outputs": report.outputs,
            "spend_to_date": report.spend_to_date,
        }

    def act(self, form):
        data = form.cleaned_data
        monitoring.report_submit(
            report=self.object,
            narrative=data["narrative"],
            outputs=data["outputs"],
            spend_to_date=data["spend_to_date"],
            on=self.today(),
            by=self.request.user,
            expected_version=self.version(form),
        )
        messages.success(self.request, "Report sent.")


class ReportAccept(MonitoringFormPage):
    model = MonitoringReport
    form_class = forms.ReportAcceptForm
    submit_label = "Accept the report"

    @property
    def heading(self):
        if self.object is not None and self.object.kind == ReportKind.REVIEW:
            return "Record the review"
        return "Accept the report"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"is_review": self.object.kind == ReportKind.REVIEW}

    def act(self, form):
        data = form.cleaned_data
        monitoring.report_accept(
            report=self.object,
            comments=data["comments"],
            review_outcome=data.get("review_outcome", ""),
            on=self.today(),
            by=self.request.user,
            expected_version=self.version(form),
        )
        messages.success(self.request, "Report accepted.")


class VariationAdd(GranteeFormPage):
    form_class = forms.VariationForm
    heading = "Ask to change the grant"
    submit_label = "Send the request"
    intro = (
        "Changes to how the money is used need the partnership's approval before they are "
        "made. Nothing changes until a manager approves the request."
    )

    def act(self, form):
        data = form.cleaned_data
        monitoring.variation_request(
            award=self.object,
            kind=data["kind"],
            description=data["description"],
            new_ends_on=data["new_ends_on"],
            on=self.today(),
            by=self.request.user,
        )
        messages.success(self.request, "Request sent.")


class VariationDecide(MonitoringFormPage):
    model = Variation
    form_class = forms.VariationDecideForm
    heading = "Decide the request"
    submit_label = "Record the decision"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        variation = self.object
        context["intro"] = f"{variation.get_kind_display()}: {variation.description}" + (
            f" New end date: {monitoring.day(variation.new_ends_on)}."
            if variation.kind == VariationKind.EXTENSION
            else ""
        )
        return context

    def act(self, form):
        data = form.cleaned_data
        monitoring.variation_decide(
            variation=self.object,
            approve=data["decision"] == "approve",
            note=data["note"],
            resolution=data["resolution"],
            on=self.today(),
            by=self.request.user,
            expected_version=self.version(form),
        )
        messages.success(self.request, "Decision recorded.")


class AwardReturnMoney(MonitoringFormPage):
    form_class = forms.MoneyReturnForm
    heading = "Record money returned by the grantee"
    submit_label = "Record the return"
    intro = "Unused money the grantee pays back goes back into the fund."

    def get_initial(self):
        return super().get_initial() | {"on": self.today()}

    def act(self, form):
        data = form.cleaned_data
        monitoring.award_money_return(
            award=self.object,
            amount=data["amount"],
            on=data["on"],
            by=self.request.user,
            note=data["note"],
        )
        messages.success(self.request, "Return recorded.")


class AwardEnd(MonitoringFormPage):
    form_class = forms.AwardEndForm
    heading = "End the grant"
    submit_label = "End the grant"
    intro = (
        "Record any unused money the grantee returned. Money never released goes back to "
        "the fund, planned tranches are cancelled and the grant is marked completed."
    )

    def get_initial(self):
        return super().get_initial() | {"on": self.today()}

    def act(self, form):
        data = form.cleaned_data
        monitoring.award_complete(
            award=self.object,
            returned=data["returned"] or None,
            on=data["on"],
            by=self.request.user,
            note=data["note"],
            expected_version=self.version(form),
        )
        messages.success(self.request, "Grant completed.")


urlpatterns = [
    path("awards/", AwardList.as_view(), name="award-list"),
    path("awards/<int:pk>/", AwardDetail.as_view(), name="award-detail"),
    path("awards/<int:pk>/schedule/", AwardSchedule.as_view(), name="award-schedule"),
    path("awards/<int:pk>/milestones/add/", MilestoneAdd.as_view(), name="milestone-add"),
    path("milestones/<int:pk>/edit/", MilestoneEdit.as_view(), name="milestone-edit"),
    path("milestones/<int:pk>/record/", MilestoneRecord.as_view(), name="milestone-record"),
    path("awards/<int:pk>/reports/add/", ReportAdd.as_view(), name="report-add"),
    path("reports/<int:pk>/", ReportDetail.as_view(), name="report-detail"),
    path("reports/<int:pk>/submit/", ReportSubmit.as_view(), name="report-submit"),
    path("reports/<int:pk>/accept/", ReportAccept.as_view(), name="report-accept"),
    path("awards/<int:pk>/variations/add/", VariationAdd.as_view(), name="variation-add"),
    path("variations/<int:pk>/decide/", VariationDecide.as_view(), name="variation-decide"),
    path("awards/<int:pk>/return-money/", AwardReturnMoney.as_view(), name="award-return-money"),
    path("awards/<int:pk>/end/", AwardEnd.as_view(), name="award-end"),
]
