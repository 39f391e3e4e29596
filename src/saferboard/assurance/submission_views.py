"""Submission pages: a submission's report on screen and its PDF, and the challenges against
its ratings (docs/assurance.md, "Submitting and the report", "Challenge").

Thin: submissions are read through selectors.submission_list (a contributor sees only their
organisations'; 404 otherwise); the rules are in submissions.py, report.py and challenges.py.
"""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.assurance import challenges, report, selectors
from saferboard.assurance.models import Challenge, ChallengeKind, Submission, SubmittedRating
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.forms import GovUKForm
from saferboard.core.permissions import PartnershipMixin


class SubmissionMixin(PartnershipMixin):
    @property
    def today(self) -> datetime.date:
        return timezone.localdate()

    def submissions(self):
        return selectors.submission_list(
            partnership=self.partnership, user=self.request.user, roles=self.roles, on=self.today
        )

    def submission_url(self, submission: Submission) -> str:
        return reverse(
            "assurance:submission-detail",
            kwargs={"partnership": self.partnership.slug, "pk": submission.pk},
        )

    def return_url(self, submission: Submission) -> str:
        return reverse(
            "assurance:return-detail",
            kwargs={"partnership": self.partnership.slug, "pk": submission.assurance_return_id},
        )


class SubmissionPage(SubmissionMixin):
    model = Submission

    def submission(self) -> Submission:
        if not hasattr(self, "_submission"):
            try:
                self._submission = self.submissions().get(pk=self.kwargs["pk"])
            except Submission.DoesNotExist as missing:
                raise Http404("No such submission.") from missing
        return self._submission


class SubmissionDetail(SubmissionPage, TemplateView):
    template_name = "assurance/submission_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        submission = self.submission()
        built = report.report_build(submission)
        context.update(
            submission=submission,
            report=built,
            return_url=self.return_url(submission),
            may_challenge=self.has_role(selectors.ASSURANCE_MANAGERS),
            may_respond=challenges.may_respond(
                assurance_return=submission.assurance_return,
                user=self.request.user,
                roles=self.roles,
                on=self.today,
            ),
            later=submission.assurance_return.submissions.filter(
                number__gt=submission.number
            ).order_by("number"),
        )
        return context


class SubmissionPdf(SubmissionPage, View):
    """The kept report; made again if it is missing (for example after a restore without
    its files)."""

    def get(self, request, *args, **kwargs):
        submission = self.submission()
        name = report.report_file_name(submission)
        if submission.report_pdf and submission.report_pdf.storage.exists(
            submission.report_pdf.name
        ):
            return FileResponse(
                submission.report_pdf.open("rb"),
                content_type="application/pdf",
                as_attachment=False,
                filename=name,
            )
        response = HttpResponse(
            report.report_pdf(report.report_build(submission)), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="{name}"'
        return response


# --- challenges ----------------------------------------------------------------------------


class ChallengeForm(GovUKForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=ChallengeKind.choices,
        widget=forms.RadioSelect,
        initial=ChallengeKind.CHALLENGE,
    )
    note = forms.CharField(
        label="Note",
        help_text="What you question about the rating, or what the peer review found. The "
        "organisation sees this and can respond.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ResponseForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    response = forms.CharField(
        label="Your response",
        help_text="What you say about the challenge: what you will do, or why the rating stands.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ChallengeFormPage(SubmissionMixin, FormView):
    template_name = "assurance/challenge_form.html"

    def submission_of(self) -> Submission:
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.submission_url(self.submission_of())
        return context

    def act(self, form) -> str:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            message = self.act(form)
        except (BusinessRuleError, StaleEditError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(self.submission_url(self.submission_of()))


class ChallengeAdd(ChallengeFormPage):
    """Managers challenge a rating, or record a peer review note on it."""

    model = SubmittedRating
    form_class = ChallengeForm
    allowed_roles = selectors.ASSURANCE_MANAGERS

    def rating(self) -> SubmittedRating:
        if not hasattr(self, "_rating"):
            ratings = SubmittedRating.objects.filter(submission__in=self.submissions())
            try:
                self._rating = ratings.select_related(
                    "standard", "level", "submission__assurance_return__organisation"
                ).get(pk=self.kwargs["pk"])
            except SubmittedRating.DoesNotExist as missing:
                raise Http404("No such rating.") from missing
        return self._rating

    def submission_of(self) -> Submission:
        return self.rating().submission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rating = self.rating()
        context.update(
            rating=rating,
            heading=f"Challenge the rating of standard {rating.standard.number}",
            submit_label="Save",
        )
        return context

    def act(self, form) -> str:
        rating = self.rating()
        challenge = challenges.challenge_add(
            rating=rating,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
            by=self.request.user,
        )
        return (
            f"{challenge.get_kind_display()} on standard {rating.standard.number} saved. "
            f"{rating.submission.assurance_return.organisation} can now respond."
        )


class ChallengeRespond(ChallengeFormPage):
    """The organisation's contributors respond to a challenge."""

    model = Challenge
    form_class = ResponseForm

    def challenge(self) -> Challenge:
        if not hasattr(self, "_challenge"):
            found = Challenge.objects.filter(rating__submission__in=self.submissions())
            try:
                self._challenge = found.select_related(
                    "rating__standard", "rating__level", "rating__submission__assurance_return"
                ).get(pk=self.kwargs["pk"])
            except Challenge.DoesNotExist as missing:
                raise Http404("No such challenge.") from missing
            if not challenges.may_respond(
                assurance_return=self._challenge.rating.submission.assurance_return,
                user=self.request.user,
                roles=self.roles,
                on=self.today,
            ):
                raise PermissionDenied("Only the organisation's contributors respond.")
        return self._challenge

    def get(self, request, *args, **kwargs):
        self.challenge()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.challenge()
        return super().post(request, *args, **kwargs)

    def submission_of(self) -> Submission:
        return self.challenge().rating.submission

    def get_initial(self):
        challenge = self.challenge()
        return {"version": challenge.version, "response": challenge.response}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        challenge = self.challenge()
        context.update(
            rating=challenge.rating,
            challenge=challenge,
            heading=f"Respond to the {challenge.get_kind_display().lower()} on standard "
            f"{challenge.rating.standard.number}",
            submit_label="Save response",
        )
        return context

    def act(self, form) -> str:
        challenge = challenges.challenge_respond(
            challenge=self.challenge(),
            response=form.cleaned_data["response"],
            by=self.request.user,
            version=form.cleaned_data["version"],
        )
        return f"Your response on standard {challenge.rating.standard.number} is saved."


urlpatterns = [
    path("submissions/<int:pk>/", SubmissionDetail.as_view(), name="submission-detail"),
    path("submissions/<int:pk>/report.pdf", SubmissionPdf.as_view(), name="submission-pdf"),
    path("ratings/<int:pk>/challenge/", ChallengeAdd.as_view(), name="challenge-add"),
    path("challenges/<int:pk>/respond/", ChallengeRespond.as_view(), name="challenge-respond"),
]
