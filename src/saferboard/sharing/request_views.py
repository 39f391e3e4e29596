"""Information-sharing pages: requests for information (Part A), their answers (Part B),
their personal details (decrypted only on their own page and in the PDF, every read
logged) and their destruction date.

Every page passes `RequestGateMixin`: 404 for anyone who is not an information governance
user or a party's SPOC or deputy, then the second factor, before any request is loaded.
A request the user may not see is 404 too.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings.packs import html_to_pdf
from saferboard.sharing import crypto, requests, selectors
from saferboard.sharing.models import MARKING, AccessKind, DisclosureRequest, LegalBasis
from saferboard.sharing.otp import RequestGateMixin
from saferboard.sharing.request_forms import MAX_SUBJECTS, DestroyOnForm, PartBForm, part_a_form


def add_errors(form, error: Exception) -> None:
    """A service's refusal shown on the form, on its field where it names one."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for name, problems in error.error_dict.items():
            for problem in problems:
                form.add_error(name if name in form.fields else None, problem)
        return
    if isinstance(error, ValidationError):
        form.add_error(None, error)
        return
    name = getattr(error, "field", None)
    if name == "subjects":
        name = "subject_1_name"
    form.add_error(name if name in form.fields else None, str(error))


class RequestPage(RequestGateMixin):
    """A page about one request (`pk`)."""

    model = DisclosureRequest

    @property
    def disclosure_request(self) -> DisclosureRequest:
        if not hasattr(self, "_request_object"):
            try:
                self._request_object = selectors.request_get(
                    partnership=self.partnership,
                    user=self.request.user,
                    roles=self.roles,
                    pk=self.kwargs["pk"],
                )
            except DisclosureRequest.DoesNotExist as error:
                raise Http404("No such request.") from error
        return self._request_object

    def request_url(self, name: str, obj: DisclosureRequest | None = None) -> str:
        obj = obj or self.disclosure_request
        return reverse(
            f"sharing:{name}", kwargs={"partnership": self.partnership.slug, "pk": obj.pk}
        )


class RequestListView(RequestGateMixin, TemplateView):
    template_name = "sharing/request_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visible = selectors.request_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles
        )
        page = Paginator(visible, self.page_size).get_page(self.request.GET.get("page"))
        context.update(
            page=page,
            can_request=requests.requesting_party_choices(
                partnership=self.partnership, user=self.request.user, roles=self.roles
            ).exists(),
            is_governance=bool(self.roles & selectors.GOVERNANCE),
        )
        return context


@method_decorator(sensitive_post_parameters(), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class RequestAddView(RequestGateMixin, FormView):
    """Part A. Everything posted is hidden from error reports: it holds subjects' details."""

    template_name = "sharing/request_form.html"

    def choices(self):
        requesting = requests.requesting_party_choices(
            partnership=self.partnership, user=self.request.user, roles=self.roles
        )
        return requesting, requests.disclosing_party_choices(requesting=requesting)

    def slot_count(self) -> int:
        try:
            count = int(self.request.POST.get("subject_slots", 1))
        except ValueError:
            count = 1
        if "add_subject" in self.request.POST:
            count += 1
        return max(1, min(count, MAX_SUBJECTS))

    def get_form(self, form_class=None):
        requesting, disclosing = self.choices()
        kwargs = self.get_form_kwargs()
        return part_a_form(
            subject_count=self.slot_count() if self.request.method == "POST" else 1,
            requesting=requesting,
            disclosing=disclosing,
            **kwargs,
        )

    def get_initial(self):
        initial = requests.requester_defaults(partnership=self.partnership, user=self.request.user)
        requesting, _ = self.choices()
        if requesting.count() == 1:
            initial["requesting_party"] = requesting.first()
        return initial

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if "add_subject" in request.POST:
            # Show the form again with one more subject; save nothing, show no errors yet.
            unbound = part_a_form(
                subject_count=form.slot_count,
                requesting=form.fields["requesting_party"].queryset,
                disclosing=form.fields["disclosing_party"].queryset,
                initial={name: form[name].value() for name in form.fields},
            )
            return self.render_to_response(self.get_context_data(form=unbound))
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)

    @sensitive_variables()
    def form_valid(self, form):
        data = form.cleaned_data
        try:
            with transaction.atomic():
                created = requests.request_create(
                    partnership=self.partnership,
                    by=self.request.user,
                    roles=self.roles,
                    requesting_party=data["requesting_party"],
                    disclosing_party=data["disclosing_party"],
                    requester_name=data["requester_name"],
                    requester_job_title=data["requester_job_title"],
                    requester_department=data["requester_department"],
                    requester_email=data["requester_email"],
                    requester_phone=data["requester_phone"],
                    information_requested=data["information_requested"],
                    purpose=data["purpose"],
                    needed_by=data["needed_by"],
                    urgent_reason=data["urgent_reason"],
                    consent_obtained=data["consent_obtained"],
                    public_interest_reason=data["public_interest_reason"],
                    legal_bases=data["legal_bases"],
                    subjects=data["subjects"],
                )
        except (BusinessRuleError, ValidationError) as error:
            add_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            f"Request {created.reference} sent to {created.disclosing_party.organisation}.",
        )
        return redirect(
            reverse(
                "sharing:request-detail",
                kwargs={"partnership": self.partnership.slug, "pk": created.pk},
            )
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(
            "sharing:request-list", kwargs={"partnership": self.partnership.slug}
        )
        context["has_parties"] = context["form"].fields["requesting_party"].queryset.exists()
        return context


@method_decorator(never_cache, name="dispatch")
class RequestDetailView(RequestPage, TemplateView):
    """Part A and Part B without the personal details: the subjects only as a count with
    their roles, what was disclosed only on the personal-details page."""

    template_name = "sharing/request_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.disclosure_request
        labels = dict(LegalBasis.choices)
        context.update(
            object=obj,
            subjects_summary=requests.subject_roles_summary(request=obj),
            legal_bases=[labels.get(value, value) for value in obj.legal_bases],
            decisions=list(obj.decisions.order_by("decided_at")),
            may_answer=requests.may_answer(request=obj, user=self.request.user),
            is_governance=bool(self.roles & selectors.GOVERNANCE),
            destruction=getattr(obj, "destruction", None),
        )
        return context


@method_decorator(never_cache, name="dispatch")
class RequestSubjectsView(RequestPage, TemplateView):
    """The personal details, decrypted for this page only; the read is logged."""

    template_name = "sharing/request_subjects.html"

    @sensitive_variables()
    def get(self, request, *args, **kwargs):
        obj = self.disclosure_request
        try:
            details = requests.subjects_read(request=obj, user=request.user, roles=self.roles)
        except crypto.UnreadableError as error:
            context = self.get_context_data(object=obj, unreadable=str(error))
            return self.render_to_response(context, status=500)
        return self.render_to_response(self.get_context_data(object=obj, details=details))


@method_decorator(never_cache, name="dispatch")
class RequestPdfView(RequestPage, TemplateView):
    """The request form as a PDF with the personal details; logged as a download."""

    @sensitive_variables()
    def get(self, request, *args, **kwargs):
        obj = self.disclosure_request
        details = requests.subjects_read(
            request=obj, user=request.user, roles=self.roles, kind=AccessKind.DOWNLOADED
        )
        labels = dict(LegalBasis.choices)
        html = render_to_string(
            "sharing/pdf/request.html",
            {
                "object": obj,
                "details": details,
                "legal_bases": [labels.get(value, value) for value in obj.legal_bases],
                "decisions": list(obj.decisions.order_by("decided_at")),
                "marking": MARKING,
                "printed_at": timezone.now(),
                "printed_by": request.user,
            },
        )
        response = HttpResponse(html_to_pdf(html).write_pdf(), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{obj.reference}.pdf"'
        return response


@method_decorator(sensitive_post_parameters(), name="dispatch")
@method_decorator(never_cache, name="dispatch")
class RequestPartBView(RequestPage, FormView):
    """Part B, for the disclosing party's SPOC or deputy while the request waits."""

    template_name = "sharing/request_part_b.html"

    def get(self, request, *args, **kwargs):
        self.check_may_answer()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.check_may_answer()
        return super().post(request, *args, **kwargs)

    def check_may_answer(self):
        if not requests.may_answer(request=self.disclosure_request, user=self.request.user):
            raise Http404("This request is not waiting for your answer.")

    def get_form(self, form_class=None):
        return PartBForm(
            **self.get_form_kwargs(), with_consent=self.disclosure_request.consent_obtained
        )

    def get_initial(self):
        obj = self.disclosure_request
        defaults = requests.requester_defaults(partnership=self.partnership, user=self.request.user)
        return {
            "version": obj.version,
            "received_on": timezone.localdate(),
            "disclosed_by_name": defaults.get("requester_name", ""),
            "disclosed_by_job_title": defaults.get("requester_job_title", ""),
            "disclosed_to_name": obj.requester_name,
        }

    @sensitive_variables()
    def form_valid(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            with transaction.atomic():
                requests.request_answer(
                    request=self.disclosure_request,
                    by=self.request.user,
                    expected_version=version,
                    **data,
                )
        except (BusinessRuleError, StaleEditError, ValidationError) as error:
            add_errors(form, error)
            return self.form_invalid(form)
        obj = self.disclosure_request
        messages.success(
            self.request,
            f"{obj.reference}: Part B recorded ({obj.get_status_display().lower()}) and the "
            "decision logged.",
        )
        return redirect(self.request_url("request-detail"))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.disclosure_request,
            subjects_summary=requests.subject_roles_summary(request=self.disclosure_request),
            cancel_url=self.request_url("request-detail"),
        )
        return context


class RequestDestroyOnView(RequestPage, FormView):
    """An information governance user changes when the personal details are destroyed."""

    template_name = "sharing/request_destroy_on.html"
    form_class = DestroyOnForm
    governance_only = True

    def get_initial(self):
        obj = self.disclosure_request
        return {"destroy_on": obj.destroy_on, "version": obj.version}

    def form_valid(self, form):
        obj = self.disclosure_request
        try:
            with transaction.atomic():
                requests.request_destroy_on_change(
                    request=obj,
                    by=self.request.user,
                    roles=self.roles,
                    destroy_on=form.cleaned_data["destroy_on"],
                    expected_version=form.cleaned_data.get("version"),
                )
        except (BusinessRuleError, StaleEditError, ValidationError) as error:
            add_errors(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            f"{obj.reference}: personal details to be destroyed on {obj.destroy_on:%-d %B %Y}.",
        )
        return redirect(self.request_url("request-detail"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.disclosure_request, cancel_url=self.request_url("request-detail")
        )
        return context


urlpatterns = [
    path("requests/", RequestListView.as_view(), name="request-list"),
    path("requests/add/", RequestAddView.as_view(), name="request-add"),
    path("requests/<int:pk>/", RequestDetailView.as_view(), name="request-detail"),
    path(
        "requests/<int:pk>/personal-details/",
        RequestSubjectsView.as_view(),
        name="request-subjects",
    ),
    path("requests/<int:pk>/part-b/", RequestPartBView.as_view(), name="request-part-b"),
    path("requests/<int:pk>/pdf/", RequestPdfView.as_view(), name="request-pdf"),
    path(
        "requests/<int:pk>/destruction-date/",
        RequestDestroyOnView.as_view(),
        name="request-destroy-on",
    ),
]
