"""Strategy, priority and delivery plan pages: core.crud declarations plus the plan page, its
exception report (page and PDF), "reported on" and "copy to next year"."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.plans import exceptions, forms, selectors, services
from saferboard.plans.models import DeliveryPlan, Priority, Strategy
from saferboard.plans.selectors import PLAN_EDITORS


class StrategyMixin:
    model = Strategy
    url_prefix = "plans:strategy"
    list_selector = selectors.strategy_list
    editor_roles = PLAN_EDITORS


class StrategyList(StrategyMixin, crud.RecordListView):
    columns = [("Name", "name"), ("Period", "period_label"), ("Status", "get_status_display")]
    search_fields = ["name"]


class StrategyDetail(StrategyMixin, crud.RecordDetailView):
    template_name = "plans/strategy_detail.html"
    fields = [
        ("Name", "name"),
        ("Period", "period_label"),
        ("Owning body", "owner_body"),
        ("Sits beneath", "parent"),
        ("Statutory", "is_statutory"),
        ("Status", "get_status_display"),
        ("Description", "description"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["priorities"] = context["object"].priorities.order_by("position", "pk")
        context["plans"] = context["object"].delivery_plans.all()
        return context


class StrategyFormView(StrategyMixin, crud.RecordFormView):
    form_class = forms.StrategyForm


class PriorityMixin:
    model = Priority
    url_prefix = "plans:priority"
    list_selector = selectors.priority_list
    editor_roles = PLAN_EDITORS


class PriorityList(PriorityMixin, crud.RecordListView):
    columns = [("Priority", "__str__"), ("Strategy", "strategy")]
    search_fields = ["title"]


class PriorityDetail(PriorityMixin, crud.RecordDetailView):
    fields = [
        ("Strategy", "strategy"),
        ("Number", "number"),
        ("Title", "title"),
        ("Description", "description"),
        ("Order", "position"),
    ]


class PriorityFormView(PriorityMixin, crud.RecordFormView):
    """Add a priority (a strategy's page links here with ?strategy=<pk>) or change one."""

    form_class = forms.PriorityForm


class PlanMixin:
    model = DeliveryPlan
    url_prefix = "plans:plan"
    list_selector = selectors.plan_list
    editor_roles = PLAN_EDITORS


class PlanList(PlanMixin, crud.RecordListView):
    template_name = "plans/plan_list.html"
    columns = [
        ("Name", "name"),
        ("Type", "get_plan_type_display"),
        ("Period", "period_label"),
        ("Owning body", "owner_body"),
        ("Status", "get_status_display"),
    ]
    search_fields = ["name"]


class PlanDetail(PlanMixin, crud.RecordMixin, TemplateView):
    """The plan: key actions under their priorities, filtered by status and lead organisation;
    complete ones greyed, and those completed since the last report listed apart."""

    template_name = "plans/plan_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_object()
        form = forms.KeyActionFilterForm(
            self.request.GET or None,
            partnership=self.partnership,
            statuses=[entry.status for entry in plan.key_entries()],
        )
        key_actions = selectors.key_action_filter(
            queryset=selectors.plan_key_actions(plan=plan), **form.filters()
        )
        last_report = selectors.plan_last_report(plan=plan)
        context.update(
            object=plan,
            filter_form=form,
            filtered=bool(form.filters()),
            sections=selectors.plan_sections(key_actions=key_actions),
            last_report=last_report,
            completed=selectors.completed_since_last_report(plan=plan, last_report=last_report),
            history=history_changes(plan),
            edit_url=self.url("edit", plan),
        )
        return context


class PlanFormView(PlanMixin, crud.RecordFormView):
    form_class = forms.DeliveryPlanForm

    def save(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        if self.object is None:
            return services.plan_create(
                partnership=self.partnership, by=self.request.user, **fields
            )
        return services.plan_update(
            plan=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
        )


class PlanExceptions(PlanMixin, crud.RecordMixin, TemplateView):
    template_name = "plans/plan_exceptions.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = self.get_object()
        context.update(
            object=plan,
            title=exceptions.REPORT_TITLE,
            sections=exceptions.plan_exceptions(plan=plan),
            today=datetime.date.today(),
        )
        return context


class PlanExceptionsPdf(PlanMixin, crud.RecordMixin, View):
    def get(self, request, *args, **kwargs):
        plan = self.get_object()
        response = HttpResponse(
            exceptions.plan_exceptions_pdf(plan=plan), content_type="application/pdf"
        )
        name = exceptions.plan_exceptions_file_name(plan=plan)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PlanFormPage(PlanMixin, crud.RecordMixin, FormView):
    """A form about one plan, for managers and clerks; subclasses say what it does."""

    template_name = "plans/plan_form_page.html"
    heading = ""
    submit_label = "Save"

    @property
    def allowed_roles(self):
        return PLAN_EDITORS

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_form(self, form_class=None):
        self.object = self.get_object()
        return super().get_form(form_class)

    def act(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                target = self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        return redirect(self.url("detail", target))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.url("detail", self.object),
        )
        return context


class PlanCopy(PlanFormPage):
    """Start next year's plan from this one, carrying its open key actions across."""

    form_class = forms.PlanCopyForm
    heading = "Copy to next year"
    submit_label = "Copy the plan"

    def get_initial(self):
        plan = self.object
        start = plan.period_end + datetime.timedelta(days=1)
        length = plan.period_end - plan.period_start
        return {"name": plan.name, "period_start": start, "period_end": start + length}

    def act(self, form):
        copy = services.plan_copy(plan=self.object, by=self.request.user, **form.cleaned_data)
        carried = copy.key_actions.count()
        messages.success(
            self.request,
            f"{copy} started with {carried} open key action{'' if carried == 1 else 's'} "
            "carried across.",
        )
        return copy


class PlanReportRecord(PlanFormPage):
    """Record that the plan was reported, which resets "completed since last report"."""

    form_class = forms.PlanReportForm
    heading = "Record that this plan was reported"
    submit_label = "Record the report"

    def get_initial(self):
        return {"reported_on": datetime.date.today()}

    def act(self, form):
        services.plan_report_record(plan=self.object, by=self.request.user, **form.cleaned_data)
        messages.success(self.request, "Report recorded.")
        return self.object
