"""Pages of the sharing agreement register: the overview, agreements (document control,
document history, the document itself, status), parties and their joining steps, and the
data-set catalogue. Everyone in the partnership reads them; managers and information
governance users (selectors.REGISTER_EDITORS) change them. Writes go through
`sharing.register`."""

import datetime
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.sharing import incidents, register, register_forms, reports, selectors
from saferboard.sharing.models import (
    AgreementKind,
    AgreementStatus,
    DataClass,
    DataSet,
    LegalBasis,
    Party,
    PartyStatus,
    SharingAgreement,
)
from saferboard.sharing.selectors import REGISTER_EDITORS


class RegisterView(PartnershipMixin):
    """A register page about one kind of record; `pk` in the address names one of `model`."""

    model: type = SharingAgreement

    def queryset(self):
        return selectors.agreement_list(partnership=self.partnership)

    def get_object(self):
        return get_object_or_404(self.queryset(), pk=self.kwargs["pk"])

    def link(self, name: str, obj=None) -> str:
        kwargs = {"partnership": self.partnership.slug}
        if obj is not None:
            kwargs["pk"] = obj.pk
        return reverse(f"sharing:{name}", kwargs=kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_edit"] = self.has_role(REGISTER_EDITORS)
        return context


def _parties(partnership):
    return selectors.party_list(partnership=partnership).select_related(
        "signatory", "spoc", "deputy_spoc", "liaison_officer", "caldicott_guardian", "legal_contact"
    )


class PartyView(RegisterView):
    model = Party

    def queryset(self):
        return _parties(self.partnership)


class DataSetView(RegisterView):
    model = DataSet

    def queryset(self):
        return selectors.data_set_list(partnership=self.partnership)


class RegisterFormPage(RegisterView, FormView):
    """A form that changes the register, for its editors; one transaction per save.
    Subclasses say what the form is, what it does (`act`) and where it goes next."""

    template_name = "sharing/agreement_form_page.html"
    heading = ""
    submit_label = "Save"
    allowed_roles = REGISTER_EDITORS
    uploads = False

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "pk" in self.kwargs:
            self.object = self.get_object()
        kwargs.update(self.form_kwargs())
        return kwargs

    def form_kwargs(self) -> dict:
        return {}

    def act(self, form):
        raise NotImplementedError

    def done(self, target) -> str:
        """Where to go after saving `target`."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                target = self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.error_list}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        return redirect(self.done(target))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.cancel_url(),
            uploads=self.uploads,
        )
        return context

    def cancel_url(self) -> str:
        return (
            self.link("agreement-detail", self.object)
            if self.object
            else self.link("agreement-list")
        )


def _model_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}


# --- overview ------------------------------------------------------------------------------


class Overview(PartnershipMixin, TemplateView):
    """The register at a glance, and the way in to requests for those who use them."""

    template_name = "sharing/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.partnership
        by_status = dict(
            selectors.agreement_list(partnership=partnership)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        parties = dict(
            selectors.party_list(partnership=partnership)
            .filter(agreement__status=AgreementStatus.APPROVED)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        by_class = dict(
            selectors.data_set_list(partnership=partnership)
            .values_list("data_class")
            .annotate(n=Count("pk"))
        )
        context.update(
            agreements_by_status=[(s.label, by_status.get(s.value, 0)) for s in AgreementStatus],
            parties_signed=parties.get(PartyStatus.SIGNED, 0),
            parties_not_signed=sum(n for s, n in parties.items() if s != PartyStatus.SIGNED),
            data_sets_by_class=[(c.label, c.value, by_class.get(c.value, 0)) for c in DataClass],
            reviews=register.reviews_due(partnership=partnership, today=datetime.date.today()),
            may_use_requests=selectors.may_use_requests(
                partnership=partnership, user=self.request.user, roles=self.roles
            ),
            can_edit=self.has_role(REGISTER_EDITORS),
            keeps_incidents=self.has_role(incidents.INCIDENT_KEEPERS),
            reads_reports=self.has_role(reports.REPORT_READERS),
            governance=self.has_role(selectors.GOVERNANCE),
        )
        return context


# --- agreements ----------------------------------------------------------------------------


class AgreementList(RegisterView, TemplateView):
    """Each overarching agreement with its subject-specific agreements beneath."""

    template_name = "sharing/agreement_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = datetime.date.today()
        agreements = list(
            self.queryset().annotate(party_count=Count("parties")).order_by("title", "pk")
        )
        beneath = defaultdict(list)
        for agreement in agreements:
            agreement.review = register.review_label(agreement=agreement, today=today)
            if agreement.parent_id:
                beneath[agreement.parent_id].append(agreement)
        groups = [
            (agreement, beneath[agreement.pk])
            for agreement in agreements
            if agreement.kind == AgreementKind.OVERARCHING
        ]
        context["groups"] = sorted(
            groups, key=lambda g: (g[0].status == AgreementStatus.SUPERSEDED, g[0].title)
        )
        return context


class AgreementDetail(RegisterView, TemplateView):
    template_name = "sharing/agreement_detail.html"

    def queryset(self):
        return (
            super()
            .queryset()
            .select_related(
                "parent", "review_owner", "approval_meeting", "approval_resolution__item__meeting"
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agreement = self.get_object()
        labels = dict(LegalBasis.choices)
        context.update(
            object=agreement,
            review=register.review_label(agreement=agreement, today=datetime.date.today()),
            legal_bases=[labels.get(value, value) for value in agreement.legal_bases],
            revisions=agreement.revisions.order_by("on", "pk"),
            parties=_parties(self.partnership).filter(agreement=agreement),
            subject_agreements=agreement.subject_agreements.all(),
            data_sets=agreement.data_sets.select_related("organisation"),
            history=history_changes(agreement),
        )
        return context


class AgreementFormView(RegisterFormPage):
    template_name = "sharing/agreement_form.html"
    form_class = register_forms.AgreementForm

    @property
    def heading(self):
        return f"Change {self.object}" if self.object else "Add an agreement"

    def form_kwargs(self):
        kwargs = {"partnership": self.partnership, "instance": self.object}
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        if "parent" in self.request.GET:
            initial.update(parent=self.request.GET["parent"], kind=AgreementKind.SUBJECT_SPECIFIC)
        return initial

    def act(self, form):
        fields = _model_fields(form)
        if self.object is None:
            agreement = register.agreement_create(
                partnership=self.partnership, by=self.request.user, **fields
            )
            messages.success(self.request, f"{agreement} added as a draft.")
            return agreement
        agreement = register.agreement_update(
            agreement=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
        )
        messages.success(self.request, f"{agreement} saved.")
        return agreement

    def done(self, target):
        return self.link("agreement-detail", target)


class AgreementStatusView(RegisterFormPage):
    form_class = register_forms.AgreementStatusForm
    heading = "Change the status"
    submit_label = "Change the status"

    def form_kwargs(self):
        return {"partnership": self.partnership, "agreement": self.object}

    def act(self, form):
        data = dict(form.cleaned_data)
        superseded = register.agreement_status_change(
            agreement=self.object,
            by=self.request.user,
            expected_version=data.pop("version"),
            **data,
        )
        self.object.refresh_from_db()
        note = "".join(f" {old} is now superseded." for old in superseded)
        messages.success(
            self.request, f"{self.object} is {self.object.get_status_display().lower()}.{note}"
        )
        return self.object

    def done(self, target):
        return self.link("agreement-detail", target)


class RevisionAdd(RegisterFormPage):
    form_class = register_forms.RevisionForm
    heading = "Add to the document history"
    submit_label = "Add"

    def get_initial(self):
        return {"on": datetime.date.today(), "version_label": self.get_object().version_label}

    def act(self, form):
        register.agreement_revision_add(
            agreement=self.object, by=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, "Document history updated.")
        return self.object

    def done(self, target):
        return self.link("agreement-detail", target) + "#document-history"


class DocumentUpload(RegisterFormPage):
    form_class = register_forms.DocumentForm
    heading = "Upload the agreement document"
    submit_label = "Upload"
    uploads = True

    def get_initial(self):
        return {"version": self.get_object().version}

    def act(self, form):
        upload = form.cleaned_data["file"]
        agreement = register.agreement_document_upload(
            agreement=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data["version"],
            name=upload.name,
            data=upload.read(),
        )
        messages.success(self.request, "Document uploaded.")
        return agreement

    def done(self, target):
        return self.link("agreement-detail", target)


class DocumentDownload(RegisterView, View):
    """The agreement's document, to everyone in the partnership."""

    def get(self, request, *args, **kwargs):
        agreement = self.get_object()
        if not agreement.document:
            raise Http404("This agreement has no document.")
        return FileResponse(
            agreement.document.open("rb"),
            as_attachment=True,
            filename=register.document_download_name(agreement=agreement),
        )


# --- parties -------------------------------------------------------------------------------


class PartyAdd(RegisterFormPage):
    """Ask an organisation to join the agreement (the `pk` is the agreement's)."""

    form_class = register_forms.PartyForm
    heading = "Add a party"
    submit_label = "Add the party"

    def form_kwargs(self):
        return {"partnership": self.partnership, "adding": True}

    def get_initial(self):
        return {"asked_on": datetime.date.today()}

    def act(self, form):
        data = _model_fields(form)
        party = register.party_add(
            agreement=self.object,
            by=self.request.user,
            on=form.cleaned_data["asked_on"],
            note=form.cleaned_data["note"],
            **data,
        )
        messages.success(self.request, f"{party.organisation} asked to join.")
        return party

    def done(self, target):
        return self.link("party-detail", target)


class PartyDetail(PartyView, TemplateView):
    template_name = "sharing/party_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        party = self.get_object()
        contacts = [
            ("Signatory", party.signatory, False),
            ("Single point of contact (SPOC)", party.spoc, True),
            ("Deputy SPOC", party.deputy_spoc, True),
            ("Designated liaison officer", party.liaison_officer, False),
            ("Caldicott guardian", party.caldicott_guardian, False),
            ("Legal contact", party.legal_contact, False),
        ]
        context.update(
            object=party,
            contacts=contacts,
            steps=party.joining_steps.select_related("by"),
            history=history_changes(party),
            may_step=bool(register.STEP_MOVES[party.status]),
        )
        return context


class PartyEdit(PartyView, RegisterFormPage):
    form_class = register_forms.PartyForm

    @property
    def heading(self):
        return f"Change {self.object.organisation}"

    def form_kwargs(self):
        return {"partnership": self.partnership, "adding": False, "instance": self.object}

    def act(self, form):
        party = register.party_update(
            party=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **_model_fields(form),
        )
        messages.success(self.request, f"{party.organisation} saved.")
        return party

    def done(self, target):
        return self.link("party-detail", target)

    def cancel_url(self):
        return self.link("party-detail", self.object)


class PartyStep(PartyView, RegisterFormPage):
    """Record the next step of joining: endorsed, signed, withdrawn, or asked again."""

    form_class = register_forms.JoiningStepForm
    heading = "Record a joining step"
    submit_label = "Record the step"

    def form_kwargs(self):
        return {"party": self.object}

    def get_initial(self):
        return {"on": datetime.date.today()}

    def act(self, form):
        data = dict(form.cleaned_data)
        step = register.party_step(
            party=self.object, by=self.request.user, expected_version=data.pop("version"), **data
        )
        messages.success(
            self.request, f"{self.object.organisation}: {step.get_status_display().lower()}."
        )
        return self.object

    def done(self, target):
        return self.link("party-detail", target)

    def cancel_url(self):
        return self.link("party-detail", self.object)


# --- the data-set catalogue ----------------------------------------------------------------


class DataSetList(DataSetView, TemplateView):
    """The catalogue grouped by organisation, filtered by class and organisation."""

    template_name = "sharing/data_set_list.html"
    page_size = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = register_forms.DataSetFilterForm(
            self.request.GET or None, partnership=self.partnership
        )
        data_sets = self.queryset().select_related("agreement")
        if form.is_valid():
            if form.cleaned_data["data_class"]:
                data_sets = data_sets.filter(data_class=form.cleaned_data["data_class"])
            if form.cleaned_data["organisation"]:
                data_sets = data_sets.filter(organisation=form.cleaned_data["organisation"])
        page = Paginator(data_sets, self.page_size).get_page(self.request.GET.get("page"))
        groups: dict = {}
        for data_set in page.object_list:
            groups.setdefault(data_set.organisation, []).append(data_set)
        context.update(
            filter_form=form,
            filtered=form.is_bound and form.is_valid() and any(form.cleaned_data.values()),
            page=page,
            groups=list(groups.items()),
        )
        return context


class DataSetFormView(DataSetView, RegisterFormPage):
    form_class = register_forms.DataSetForm

    @property
    def heading(self):
        return f"Change {self.object}" if self.object else "Add a data set"

    def form_kwargs(self):
        return {"partnership": self.partnership, "instance": self.object}

    def get_initial(self):
        initial = super().get_initial()
        for name in ("organisation", "agreement"):
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial

    def act(self, form):
        fields = _model_fields(form)
        if self.object is None:
            data_set = register.data_set_create(
                partnership=self.partnership, by=self.request.user, **fields
            )
        else:
            data_set = register.data_set_update(
                data_set=self.object,
                by=self.request.user,
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        messages.success(self.request, f"{data_set} saved.")
        return data_set

    def done(self, target):
        return self.link("data-set-list")

    def cancel_url(self):
        return self.link("data-set-list")


class DataSetDelete(DataSetView, RegisterFormPage):
    form_class = register_forms.ConfirmForm
    submit_label = "Delete the data set"

    @property
    def heading(self):
        return f"Delete {self.object}"

    def get_initial(self):
        return {"version": self.get_object().version}

    def act(self, form):
        name = str(self.object)
        register.data_set_delete(
            data_set=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data["version"],
        )
        messages.success(self.request, f"{name} deleted from the catalogue.")

    def done(self, target):
        return self.link("data-set-list")

    def cancel_url(self):
        return self.link("data-set-list")


urlpatterns = [
    path("", Overview.as_view(), name="overview"),
    path("agreements/", AgreementList.as_view(), name="agreement-list"),
    path("agreements/add/", AgreementFormView.as_view(), name="agreement-add"),
    path("agreements/<int:pk>/", AgreementDetail.as_view(), name="agreement-detail"),
    path("agreements/<int:pk>/edit/", AgreementFormView.as_view(), name="agreement-edit"),
    path("agreements/<int:pk>/status/", AgreementStatusView.as_view(), name="agreement-status"),
    path("agreements/<int:pk>/history/add/", RevisionAdd.as_view(), name="agreement-revision-add"),
    path("agreements/<int:pk>/document/", DocumentDownload.as_view(), name="agreement-document"),
    path(
        "agreements/<int:pk>/document/upload/",
        DocumentUpload.as_view(),
        name="agreement-document-upload",
    ),
    path("agreements/<int:pk>/parties/add/", PartyAdd.as_view(), name="party-add"),
    path("parties/<int:pk>/", PartyDetail.as_view(), name="party-detail"),
    path("parties/<int:pk>/edit/", PartyEdit.as_view(), name="party-edit"),
    path("parties/<int:pk>/step/", PartyStep.as_view(), name="party-step"),
    path("data-sets/", DataSetList.as_view(), name="data-set-list"),
    path("data-sets/add/", DataSetFormView.as_view(), name="data-set-add"),
    path("data-sets/<int:pk>/edit/", DataSetFormView.as_view(), name="data-set-edit"),
    path("data-sets/<int:pk>/delete/", DataSetDelete.as_view(), name="data-set-delete"),
]
