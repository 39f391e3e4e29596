"""Breaches and barriers pages: the list (open first), logging one, its page with the
escalation path, escalating and resolving it. For information-governance users and managers
(`incidents.INCIDENT_KEEPERS`); to everyone else they do not exist (404), as requests do.
Thin: the rules are in sharing/incidents.py."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.permissions import PartnershipMixin
from saferboard.sharing import incidents
from saferboard.sharing.incident_forms import EscalateForm, IncidentForm, ResolveForm
from saferboard.sharing.models import EscalationLevel, Incident


class IncidentMixin(PartnershipMixin):
    model = Incident
    allowed_roles = incidents.INCIDENT_KEEPERS

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied as denied:
            raise Http404("No such page") from denied

    def incident(self) -> Incident:
        if not hasattr(self, "_incident"):
            try:
                self._incident = incidents.incident_get(
                    partnership=self.partnership, pk=self.kwargs["pk"]
                )
            except Incident.DoesNotExist as missing:
                raise Http404("No such incident") from missing
        return self._incident

    def url(self, name: str, incident: Incident | None = None) -> str:
        kwargs = {"partnership": self.partnership.slug}
        if incident is not None:
            kwargs["pk"] = incident.pk
        return reverse(f"sharing:incident-{name}", kwargs=kwargs)


def escalation_steps(incident: Incident, escalations: list) -> list[dict]:
    """The path's four levels, each with its escalation rows and whether it is done, the
    current step, skipped or still ahead."""
    steps = []
    for level, label in EscalationLevel.choices:
        reached = [row for row in escalations if row.level == level]
        if level == incident.level:
            state = "resolved" if incident.resolved_on else "current"
        elif level < incident.level:
            state = "done" if reached else "skipped"
        else:
            state = "ahead"
        steps.append({"number": level, "label": label, "state": state, "rows": reached})
    return steps


class IncidentList(IncidentMixin, TemplateView):
    template_name = "sharing/incident_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = Paginator(incidents.incident_list(partnership=self.partnership), self.page_size)
        context.update(page=page.get_page(self.request.GET.get("page")), add_url=self.url("add"))
        return context


class IncidentAdd(IncidentMixin, FormView):
    template_name = "sharing/incident_form.html"
    form_class = IncidentForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        return kwargs

    def get_initial(self):
        return {"reported_on": datetime.date.today()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            incident = incidents.incident_log(
                partnership=self.partnership,
                by=self.request.user,
                kind=data["kind"],
                agreement=data["agreement"],
                organisations=data["organisations"],
                reported_on=data["reported_on"],
                summary=data["summary"],
                reported_to_ico=data["reported_to_ico"],
            )
        except BusinessRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"{incident.get_kind_display()} logged.")
        return redirect(self.url("detail", incident))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading="Log a breach or barrier",
            submit_label="Log it",
            cancel_url=self.url("list"),
        )
        return context


class IncidentDetail(IncidentMixin, TemplateView):
    template_name = "sharing/incident_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident = self.incident()
        escalations = list(incidents.escalation_list(incident=incident))
        context.update(
            incident=incident,
            steps=escalation_steps(incident, escalations),
            may_escalate=incident.resolved_on is None
            and incident.level < EscalationLevel.PARTNERSHIP,
            escalate_url=self.url("escalate", incident),
            resolve_url=self.url("resolve", incident),
            list_url=self.url("list"),
        )
        return context


class IncidentChange(IncidentMixin, FormView):
    """Escalating and resolving: a form about one open incident, saved by a service."""

    template_name = "sharing/incident_form.html"
    heading = ""
    submit_label = ""

    def get(self, request, *args, **kwargs):
        if self.incident().resolved_on is not None:
            messages.error(request, "It is resolved: there is nothing more to record.")
            return redirect(self.url("detail", self.incident()))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.incident().version}

    def save(self, data: dict) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            done = self.save(form.cleaned_data)
        except (BusinessRuleError, StaleEditError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, done)
        return redirect(self.url("detail", self.incident()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            incident=self.incident(),
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.url("detail", self.incident()),
        )
        return context


class IncidentEscalate(IncidentChange):
    form_class = EscalateForm
    heading = "Escalate it"
    submit_label = "Escalate"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["current"] = self.incident().level
        return kwargs

    def get_initial(self):
        return super().get_initial() | {"on": datetime.date.today()}

    def save(self, data: dict) -> str:
        escalation = incidents.incident_escalate(
            incident=self.incident(),
            by=self.request.user,
            level=data["level"],
            on=data["on"],
            note=data["note"],
            expected_version=data["version"],
        )
        return f"Escalated to “{escalation.get_level_display()}”."


class IncidentResolve(IncidentChange):
    form_class = ResolveForm
    heading = "Record how it was resolved"
    submit_label = "Save resolution"

    def get_initial(self):
        return super().get_initial() | {"resolved_on": datetime.date.today()}

    def save(self, data: dict) -> str:
        incidents.incident_resolve(
            incident=self.incident(),
            by=self.request.user,
            resolved_on=data["resolved_on"],
            resolution=data["resolution"],
            expected_version=data["version"],
        )
        return "Resolution recorded."


urlpatterns = [
    path("incidents/", IncidentList.as_view(), name="incident-list"),
    path("incidents/add/", IncidentAdd.as_view(), name="incident-add"),
    path("incidents/<int:pk>/", IncidentDetail.as_view(), name="incident-detail"),
    path("incidents/<int:pk>/escalate/", IncidentEscalate.as_view(), name="incident-escalate"),
    path("incidents/<int:pk>/resolve/", IncidentResolve.as_view(), name="incident-resolve"),
]
