"""Funding pages: the overview, funds with their settings, balance, chart and ledger, and the
forms that add income, reallocate money and edit eligibility rules, criteria and assessors.

Everyone in the partnership reads funds; only funding officers (managers) change them."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.forms import GovUKForm
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.funding import export_views, fund_forms, funds, ledger, selectors
from saferboard.funding.charts import balance_chart
from saferboard.funding.models import (
    STAGE_ORDER,
    Criterion,
    EligibilityRule,
    Fund,
    LedgerEntry,
    RuleKind,
    Stage,
)
from saferboard.funding.selectors import FUNDING_OFFICERS


def fund_period_label(fund: Fund) -> str:
    if fund.financial_year:
        return f"{fund.financial_year}/{(fund.financial_year + 1) % 100:02d}"
    return fund.get_period_display()


class FundMixin:
    model = Fund
    url_prefix = "funding:fund"
    list_selector = selectors.fund_list
    editor_roles = FUNDING_OFFICERS


class Overview(PartnershipMixin, TemplateView):
    """The partnership's funds with their money, and how many bids are at each stage."""

    template_name = "funding/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund_list = list(selectors.fund_list(partnership=self.partnership))
        figures = ledger.balances(fund_list)
        bids = selectors.bid_list(
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        )
        counts = dict(bids.values_list("stage").annotate(n=Count("pk")).order_by())
        stages = [*STAGE_ORDER, Stage.WITHDRAWN]
        context.update(
            funds=[(fund, figures[fund.pk]) for fund in fund_list],
            stages=[(Stage(stage).label, counts.get(stage, 0)) for stage in stages],
            bid_total=sum(counts.values()),
            can_edit=self.has_role(FUNDING_OFFICERS),
        )
        return context


class FundList(FundMixin, crud.RecordListView):
    columns = [
        ("Fund", "name"),
        ("Source", "get_source_display"),
        ("Period", "period_label"),
        ("Status", "get_status_display"),
        ("Available to award", "available_label"),
    ]
    search_fields = ["name", "reference_prefix"]

    def decorate_page(self, objects: list) -> None:
        figures = ledger.balances(objects)
        for fund in objects:
            fund.period_label = fund_period_label(fund)
            fund.available_label = ledger.pounds(figures[fund.pk].available)


class FundFormView(FundMixin, crud.RecordFormView):
    form_class = fund_forms.FundForm

    def save(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        if self.object is None:
            return funds.fund_create(partnership=self.partnership, by=self.request.user, **fields)
        return funds.fund_update(
            fund=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
        )


def ledger_rows(*, entries, visible_awards: set[int]) -> list[dict]:
    """Ledger entries for a table; an award's bid reference only where the user sees the bid."""
    rows = []
    for entry in entries:
        award = entry.award if entry.award_id in visible_awards else None
        rows.append(
            {
                "entry": entry,
                "award": award,
                "reference": award.bid.reference if award else "",
                "hidden_award": entry.award_id is not None and award is None,
                "incoming": entry.kind in {"income", "return", "reallocation_in"},
            }
        )
    return rows


class FundPageMixin(FundMixin, crud.RecordMixin):
    def ledger_entries(self, fund: Fund):
        return (
            LedgerEntry.objects.filter(fund=fund)
            .select_related("award__bid", "other_fund", "by")
            .order_by("-on", "-pk")
        )

    def visible_awards(self, fund: Fund) -> set[int]:
        awards = selectors.award_list(
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        )
        return set(awards.filter(fund=fund).values_list("pk", flat=True))


class FundDetail(FundPageMixin, TemplateView):
    template_name = "funding/fund_detail.html"
    recent = 10

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.get_object()
        rules = list(fund.rules.all())
        points = [
            (on, figures.cash, figures.available) for on, figures in ledger.balance_over_time(fund)
        ]
        entries = self.ledger_entries(fund)
        recent = list(entries[: self.recent + 1])
        context.update(
            object=fund,
            period_label=fund_period_label(fund),
            balance=ledger.fund_balance(fund),
            requirements=[r for r in rules if r.kind == RuleKind.REQUIREMENT],
            exclusions=[r for r in rules if r.kind == RuleKind.EXCLUSION],
            criteria=list(fund.criteria.all()),
            assessors=list(fund.assessors.order_by("last_name", "first_name", "username")),
            chart=balance_chart(points=points, title=f"{fund.name}: balance over time"),
            points=points,
            ledger_rows=ledger_rows(
                entries=recent[: self.recent], visible_awards=self.visible_awards(fund)
            ),
            more_entries=len(recent) > self.recent,
            history=history_changes(fund),
            edit_url=self.url("edit", fund),
        )
        return context


class FundLedger(FundPageMixin, TemplateView):
    template_name = "funding/fund_ledger.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        fund = self.get_object()
        page = Paginator(self.ledger_entries(fund), 50).get_page(self.request.GET.get("page"))
        context.update(
            object=fund,
            page=page,
            balance=ledger.fund_balance(fund),
            ledger_rows=ledger_rows(
                entries=page.object_list, visible_awards=self.visible_awards(fund)
            ),
        )
        return context


class FundAction(PartnershipMixin, FormView):
    """A form about one fund (or one of its rules or criteria), for funding officers.
    Subclasses say what it does in `act`; anything refused saves nothing."""

    model = Fund
    template_name = "funding/fund_form_page.html"
    allowed_roles = FUNDING_OFFICERS
    heading = ""
    submit_label = "Save"
    anchor = ""

    def get_object(self):
        records = self.model.objects.filter(partnership=self.partnership)
        return get_object_or_404(records, pk=self.kwargs["pk"])

    @property
    def object(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
        return self._object

    @property
    def fund(self) -> Fund:
        return self.object if isinstance(self.object, Fund) else self.object.fund

    def fund_url(self) -> str:
        url = reverse(
            "funding:fund-detail", kwargs={"partnership": self.partnership.slug, "pk": self.fund.pk}
        )
        return f"{url}#{self.anchor}" if self.anchor else url

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.object  # noqa: B018 - 404 before the form is built
        return kwargs

    def act(self, form) -> str:
        """Do it; return the message to show."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                message = self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.error_list}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.fund_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            fund=self.fund,
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.fund_url(),
        )
        return context


class FundIncome(FundAction):
    form_class = fund_forms.IncomeForm
    heading = "Add income"
    submit_label = "Add the income"
    anchor = "ledger"

    def get_initial(self):
        return {"on": datetime.date.today()}

    def act(self, form):
        entry = ledger.income_add(
            fund=self.object,
            amount=form.cleaned_data["amount"],
            on=form.cleaned_data["on"],
            by=self.request.user,
            note=form.cleaned_data["note"],
        )
        available = ledger.fund_balance(self.object).available
        return (
            f"{ledger.pounds(entry.amount)} added to {self.object.name}: "
            f"{ledger.pounds(available)} now available to award."
        )


class FundReallocate(FundAction):
    form_class = fund_forms.ReallocateForm
    heading = "Move money to another fund"
    submit_label = "Move the money"
    anchor = "ledger"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"fund": self.object}

    def get_initial(self):
        return {"on": datetime.date.today()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        available = ledger.fund_balance(self.object).available
        context["lead"] = f"{self.object.name} has {ledger.pounds(available)} available to move."
        return context

    def act(self, form):
        out, _ = ledger.reallocate(
            source=self.object,
            target=form.cleaned_data["target"],
            amount=form.cleaned_data["amount"],
            on=form.cleaned_data["on"],
            by=self.request.user,
            note=form.cleaned_data["note"],
        )
        return f"{ledger.pounds(out.amount)} moved to {form.cleaned_data['target'].name}."


class FundAssessors(FundAction):
    form_class = fund_forms.AssessorsForm
    heading = "Choose the assessors"
    anchor = "assessors"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"fund": self.object}

    def get_initial(self):
        return {"assessors": list(self.object.assessors.all()), "version": self.object.version}

    def act(self, form):
        funds.assessors_set(
            fund=self.object,
            by=self.request.user,
            users=form.cleaned_data["assessors"],
            expected_version=form.cleaned_data.get("version"),
        )
        return "Assessors saved."


class RuleAdd(FundAction):
    form_class = fund_forms.RuleForm
    heading = "Add an eligibility rule"
    anchor = "eligibility"

    def get_initial(self):
        return {"kind": self.request.GET.get("kind", RuleKind.REQUIREMENT)}

    def act(self, form):
        rule = funds.rule_add(
            fund=self.object,
            by=self.request.user,
            kind=form.cleaned_data["kind"],
            wording=form.cleaned_data["wording"],
            guidance=form.cleaned_data["guidance"],
        )
        return f"{rule.get_kind_display()} added: {rule.wording}"


class RuleEdit(FundAction):
    model = EligibilityRule
    form_class = fund_forms.RuleForm
    heading = "Change an eligibility rule"
    anchor = "eligibility"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.object}

    def act(self, form):
        fields = {k: form.cleaned_data[k] for k in ("kind", "wording", "guidance")}
        funds.rule_update(
            rule=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
        )
        return "Rule saved."


class CriterionAdd(FundAction):
    form_class = fund_forms.CriterionForm
    heading = "Add an assessment criterion"
    anchor = "criteria"

    def act(self, form):
        fields = {k: form.cleaned_data[k] for k in ("title", "description", "maximum_score")}
        criterion = funds.criterion_add(
            fund=self.object, by=self.request.user, weight=form.cleaned_data["weight"], **fields
        )
        return f"Criterion added: {criterion.title}"


class CriterionEdit(FundAction):
    model = Criterion
    form_class = fund_forms.CriterionForm
    heading = "Change an assessment criterion"
    anchor = "criteria"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.object}

    def act(self, form):
        fields = {k: form.cleaned_data[k] for k in ("title", "description", "weight")}
        funds.criterion_update(
            criterion=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            maximum_score=form.cleaned_data["maximum_score"],
            **fields,
        )
        return "Criterion saved."


class SettingRemove(FundAction):
    """Confirm, then remove a rule or criterion."""

    template_name = "funding/fund_setting_remove.html"
    form_class = GovUKForm
    submit_label = "Remove"

    @property
    def heading(self):
        return f"Remove “{self.object}”?"

    def act(self, form):
        funds.setting_remove(record=self.object, by=self.request.user)
        return f"Removed: {self.object}"


class RuleRemove(SettingRemove):
    model = EligibilityRule
    anchor = "eligibility"


class CriterionRemove(SettingRemove):
    model = Criterion
    anchor = "criteria"


class SettingMove(PartnershipMixin, View):
    """Move a rule or criterion one place up or down (buttons on the fund's page)."""

    model = EligibilityRule
    allowed_roles = FUNDING_OFFICERS
    anchor = "eligibility"

    def record(self):
        records = self.model.objects.filter(partnership=self.partnership)
        return get_object_or_404(records, pk=self.kwargs["pk"])

    def back(self, record):
        url = reverse(
            "funding:fund-detail",
            kwargs={"partnership": self.partnership.slug, "pk": record.fund_id},
        )
        return redirect(f"{url}#{self.anchor}")

    def get(self, request, *args, **kwargs):
        return self.back(self.record())

    def post(self, request, *args, **kwargs):
        record = self.record()
        funds.setting_move(record=record, by=request.user, up=request.POST.get("move") == "up")
        return self.back(record)


class CriterionMove(SettingMove):
    model = Criterion
    anchor = "criteria"


urlpatterns = [
    path("", Overview.as_view(), name="overview"),
    path("funds/", FundList.as_view(), name="fund-list"),
    path("funds/add/", FundFormView.as_view(), name="fund-add"),
    path("funds/<int:pk>/", FundDetail.as_view(), name="fund-detail"),
    path("funds/<int:pk>/edit/", FundFormView.as_view(), name="fund-edit"),
    path("funds/<int:pk>/ledger/", FundLedger.as_view(), name="fund-ledger"),
    path("funds/<int:pk>/income/", FundIncome.as_view(), name="fund-income"),
    path("funds/<int:pk>/reallocate/", FundReallocate.as_view(), name="fund-reallocate"),
    path("funds/<int:pk>/assessors/", FundAssessors.as_view(), name="fund-assessors"),
    path("funds/<int:pk>/rules/add/", RuleAdd.as_view(), name="fund-rule-add"),
    path("funds/<int:pk>/criteria/add/", CriterionAdd.as_view(), name="fund-criterion-add"),
    path("rules/<int:pk>/edit/", RuleEdit.as_view(), name="fund-rule-edit"),
    path("rules/<int:pk>/remove/", RuleRemove.as_view(), name="fund-rule-remove"),
    path("rules/<int:pk>/move/", SettingMove.as_view(), name="fund-rule-move"),
    path("criteria/<int:pk>/edit/", CriterionEdit.as_view(), name="fund-criterion-edit"),
    path("criteria/<int:pk>/remove/", CriterionRemove.as_view(), name="fund-criterion-remove"),
    path("criteria/<int:pk>/move/", CriterionMove.as_view(), name="fund-criterion-move"),
    *export_views.urlpatterns,
]
