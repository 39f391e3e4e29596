"""Key action pages: the list across plans with filters, a key action with its updates,
add and change (managers and clerks), and a lead's dated update."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, transaction
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.plans import forms, selectors, services
from saferboard.plans.models import KeyAction
from saferboard.plans.selectors import PLAN_EDITORS, PLAN_UPDATERS


class KeyActionMixin:
    model = KeyAction
    url_prefix = "plans:key-action"
    list_selector = selectors.key_action_list
    editor_roles = PLAN_EDITORS


class KeyActionList(KeyActionMixin, crud.RecordMixin, TemplateView):
    """Every plan's key actions, filtered by status and lead organisation."""

    template_name = "plans/key_action_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = forms.KeyActionFilterForm(self.request.GET or None, partnership=self.partnership)
        queryset = selectors.key_action_filter(queryset=self.queryset(), **form.filters())
        page = Paginator(queryset, self.page_size).get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=form, page=page, filter_query=query.urlencode())
        return context


class KeyActionDetail(KeyActionMixin, crud.RecordDetailView):
    template_name = "plans/key_action_detail.html"
    fields = [
        ("Plan", "plan"),
        ("Priority", "priority"),
        ("Number", "number"),
        ("Key action", "title"),
        ("Description", "description"),
        ("Delivery notes", "delivery"),
        ("Lead", "lead_names"),
        ("Co-operating agencies", "co_operating_names"),
        ("Deadline", "due_label"),
        ("Date completed", "completed_on"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key_action = context["object"]
        context.update(
            updates=key_action.updates.select_related("author"),
            may_add_update=selectors.key_action_may_add_update(
                key_action=key_action,
                user=self.request.user,
                roles=self.roles,
                on=datetime.date.today(),
            ),
        )
        return context


class KeyActionFormView(KeyActionMixin, crud.RecordFormView):
    """Add a key action (the plan page links here with ?plan=<pk>&priority=<pk>) or change it."""

    form_class = forms.KeyActionForm

    def save(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        organisations = {
            name: fields.pop(name)
            for name in list(fields)
            if isinstance(KeyAction._meta.get_field(name), models.ManyToManyField)
        }
        if self.object is None:
            return services.key_action_create(by=self.request.user, **fields, **organisations)
        return services.key_action_update(
            key_action=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
            **organisations,
        )


class KeyActionAddUpdate(KeyActionMixin, crud.RecordMixin, FormView):
    """A dated update; contributors only on key actions their organisation leads."""

    template_name = "plans/key_action_add_update.html"
    form_class = forms.KeyActionUpdateForm
    allowed_roles = PLAN_UPDATERS

    def get_form_kwargs(self):
        self.object = self.get_object()
        if not selectors.key_action_may_add_update(
            key_action=self.object,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        ):
            raise PermissionDenied("Only the lead organisations may add updates to this action.")
        kwargs = super().get_form_kwargs()
        kwargs["plan"] = self.object.plan
        kwargs.setdefault("initial", {}).update(
            version=self.object.version, status=self.object.status, on=datetime.date.today()
        )
        return kwargs

    def form_valid(self, form):
        try:
            with transaction.atomic():
                services.key_action_add_update(
                    key_action=self.object,
                    by=self.request.user,
                    expected_version=form.cleaned_data["version"],
                    on=form.cleaned_data["on"],
                    note=form.cleaned_data["note"],
                    status=form.cleaned_data["status"],
                    mitigation=form.cleaned_data["mitigation"],
                )
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Update added.")
        return redirect(self.url("detail", self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, cancel_url=self.url("detail", self.object))
        return context
