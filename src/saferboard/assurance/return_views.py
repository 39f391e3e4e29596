"""Return pages: the list of returns, a return with its progress by section, one section's
answers per page (save and continue, or save and come back later), evidence files, and the
check-your-answers page that submits.

Contributors see and complete only their own organisations' returns (any other is 404);
everyone else in the partnership sees every return; managers may complete one too."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from saferboard.assurance import selectors
from saferboard.assurance.models import (
    AssuranceReturn,
    Evidence,
    FrameworkStatus,
    Section,
)
from saferboard.assurance.return_forms import EvidenceForm, ReturnEditForm, SectionAnswersForm
from saferboard.assurance.returns import (
    answers_save,
    evidence_add,
    evidence_remove,
    return_problems,
    return_progress,
    return_standards,
    return_update,
    status_label,
)
from saferboard.assurance.submissions import submission_make
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.forms import GovUKForm
from saferboard.core.permissions import PartnershipMixin

SUBMISSION_LIST_INCLUDE = "assurance/submission_list_include.html"


class ReturnMixin(PartnershipMixin):
    """Finds the return in the URL among those the user may see (404 otherwise)."""

    model = AssuranceReturn

    def today(self) -> datetime.date:
        return timezone.localdate()

    def get_return(self) -> AssuranceReturn:
        if not hasattr(self, "_return"):
            try:
                self._return = selectors.return_get(
                    partnership=self.partnership,
                    user=self.request.user,
                    roles=self.roles,
                    on=self.today(),
                    pk=self.kwargs["pk"],
                )
            except AssuranceReturn.DoesNotExist as error:
                raise Http404("No such return.") from error
        return self._return

    def may_complete(self, assurance_return: AssuranceReturn) -> bool:
        return selectors.may_complete(
            assurance_return=assurance_return,
            user=self.request.user,
            roles=self.roles,
            on=self.today(),
        ) and (assurance_return.framework.status == FrameworkStatus.OPEN)

    def require_completer(self, assurance_return: AssuranceReturn) -> None:
        if not self.may_complete(assurance_return):
            raise PermissionDenied("You cannot change this return.")

    def return_url(self, assurance_return: AssuranceReturn, name: str = "return-detail") -> str:
        return reverse(
            f"assurance:{name}",
            kwargs={"partnership": self.partnership.slug, "pk": assurance_return.pk},
        )

    def section_url(self, assurance_return: AssuranceReturn, section: Section) -> str:
        return f"{self.return_url(assurance_return, 'return-answer')}?section={section.pk}"

    def standard_url(self, assurance_return: AssuranceReturn, standard) -> str:
        """The standard on its section's page."""
        url = self.section_url(assurance_return, standard.section)
        return f"{url}#standard-{standard.pk}"


class ReturnList(ReturnMixin, TemplateView):
    template_name = "assurance/return_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        returns = selectors.return_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today()
        )
        returns = returns.annotate(last_submitted=Max("submissions__submitted_at")).order_by(
            "due_date", "organisation__name", "pk"
        )
        page = Paginator(returns, 50).get_page(self.request.GET.get("page"))
        rows = [
            (each, status_label(each, self.today(), submitted_before=bool(each.last_submitted)))
            for each in page.object_list
        ]
        context.update(page=page, rows=rows)
        return context


class ReturnDetail(ReturnMixin, TemplateView):
    template_name = "assurance/return_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assurance_return = self.get_return()
        progress = return_progress(assurance_return)
        may_complete = self.may_complete(assurance_return)
        sections = [
            {
                "progress": entry,
                "url": self.section_url(assurance_return, entry.section),
            }
            for entry in progress
        ]
        try:
            get_template(SUBMISSION_LIST_INCLUDE)
            submission_include = SUBMISSION_LIST_INCLUDE
        except TemplateDoesNotExist:
            submission_include = None
        submissions = list(assurance_return.submissions.select_related("submitted_by"))
        context.update(
            assurance_return=assurance_return,
            object=assurance_return,
            status=status_label(assurance_return, self.today(), submitted_before=bool(submissions)),
            sections=sections,
            answered=sum(entry.answered for entry in progress),
            total=sum(entry.total for entry in progress),
            may_complete=may_complete,
            can_manage=self.has_role(selectors.ASSURANCE_MANAGERS)
            and assurance_return.framework.status != FrameworkStatus.CLOSED,
            check_url=self.return_url(assurance_return, "return-check"),
            submissions=submissions,
            submission_include=submission_include,
            framework_url=reverse(
                "assurance:framework-detail",
                kwargs={"partnership": self.partnership.slug, "pk": assurance_return.framework_id},
            )
            if selectors.sees_all_returns(roles=self.roles)
            else None,
        )
        return context


class ReturnFormView(ReturnMixin, FormView):
    """A form that changes a return: only for those who may complete it; one transaction;
    anything refused saves nothing and shows the form again with the reason."""

    def get_form_kwargs(self):
        self.require_completer(self.get_return())
        return super().get_form_kwargs()

    def act(self, form):
        """Do it; return the redirect."""
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                response = self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.error_list}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assurance_return = self.get_return()
        context.update(
            assurance_return=assurance_return,
            object=assurance_return,
            return_url=self.return_url(assurance_return),
        )
        return context


class ReturnEdit(ReturnFormView):
    """Managers change the due date (an extension) or the contact e-mail."""

    template_name = "assurance/framework_form_page.html"
    form_class = ReturnEditForm
    allowed_roles = selectors.ASSURANCE_MANAGERS

    def get_form_kwargs(self):
        return FormView.get_form_kwargs(self) | {"instance": self.get_return()}

    def act(self, form):
        assurance_return = return_update(
            assurance_return=self.get_return(),
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            due_date=form.cleaned_data["due_date"],
            contact_email=form.cleaned_data["contact_email"],
        )
        messages.success(
            self.request, f"Saved: the return is due on {assurance_return.due_date:%-d %B %Y}."
        )
        return redirect(self.return_url(assurance_return))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assurance_return = self.get_return()
        context.update(
            framework=assurance_return.framework,
            heading=f"Change {assurance_return.organisation}’s due date or contact",
            cancel_url=self.return_url(assurance_return),
        )
        return context


class ReturnAnswer(ReturnFormView):
    """One section of the return: ?section=<section pk>."""

    template_name = "assurance/return_section.html"
    form_class = SectionAnswersForm

    def sections(self) -> list:
        if not hasattr(self, "_progress"):
            self._progress = return_progress(self.get_return())
        return self._progress

    def current(self):
        sections = self.sections()
        if not sections:
            raise Http404("This return has no standards to answer.")
        wanted = self.request.GET.get("section")
        for index, entry in enumerate(sections):
            if str(entry.section.pk) == wanted:
                return index, entry
        if wanted:
            raise Http404("That section is not part of this return.")
        return 0, sections[0]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        _, entry = self.current()
        return kwargs | {"standards": entry.standards, "answers": entry.answers}

    def act(self, form):
        assurance_return = self.get_return()
        answers_save(
            assurance_return=assurance_return, answers=form.answers(), by=self.request.user
        )
        index, entry = self.current()
        evidence_for = self.request.POST.get("evidence")
        if evidence_for and any(str(s.pk) == evidence_for for s in entry.standards):
            url = self.return_url(assurance_return, "return-evidence")
            return redirect(f"{url}?standard={evidence_for}")
        if "later" in self.request.POST:
            messages.success(
                self.request, f"Your answers to {entry.section} are saved. Come back at any time."
            )
            return redirect(self.return_url(assurance_return))
        sections = self.sections()
        if index + 1 < len(sections):
            return redirect(self.section_url(assurance_return, sections[index + 1].section))
        return redirect(self.return_url(assurance_return, "return-check"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        index, entry = self.current()
        evidence = {}
        for item in Evidence.objects.filter(
            answer__assurance_return=self.get_return(), answer__standard__in=entry.standards
        ).select_related("answer"):
            evidence.setdefault(item.answer.standard_id, []).append(item)
        blocks = context["form"].blocks()
        for block in blocks:
            block["evidence"] = evidence.get(block["standard"].pk, [])
        context.update(
            section=entry.section,
            blocks=blocks,
            section_number=index + 1,
            section_count=len(self.sections()),
        )
        return context


class EvidenceAdd(ReturnFormView):
    """Attach a file to one standard's answer: ?standard=<standard pk>."""

    template_name = "assurance/return_evidence.html"
    form_class = EvidenceForm

    def standard(self):
        standards = return_standards(self.get_return())
        try:
            return standards.get(pk=int(self.request.GET.get("standard", "")))
        except (ValueError, standards.model.DoesNotExist) as error:
            raise Http404("That standard is not part of this return.") from error

    def act(self, form):
        assurance_return = self.get_return()
        standard = self.standard()
        upload = form.cleaned_data["file"]
        evidence = evidence_add(
            assurance_return=assurance_return,
            standard=standard,
            title=form.cleaned_data["title"],
            name=upload.name,
            data=upload.read(),
            by=self.request.user,
        )
        messages.success(
            self.request, f"“{evidence.title}” attached to standard {standard.number}."
        )
        return redirect(self.standard_url(assurance_return, standard))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standard = self.standard()
        context.update(
            standard=standard,
            cancel_url=self.standard_url(self.get_return(), standard),
        )
        return context


class EvidenceMixin(ReturnMixin):
    """Evidence is found through the partnership, then its return must be one the user sees."""

    model = Evidence

    def get_evidence(self) -> Evidence:
        evidence = get_object_or_404(
            Evidence.objects.filter(partnership=self.partnership).select_related(
                "answer__standard__section"
            ),
            pk=self.kwargs["pk"],
        )
        return evidence

    def get_return(self) -> AssuranceReturn:
        if not hasattr(self, "_return"):
            self.evidence = self.get_evidence()
            try:
                self._return = selectors.return_get(
                    partnership=self.partnership,
                    user=self.request.user,
                    roles=self.roles,
                    on=self.today(),
                    pk=self.evidence.answer.assurance_return_id,
                )
            except AssuranceReturn.DoesNotExist as error:
                raise Http404("No such evidence.") from error
        return self._return


class EvidenceDownload(EvidenceMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        self.get_return()
        return FileResponse(
            self.evidence.file.open("rb"),
            as_attachment=True,
            filename=self.evidence.original_name,
        )


class EvidenceRemove(EvidenceMixin, ReturnFormView):
    template_name = "assurance/return_evidence_remove.html"
    form_class = GovUKForm

    def act(self, form):
        assurance_return = self.get_return()
        standard = self.evidence.answer.standard
        evidence_remove(evidence=self.evidence, by=self.request.user)
        messages.success(self.request, f"“{self.evidence.title}” removed.")
        return redirect(self.standard_url(assurance_return, standard))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        standard = self.evidence.answer.standard
        context.update(
            evidence=self.evidence,
            cancel_url=self.standard_url(self.get_return(), standard),
        )
        return context


class ReturnCheck(ReturnFormView):
    """Check your answers, then submit (submissions.submission_make)."""

    template_name = "assurance/return_check.html"
    form_class = GovUKForm

    def get_form_kwargs(self):
        # Everyone who sees the return may read this page; only completers submit.
        if self.request.method == "POST":
            self.require_completer(self.get_return())
        return FormView.get_form_kwargs(self)

    def act(self, form):
        submission = submission_make(assurance_return=self.get_return(), by=self.request.user)
        messages.success(
            self.request,
            f"Return submitted (submission {submission.number}). The report has been e-mailed "
            "to your organisation.",
        )
        try:
            url = reverse(
                "assurance:submission-detail",
                kwargs={"partnership": self.partnership.slug, "pk": submission.pk},
            )
        except NoReverseMatch:
            url = self.return_url(self.get_return())
        return redirect(url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assurance_return = self.get_return()
        progress = return_progress(assurance_return)
        evidence = {}
        for item in Evidence.objects.filter(
            answer__assurance_return=assurance_return
        ).select_related("answer"):
            evidence.setdefault(item.answer.standard_id, []).append(item)
        sections = []
        for entry in progress:
            rows = []
            for standard in entry.standards:
                answer = entry.answers.get(standard.pk)
                rows.append(
                    {
                        "standard": standard,
                        "answer": answer,
                        "evidence": evidence.get(standard.pk, []),
                    }
                )
            sections.append(
                {
                    "section": entry.section,
                    "rows": rows,
                    "url": self.section_url(assurance_return, entry.section),
                }
            )
        context.update(
            sections=sections,
            problems=return_problems(assurance_return),
            may_complete=self.may_complete(assurance_return),
        )
        return context


urlpatterns = [
    path("returns/", ReturnList.as_view(), name="return-list"),
    path("returns/<int:pk>/", ReturnDetail.as_view(), name="return-detail"),
    path("returns/<int:pk>/edit/", ReturnEdit.as_view(), name="return-edit"),
    path("returns/<int:pk>/answer/", ReturnAnswer.as_view(), name="return-answer"),
    path("returns/<int:pk>/evidence/", EvidenceAdd.as_view(), name="return-evidence"),
    path("returns/<int:pk>/check/", ReturnCheck.as_view(), name="return-check"),
    path("evidence/<int:pk>/", EvidenceDownload.as_view(), name="evidence-download"),
    path("evidence/<int:pk>/remove/", EvidenceRemove.as_view(), name="evidence-remove"),
]
