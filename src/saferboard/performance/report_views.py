"""Pages of the performance reports: quarterly sheets per priority (page, words, PDF), the
half-year and annual report (page, PDF), and "put in the pack" for them and for the
exception report. Thin: the rules are in sheets.py, reports.py and pack_papers.py."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.performance import pack_papers, reports, sheets
from saferboard.performance import periods as period_rules
from saferboard.performance.pack_paper_views import put_in_pack_post
from saferboard.performance.report_forms import QuarterForm, QuarterlySheetForm, ReportWindowForm
from saferboard.plans.models import Priority


def _today() -> datetime.date:
    return timezone.localdate()


def _pdf_response(pdf: bytes, name: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


class ReportMixin(PartnershipMixin):
    """What every report page has: its address with the chosen period, and the small
    "put in the pack" form for managers and clerks."""

    pack_url_name = ""

    def query(self) -> dict:
        """The report's choice (period, quarter or year) as query parameters."""
        return {}

    def url(self, name: str, *, pk=None, query: dict | None = None) -> str:
        kwargs = {"partnership": self.partnership.slug}
        if pk is not None:
            kwargs["pk"] = pk
        address = reverse(name, kwargs=kwargs)
        query = self.query() if query is None else query
        return f"{address}?{urlencode(query)}" if query else address

    def pack_context(self, *, pk=None) -> dict:
        return pack_form_context(self, url_name=self.pack_url_name, query=self.query(), pk=pk)


def pack_form_context(view: ReportMixin, *, url_name: str, query: dict, pk=None) -> dict:
    """The "put in the pack" form for any report page (`view` is a PartnershipMixin)."""
    may_put = view.has_role(pack_papers.PACK_EDITORS)
    kwargs = {"partnership": view.partnership.slug} | ({"pk": pk} if pk is not None else {})
    return {
        "pack": {
            "may_put": may_put,
            "url": reverse(url_name, kwargs=kwargs),
            "hidden": query,
            "choices": pack_papers.pack_item_choices(partnership=view.partnership, today=_today())
            if may_put
            else [],
        }
    }


class PutInPackMixin(ReportMixin):
    """POST: put the report on the chosen agenda item (replacing its earlier copy there)."""

    allowed_roles = pack_papers.PACK_EDITORS

    def paper(self) -> GeneratedPaper:
        raise NotImplementedError

    def back_url(self) -> str:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return redirect(self.back_url())

    def post(self, request, *args, **kwargs):
        return put_in_pack_post(
            request,
            partnership=self.partnership,
            back=self.back_url(),
            put=lambda item: pack_papers.report_put_in_pack(
                item=item, paper=self.paper(), by=request.user, today=_today()
            ),
        )


# The exception report into the pack ----------------------------------------------------


class ExceptionReportToPack(PutInPackMixin, View):
    def period(self) -> period_rules.Period:
        return period_rules.parse_period(self.request.POST.get("period", ""))

    def query(self) -> dict:
        return {"period": self.request.POST.get("period", "")}

    def back_url(self) -> str:
        return self.url("performance:exception-report")

    def paper(self) -> GeneratedPaper:
        return reports.exception_report_paper(
            partnership=self.partnership, period=self.period(), today=_today()
        )


# Quarterly sheets ------------------------------------------------------------------------


class QuarterMixin(ReportMixin):
    """The quarter chosen with ?quarter= (the latest complete one unless another is asked
    for); `quarter_form` carries any error."""

    def quarter(self) -> period_rules.Period:
        if not hasattr(self, "_quarter"):
            data = self.request.GET if "quarter" in self.request.GET else None
            self.quarter_form = QuarterForm(data)
            chosen = None
            if self.quarter_form.is_bound and self.quarter_form.is_valid():
                chosen = self.quarter_form.cleaned_data["quarter"]
            self._quarter = chosen or period_rules.previous(period_rules.quarter_of(_today()))
            if not self.quarter_form.is_bound:
                self.quarter_form = QuarterForm(initial={"quarter": self._quarter.label})
        return self._quarter

    def query(self) -> dict:
        return {"quarter": self.quarter().label}


class QuarterlySheetList(QuarterMixin, TemplateView):
    """Every priority's sheet for a quarter: which have words written, and links."""

    template_name = "performance/quarterly_sheet_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        quarter = self.quarter()
        context.update(
            quarter=quarter,
            form=self.quarter_form,
            rows=[
                {
                    "priority": priority,
                    "sheet": sheet,
                    "url": self.url("performance:quarterly-sheet", pk=priority.pk),
                }
                for priority, sheet in sheets.quarterly_sheet_priorities(
                    partnership=self.partnership, quarter=quarter
                )
            ],
            previous_url=self.url(
                "performance:quarterly-sheets",
                query={"quarter": period_rules.previous(quarter).label},
            ),
        )
        return context


class SheetMixin(QuarterMixin):
    model = Priority

    def priority(self) -> Priority:
        if not hasattr(self, "_priority"):
            self._priority = sheets.sheet_priority_get(
                partnership=self.partnership, pk=self.kwargs["pk"]
            )
        return self._priority

    def sheet_url(self) -> str:
        return self.url("performance:quarterly-sheet", pk=self.priority().pk)


class QuarterlySheetPage(SheetMixin, TemplateView):
    template_name = "performance/quarterly_sheet.html"
    pack_url_name = "performance:quarterly-sheet-to-pack"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        priority = self.priority()
        report = sheets.quarterly_sheet_report(priority=priority, quarter=self.quarter())
        context.update(
            report=report,
            form=self.quarter_form,
            may_write=bool(sheets.sheet_fields_for(self.roles)),
            edit_url=self.url("performance:quarterly-sheet-edit", pk=priority.pk),
            pdf_url=self.url("performance:quarterly-sheet-pdf", pk=priority.pk),
            list_url=self.url("performance:quarterly-sheets"),
            history=history_changes(report.sheet) if report.sheet else [],
            **self.pack_context(pk=priority.pk),
        )
        return context


class QuarterlySheetPdf(SheetMixin, View):
    def get(self, request, *args, **kwargs):
        report = sheets.quarterly_sheet_report(priority=self.priority(), quarter=self.quarter())
        name = f"quarterly-sheet-{self.priority().pk}-{reports.file_stem(report.quarter.label)}"
        return _pdf_response(sheets.quarterly_sheet_pdf(report=report, today=_today()), name)


class QuarterlySheetEdit(SheetMixin, FormView):
    """Write the sheet's words: all of them for managers and analysts, the partner
    comments for clerks, board members and contributors."""

    template_name = "performance/quarterly_sheet_form.html"
    form_class = QuarterlySheetForm
    allowed_roles = sheets.COMMENT_WRITERS

    def field_names(self) -> list[str]:
        return sheets.sheet_fields_for(self.roles)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "field_names": self.field_names()}

    def get_initial(self):
        sheet = sheets.quarterly_sheet_get(priority=self.priority(), quarter=self.quarter())
        initial = {"version": sheet.version if sheet else sheets.NO_SHEET_YET}
        if sheet is not None:
            initial |= {name: getattr(sheet, name) for name in self.field_names()}
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            priority=self.priority(),
            quarter=self.quarter(),
            only_comments=self.field_names() == ["partner_comments"],
            cancel_url=self.sheet_url(),
        )
        return context

    def form_valid(self, form):
        words = {name: form.cleaned_data[name] for name in self.field_names()}
        try:
            with transaction.atomic():
                sheets.quarterly_sheet_save(
                    priority=self.priority(),
                    quarter=self.quarter(),
                    by=self.request.user,
                    expected_version=form.cleaned_data["version"],
                    **words,
                )
        except (BusinessRuleError, StaleEditError) as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"The sheet for {self.quarter()} has been saved.")
        return redirect(self.sheet_url())


class QuarterlySheetToPack(SheetMixin, PutInPackMixin, View):
    def post(self, request, *args, **kwargs):
        self.priority()  # another partnership's priority is 404 before anything else
        return super().post(request, *args, **kwargs)

    def quarter(self) -> period_rules.Period:
        quarter = period_rules.parse_period(self.request.POST.get("quarter", ""))
        if quarter.kind != period_rules.QUARTER:
            raise ValueError(f"“{quarter.label}” is not a quarter.")
        return quarter

    def back_url(self) -> str:
        try:
            return self.sheet_url()
        except ValueError:
            return self.url("performance:quarterly-sheet", pk=self.priority().pk, query={})

    def paper(self) -> GeneratedPaper:
        return sheets.quarterly_sheet_paper(
            priority=self.priority(), quarter=self.quarter(), today=_today()
        )


# The half-year and annual report --------------------------------------------------------


class WindowMixin(ReportMixin):
    """The report chosen with ?year=2025/26&part=half|year (the latest ended one unless
    another is asked for)."""

    def window(self) -> reports.ReportWindow:
        if not hasattr(self, "_window"):
            data = self.request.GET if "year" in self.request.GET else None
            self.window_form = ReportWindowForm(data)
            window = None
            if self.window_form.is_bound and self.window_form.is_valid():
                window = self.window_form.cleaned_data["window"]
            self._window = window or reports.latest_window(_today())
            if not self.window_form.is_bound:
                self.window_form = ReportWindowForm(
                    initial={"year": self._window.year.label, "part": self._window.part}
                )
        return self._window

    def query(self) -> dict:
        window = self.window()
        return {"year": window.year.label, "part": window.part}


class PerformanceReportPage(WindowMixin, TemplateView):
    template_name = "performance/performance_report.html"
    pack_url_name = "performance:performance-report-to-pack"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        window = self.window()
        context.update(
            report=reports.performance_report(partnership=self.partnership, window=window),
            form=self.window_form,
            pdf_url=self.url("performance:performance-report-pdf"),
            **self.pack_context(),
        )
        return context


class PerformanceReportPdf(WindowMixin, View):
    def get(self, request, *args, **kwargs):
        window = self.window()
        report = reports.performance_report(partnership=self.partnership, window=window)
        pdf = reports.performance_report_pdf(
            partnership=self.partnership, report=report, today=_today()
        )
        return _pdf_response(pdf, f"{window.file_name[:-4]}-{window.year.start.year}.pdf")


class PerformanceReportToPack(WindowMixin, PutInPackMixin, View):
    def window(self) -> reports.ReportWindow:
        return reports.report_window(
            year=self.request.POST.get("year", ""), part=self.request.POST.get("part", "")
        )

    def back_url(self) -> str:
        try:
            return self.url("performance:performance-report")
        except ValueError:
            return self.url("performance:performance-report", query={})

    def paper(self) -> GeneratedPaper:
        return reports.performance_report_paper(
            partnership=self.partnership, window=self.window(), today=_today()
        )


urlpatterns = [
    path(
        "exceptions/to-pack/",
        ExceptionReportToPack.as_view(),
        name="exception-report-to-pack",
    ),
    path("quarterly-sheets/", QuarterlySheetList.as_view(), name="quarterly-sheets"),
    path(
        "priorities/<int:pk>/quarterly-sheet/",
        QuarterlySheetPage.as_view(),
        name="quarterly-sheet",
    ),
    path(
        "priorities/<int:pk>/quarterly-sheet.pdf",
        QuarterlySheetPdf.as_view(),
        name="quarterly-sheet-pdf",
    ),
    path(
        "priorities/<int:pk>/quarterly-sheet/edit/",
        QuarterlySheetEdit.as_view(),
        name="quarterly-sheet-edit",
    ),
    path(
        "priorities/<int:pk>/quarterly-sheet/to-pack/",
        QuarterlySheetToPack.as_view(),
        name="quarterly-sheet-to-pack",
    ),
    path("report/", PerformanceReportPage.as_view(), name="performance-report"),
    path("report.pdf", PerformanceReportPdf.as_view(), name="performance-report-pdf"),
    path(
        "report/to-pack/",
        PerformanceReportToPack.as_view(),
        name="performance-report-to-pack",
    ),
]
