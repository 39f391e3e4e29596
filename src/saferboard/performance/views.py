"""Performance pages: the dashboard, the indicators and their drill-down pages, comparators,
manual RAG overrides and the exception report. Thin: the rules live in rag.py, the reads
in selectors.py and the writes in services.py."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import Role
from saferboard.performance import charts, forms, reports, selectors
from saferboard.performance import periods as period_rules
from saferboard.performance.models import Indicator, IndicatorValue
from saferboard.performance.rag import figure, indicator_rag
from saferboard.performance.report_views import pack_form_context
from saferboard.performance.reports import target_text
from saferboard.performance.services import (
    comparator_add,
    indicator_create,
    indicator_update,
    indicator_value_override,
)
from saferboard.performance.sources import value_source_label

# The community safety manager and analysts keep the framework and may set RAG by hand.
PERFORMANCE_EDITORS = frozenset({Role.MANAGER, Role.ANALYST})


def _today() -> datetime.date:
    return timezone.localdate()


class IndicatorMixin:
    model = Indicator
    url_prefix = "performance:indicator"
    list_selector = selectors.indicator_list
    editor_roles = PERFORMANCE_EDITORS


class Dashboard(IndicatorMixin, crud.RecordMixin, TemplateView):
    """Every indicator's latest value, RAG, direction of travel and trend, by priority."""

    template_name = "performance/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups = selectors.dashboard(partnership=self.partnership, as_at=_today())
        for group in groups:
            for summary in group.summaries:
                recent = summary.series[-selectors.SPARKLINE_POINTS :]
                summary.sparkline = charts.sparkline(
                    [row.value for _, row in recent],
                    title=f"Trend of {summary.indicator.code}: "
                    + ", ".join(f"{period} {figure(row.value)}" for period, row in recent),
                )
        context["groups"] = groups
        return context


class IndicatorList(IndicatorMixin, crud.RecordMixin, TemplateView):
    """The framework: every indicator's definition and target, grouped by priority."""

    template_name = "performance/indicator_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicators = list(self.queryset())
        context["groups"] = selectors.group_by_priority(
            [selectors.IndicatorSummary(indicator=indicator) for indicator in indicators]
        )
        return context


class IndicatorFormView(IndicatorMixin, crud.RecordFormView):
    form_class = forms.IndicatorForm

    def save(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        if self.object is None:
            return indicator_create(partnership=self.partnership, by=self.request.user, **fields)
        return indicator_update(
            indicator=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **fields,
        )


class IndicatorDetail(IndicatorMixin, crud.RecordMixin, TemplateView):
    """The drill-down: series chart with target and comparators, every value with its RAG
    and direction, who submitted what and when, and the comparators."""

    template_name = "performance/indicator_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        indicator = self.get_object()
        values = selectors.indicator_values(indicator=indicator)
        summary = selectors.summarise(indicator, values, as_at=datetime.date.max)
        by_period = {(row.period_start, row.period_end): row for row in values}
        rows = []
        for period, row in summary.series:
            before = period_rules.previous(period)
            rows.append(
                {
                    "period": period,
                    "row": row,
                    "figure": figure(
                        row.value,
                        unit=indicator.unit,
                        numerator=row.numerator,
                        denominator=row.denominator,
                    ),
                    "rag": indicator_rag(indicator, row),
                    "direction": selectors.rag_rules.value_direction(
                        indicator,
                        row,
                        by_period.get((before.start, before.end)),
                        against=before.label,
                    ),
                }
            )
        comparators = selectors.comparator_list(indicator=indicator)
        labels = [str(period) for period, _ in summary.series]
        positions = {(p.start, p.end): i for i, (p, _) in enumerate(summary.series)}
        lines: dict[str, list] = {}
        for comparator in comparators:
            index = positions.get((comparator.period_start, comparator.period_end))
            if index is not None and comparator.value is not None:
                lines.setdefault(comparator.name, [None] * len(labels))[index] = comparator.value
        target = summary.rag.target
        chart = None
        if labels:
            chart = charts.series_chart(
                title=f"{indicator}: values by period",
                description=(
                    f"{len(labels)} periods from {labels[0]} to {labels[-1]}. "
                    f"Target: {target_text(indicator, target)}. "
                    "The same figures are in the table below."
                ),
                labels=labels,
                values=[row.value for _, row in summary.series],
                target=target,
                comparators=list(lines.items()),
                chart_id=f"indicator-{indicator.pk}",
            )
        context.update(
            object=indicator,
            summary=summary,
            rows=rows,
            chart=chart,
            target_text=target_text(indicator, target),
            value_source=value_source_label(indicator.value_source),
            comparators=comparators,
            submissions=selectors.indicator_value_history(indicator=indicator),
            history=history_changes(indicator),
            edit_url=self.url("edit", indicator),
            comparator_add_url=reverse(
                "performance:comparator-add",
                kwargs={"partnership": self.partnership.slug, "pk": indicator.pk},
            ),
        )
        return context


class ComparatorAdd(IndicatorMixin, crud.RecordMixin, FormView):
    """Add a comparator (London average, rank of N) for one period of an indicator."""

    template_name = "performance/comparator_form.html"
    form_class = forms.ComparatorForm

    @property
    def allowed_roles(self):
        return self.editor_roles

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.get_object(), cancel_url=self.url("detail", self.get_object()))
        return context

    def form_valid(self, form):
        indicator = self.get_object()
        period = form.cleaned_data["period"]
        try:
            comparator_add(
                indicator=indicator,
                by=self.request.user,
                name=form.cleaned_data["name"],
                period_start=period.start,
                period_end=period.end,
                value=form.cleaned_data["value"],
                rank=form.cleaned_data["rank"],
                rank_of=form.cleaned_data["rank_of"],
            )
        except BusinessRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, f"{form.cleaned_data['name']} for {period} added.")
        return redirect(self.url("detail", indicator))


class ValueOverride(PartnershipMixin, FormView):
    """Set one value's red, amber or green by hand, with the reason, or clear it."""

    model = IndicatorValue
    allowed_roles = PERFORMANCE_EDITORS
    template_name = "performance/value_override.html"
    form_class = forms.OverrideForm

    def get_object(self) -> IndicatorValue:
        return get_object_or_404(
            selectors.indicator_value_list(partnership=self.partnership), pk=self.kwargs["pk"]
        )

    def get_initial(self):
        value = self.get_object()
        return {
            "rag_override": value.rag_override,
            "rag_override_reason": value.rag_override_reason,
            "version": value.version,
        }

    def _indicator_url(self, value):
        return reverse(
            "performance:indicator-detail",
            kwargs={"partnership": self.partnership.slug, "pk": value.indicator_id},
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        value = self.get_object()
        context.update(
            value=value,
            period=period_rules.period_of(value.period_start, value.period_end),
            computed=indicator_rag(value.indicator, value, ignore_override=True),
            cancel_url=self._indicator_url(value),
        )
        return context

    def form_valid(self, form):
        value = self.get_object()
        try:
            with transaction.atomic():
                indicator_value_override(
                    indicator_value=value,
                    by=self.request.user,
                    rag=form.cleaned_data["rag_override"],
                    reason=form.cleaned_data["rag_override_reason"],
                    expected_version=form.cleaned_data["version"],
                )
        except (BusinessRuleError, StaleEditError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Red, amber or green saved.")
        return redirect(self._indicator_url(value))


class ExceptionReport(PartnershipMixin, TemplateView):
    """Red and amber indicators (and the delivery plan's key actions, where there is a
    plan) for a period: the latest complete quarter unless another is asked for."""

    template_name = "performance/exception_report.html"

    def report(self) -> dict:
        form = forms.ReportPeriodForm(self.request.GET or None)
        period = None
        if form.is_bound and form.is_valid():
            period = form.cleaned_data["period"]
        if period is None:
            period = period_rules.previous(period_rules.quarter_of(_today()))
        return {
            "form": form,
            "generated_on": _today(),
            **reports.exception_report(partnership=self.partnership, period=period),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.report())
        context["pdf_url"] = reverse(
            "performance:exception-report-pdf", kwargs={"partnership": self.partnership.slug}
        )
        context.update(
            pack_form_context(
                self,
                url_name="performance:exception-report-to-pack",
                query={"period": context["period"].label},
            )
        )
        return context


class ExceptionReportPdf(ExceptionReport):
    def get(self, request, *args, **kwargs):
        report = self.report()
        pdf = reports.exception_report_pdf(
            partnership=self.partnership, period=report["period"], today=report["generated_on"]
        )
        name = f"exception-report-{reports.file_stem(report['period'].label)}"
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
        return response
