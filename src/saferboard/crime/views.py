"""Crime data pages: the overview (months loaded, imports, areas), uploading police.uk
files with progress, and an area's or sub-area's series chart, summary table and hotspots.
Adding, changing and deleting areas and sub-areas is in area_views.py."""

from django.http import Http404, StreamingHttpResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView

from saferboard.core.permissions import PartnershipMixin
from saferboard.crime import analysis, maps, selectors
from saferboard.crime.forms import CrimeUploadForm, SeriesForm
from saferboard.crime.imports import (
    CrimeImportError,
    crime_import_steps,
    files_from_upload,
    import_summary,
)
from saferboard.crime.models import Area, SubArea
from saferboard.crime.services import CRIME_EDITORS
from saferboard.performance import charts

SERIES_MONTHS = 24
PROGRESS_MARK = "<!-- progress -->"


class CrimeMixin(PartnershipMixin):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_import"] = self.has_role(CRIME_EDITORS)
        context["overview_url"] = reverse("crime:overview", args=[self.partnership.slug])
        return context

    def partnership_forces(self) -> list[str]:
        return sorted(
            {
                force
                for area in selectors.area_list(partnership=self.partnership)
                for force in area.forces
            }
        )


class Overview(CrimeMixin, TemplateView):
    template_name = "crime/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forces = self.partnership_forces()
        context.update(
            areas=list(selectors.area_list(partnership=self.partnership)),
            loaded=selectors.loaded_months_by_force(forces=forces or None),
            imports=selectors.import_list(partnership=self.partnership),
        )
        return context


class Upload(CrimeMixin, FormView):
    """Files are checked and imported in one transaction while the page streams a line per
    file ("Importing file 3 of 24"), then says what was stored or what was wrong."""

    template_name = "crime/upload.html"
    form_class = CrimeUploadForm
    allowed_roles = CRIME_EDITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forces"] = self.partnership_forces()
        return context

    def form_valid(self, form):
        try:
            files = [
                crime_file
                for upload in form.cleaned_data["files"]
                for crime_file in files_from_upload(upload.name, upload.read())
            ]
        except CrimeImportError as error:
            form.add_error("files", str(error))
            return self.form_invalid(form)
        steps = crime_import_steps(
            files=files,
            by=self.request.user,
            partnership=self.partnership,
            allowed_forces=self.partnership_forces(),
        )
        page = render_to_string(
            "crime/import_progress.html",
            self.get_context_data(progress_mark=PROGRESS_MARK, total=len(files)),
            request=self.request,
        )
        head, tail = page.split(PROGRESS_MARK)
        return StreamingHttpResponse(self._stream(head, tail, steps))

    def _stream(self, head: str, tail: str, steps):
        yield head
        yield '<ol class="govuk-list govuk-list--number" id="progress">'
        try:
            while True:
                done, total, name = next(steps)
                if name:
                    yield render_to_string(
                        "crime/import_progress_line.html",
                        {"number": done + 1, "total": total, "name": name},
                    )
        except StopIteration as finished:
            outcome = {"summary": import_summary(finished.value)}
        except CrimeImportError as error:
            outcome = {"problems": error.problems}
        yield "</ol>"
        yield render_to_string(
            "crime/import_result.html",
            outcome | {"overview_url": reverse("crime:overview", args=[self.partnership.slug])},
        )
        yield tail


class AreaObjectMixin(CrimeMixin):
    """Finds the page's area or sub-area through the partnership (404 for anyone else's)."""

    model = Area

    def area(self) -> Area:
        if self.model is SubArea:
            return self.sub_area().area
        try:
            return selectors.area_get(partnership=self.partnership, pk=self.kwargs["pk"])
        except Area.DoesNotExist as missing:
            raise Http404("No such area") from missing

    def sub_area(self) -> SubArea:
        if not hasattr(self, "_sub_area"):
            try:
                self._sub_area = selectors.sub_area_get(
                    partnership=self.partnership, pk=self.kwargs["pk"]
                )
            except SubArea.DoesNotExist as missing:
                raise Http404("No such sub-area") from missing
        return self._sub_area

    def area_url(self, area: Area) -> str:
        return reverse("crime:area-detail", args=[self.partnership.slug, area.pk])


class AreaDetail(AreaObjectMixin, TemplateView):
    """An area's (or, for SubAreaDetail, a sub-area's) monthly series (chart and table) for
    one crime type, and the summary of every crime type for the month: this month, FYTD and
    rolling 12 months, with changes; and the hotspots of the last 12 months."""

    template_name = "crime/area_detail.html"
    model = Area

    def place(self) -> tuple[Area, SubArea | None]:
        return self.area(), None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area, sub_area = self.place()
        form = SeriesForm(self.request.GET or None)
        chosen = form.cleaned_data if form.is_valid() else {}
        crime_type = chosen.get("type") or analysis.ALL
        scope = analysis.scope_for_area(area, sub_area)
        month = chosen.get("month") or selectors.latest_loaded_month(forces=area.forces)
        context.update(
            area=area,
            sub_area=sub_area,
            place=scope.label,
            sub_areas=[] if sub_area else list(selectors.sub_area_list(area=area)),
            form=form,
            crime_type=crime_type,
            month=month,
        )
        if month is None:
            return context
        first = analysis.add_months(month, 1 - SERIES_MONTHS)
        series = analysis.monthly_series(
            scope=scope, crime_type=crime_type, first=first, last=month
        )
        label = analysis.TOTALS.get(crime_type, crime_type)
        summary = analysis.summary(scope=scope, month=month)
        hotspots, total, no_location = analysis.top_lsoas(
            scope=scope, crime_type=crime_type, first=analysis.add_months(month, -11), last=month
        )
        context.update(
            series=[(f"{m:%b %Y}", n) for m, n in series],
            chart=charts.series_chart(
                title=f"{label}, {scope.label}, by month",
                description=f"Records per month from {first:%B %Y} to {month:%B %Y}; "
                "the table below gives every value.",
                labels=[f"{m:%b %y}" for m, _ in series],
                values=[n for _, n in series],
                chart_id="crime-series",
            ),
            type_label=label,
            summary=summary,
            table=[
                {
                    "label": row.label,
                    "total": row.crime_type in analysis.TOTALS,
                    "cells": [
                        (row.counts[w.key], row.counts[w.before_key], row.changes[w.key])
                        for w in summary.windows
                    ],
                }
                for row in summary.rows
            ],
            windows=summary.windows,
            incomplete=[
                period
                for window in summary.windows
                for period in (window.now, window.before)
                if not summary.complete(period)
            ],
            hotspots=hotspots,
            hotspot_total=total,
            no_location=no_location,
            small_population=any(h.small_resident_population for h in hotspots),
            map=maps.choropleth(
                scope=scope,
                first=analysis.add_months(month, -11),
                last=month,
                crime_type=crime_type,
                title=f"{label} by MSOA, {scope.label}, 12 months to {month:%B %Y}",
            ),
        )
        return context


class SubAreaDetail(AreaDetail):
    """The area page's chart, summary and hotspots, counting the sub-area's LSOAs only."""

    model = SubArea

    def place(self) -> tuple[Area, SubArea | None]:
        sub_area = self.sub_area()
        return sub_area.area, sub_area


urlpatterns = [
    path("", Overview.as_view(), name="overview"),
    path("upload/", Upload.as_view(), name="upload"),
    path("areas/<int:pk>/", AreaDetail.as_view(), name="area-detail"),
    path("sub-areas/<int:pk>/", SubAreaDetail.as_view(), name="sub-area-detail"),
]
