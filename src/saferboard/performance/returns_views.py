"""Returns pages: the returns due from the signed-in user, submitting one, uploading a file
of them, and downloading the template and the export. Routes under
/p/<partnership>/performance/returns/."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.permissions import PartnershipMixin
from saferboard.performance.models import Indicator, IndicatorValue
from saferboard.performance.periods import Period, period_for
from saferboard.performance.returns import (
    NO_VALUE_YET,
    RETURNS_ROLES,
    ReturnStatus,
    ended_periods,
    indicators_for_user,
    indicators_taking_returns,
    number_text,
    return_due_on,
    return_may_submit,
    return_submit,
    returns_due,
)
from saferboard.performance.returns_files import (
    CONTENT_TYPES,
    CSV,
    XLSX,
    ReturnsFileError,
    returns_export,
    returns_filename,
    returns_template,
    returns_upload,
)
from saferboard.performance.returns_forms import ReturnForm, ReturnsUploadForm

# The list's filter: returns still to send (the default) or every return due.
TO_SEND = "to_send"
EVERY = "all"


class ReturnsMixin(PartnershipMixin):
    allowed_roles = RETURNS_ROLES

    def today(self) -> datetime.date:
        return timezone.localdate()

    def my_indicators(self, queryset=None):
        return indicators_for_user(
            queryset=queryset
            if queryset is not None
            else indicators_taking_returns(partnership=self.partnership),
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=self.today(),
        )

    def returns_url(self, name: str = "returns", **kwargs) -> str:
        return reverse(
            f"performance:{name}", kwargs={"partnership": self.partnership.slug, **kwargs}
        )


class ReturnsList(ReturnsMixin, TemplateView):
    """The returns due from the user: contributors their organisation's or their own
    indicators, managers, analysts and clerks every indicator."""

    template_name = "performance/returns_list.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = self.today()
        showing = EVERY if self.request.GET.get("show") == EVERY else TO_SEND
        due = returns_due(indicators=self.my_indicators(), today=today)
        counts = {status: 0 for status in ReturnStatus}
        for each in due:
            counts[each.status] += 1
        if showing == TO_SEND:
            due = [each for each in due if each.status in (ReturnStatus.DUE, ReturnStatus.OVERDUE)]
        page = Paginator(due, self.page_size).get_page(self.request.GET.get("page"))
        context.update(
            page=page,
            showing=showing,
            counts={status.value: counts[status] for status in ReturnStatus},
            to_send=counts[ReturnStatus.DUE] + counts[ReturnStatus.OVERDUE],
            today=today,
        )
        return context


def _period_from_query(indicator: Indicator, text: str | None, today: datetime.date) -> Period:
    """The period named by ?period=YYYY-MM-DD (any day in it), or the last one to end."""
    if text:
        try:
            return period_for(indicator.frequency, datetime.date.fromisoformat(text))
        except ValueError:
            pass
    ended = ended_periods(indicator, today)
    return ended[-1] if ended else period_for(indicator.frequency, today)


class ReturnSubmit(ReturnsMixin, FormView):
    """One indicator's return for one period (?period=<a day in it>): a value, or no
    information with a reason. Contributors only for indicators they answer for."""

    model = Indicator
    template_name = "performance/returns_submit.html"
    form_class = ReturnForm

    def setup_return(self):
        self.indicator = get_object_or_404(
            Indicator.objects.filter(partnership=self.partnership).select_related(
                "lead_organisation", "lead_person"
            ),
            pk=self.kwargs["pk"],
        )
        today = self.today()
        if not return_may_submit(
            indicator=self.indicator, user=self.request.user, roles=self.roles, on=today
        ):
            raise PermissionDenied(
                "You may submit returns only for your organisation's indicators."
            )
        self.period = _period_from_query(self.indicator, self.request.GET.get("period"), today)
        self.existing = (
            IndicatorValue.objects.filter(
                indicator=self.indicator,
                period_start=self.period.start,
                period_end=self.period.end,
            )
            .select_related("submitted_by")
            .first()
        )

    def get_form_kwargs(self):
        self.setup_return()
        kwargs = super().get_form_kwargs()
        existing = self.existing
        initial = {"version": existing.version if existing else NO_VALUE_YET}
        if existing:
            initial.update(
                value=number_text(existing.value),
                numerator=number_text(existing.numerator),
                denominator=number_text(existing.denominator),
                commentary=existing.commentary,
                no_information_reason=existing.no_information_reason,
            )
        kwargs["initial"] = initial
        return kwargs

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            return_submit(
                indicator=self.indicator,
                period=self.period,
                value=data["value"],
                numerator=data["numerator"],
                denominator=data["denominator"],
                commentary=data["commentary"],
                no_information_reason=data["no_information_reason"]
                if data["value"] is None
                else "",
                by=self.request.user,
                expected_version=data["version"] if data["version"] is not None else NO_VALUE_YET,
                source="web",
                today=self.today(),
            )
        except (BusinessRuleError, StaleEditError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"Return saved: {self.indicator.code}, {self.period.label}.")
        return redirect(self.returns_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            indicator=self.indicator,
            period=self.period,
            due_on=return_due_on(self.indicator, self.period),
            existing=self.existing,
            cancel_url=self.returns_url(),
        )
        return context


class ReturnsUpload(ReturnsMixin, FormView):
    template_name = "performance/returns_upload.html"
    form_class = ReturnsUploadForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            summary = returns_upload(
                partnership=self.partnership,
                by=self.request.user,
                name=upload.name,
                data=upload.read(),
                today=self.today(),
            )
        except ReturnsFileError as error:
            count = len(error.errors)
            form.add_error(
                "file",
                f"The file has {count} problem{'s' * (count != 1)}, so nothing was saved. "
                "Correct the file and upload it again."
                if count > 1
                else f"{error.errors[0]} Nothing was saved.",
            )
            return self.render_to_response(self.get_context_data(form=form, problems=error.errors))
        messages.success(self.request, summary.message())
        return redirect(self.returns_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cancel_url=self.returns_url(),
            template_csv=self.returns_url("returns-template-csv"),
            template_xlsx=self.returns_url("returns-template-xlsx"),
        )
        return context


class ReturnsDownload(ReturnsMixin, View):
    """The template (returns still to send) or the export (returns sent), as CSV or XLSX."""

    kind = CSV
    what = "template"
    builders = {"template": returns_template, "export": returns_export}

    def get(self, request, *args, **kwargs):
        today = self.today()
        content = self.builders[self.what](
            partnership=self.partnership,
            user=request.user,
            roles=self.roles,
            today=today,
            kind=self.kind,
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[self.kind])
        name = returns_filename(
            partnership=self.partnership, what=self.what, today=today, kind=self.kind
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


urlpatterns = [
    path("returns/", ReturnsList.as_view(), name="returns"),
    path("returns/upload/", ReturnsUpload.as_view(), name="returns-upload"),
    path("returns/<int:pk>/", ReturnSubmit.as_view(), name="returns-submit"),
    *[
        path(
            f"returns/{what}.{kind}",
            ReturnsDownload.as_view(what=what, kind=kind),
            name=f"returns-{what}-{kind}",
        )
        for what in ("template", "export")
        for kind in (CSV, XLSX)
    ],
]
