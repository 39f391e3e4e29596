"""Funding pages: awards by priority area and by organisation, and the downloads of bids,
awards and published grants (360Giving). Every download holds only what the user may see."""

import datetime

from django.http import HttpResponse, StreamingHttpResponse
from django.urls import path
from django.views import View
from django.views.generic import TemplateView

from saferboard.actions.exports import csv_chunks, xlsx_bytes
from saferboard.core.permissions import PartnershipMixin
from saferboard.funding import exports, selectors
from saferboard.funding.charts import bar_chart

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VisibleFunding(PartnershipMixin):
    def visible_bids(self):
        return selectors.bid_list(
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        )

    def visible_awards(self):
        return selectors.award_list(
            partnership=self.partnership,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        )


class Exports(VisibleFunding, TemplateView):
    template_name = "funding/export_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["prefix"] = exports.giving_prefix(self.partnership)
        context["sees_all"] = selectors.sees_all_bids(
            partnership=self.partnership, user=self.request.user, roles=self.roles
        )
        return context


class AwardsBy(VisibleFunding, TemplateView):
    """Awards summed by priority area (or by organisation), as a table and a bar chart."""

    template_name = "funding/export_awards_by.html"
    by = "priority"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awards = list(exports.awards_for_export(self.visible_awards()))
        if self.by == "priority":
            groups, heading = exports.awards_by_priority(awards), "Priority area"
        else:
            groups, heading = exports.awards_by_organisation(awards), "Organisation"
        title = f"Money awarded by {heading.lower()}"
        context.update(
            by=self.by,
            title=title,
            heading=heading,
            groups=groups,
            award_count=len(awards),
            awarded=sum((award.total for award in awards), exports.ZERO),
            chart=bar_chart(
                rows=[(group.label, group.total) for group in groups],
                title=title,
                chart_id=f"awards-by-{self.by}",
            ),
        )
        return context


class Download(VisibleFunding, View):
    """One download: `what` is bids, awards or 360giving; `kind` csv or xlsx."""

    what = "bids"
    kind = "csv"

    def columns_and_rows(self):
        if self.what == "bids":
            bids = exports.bids_for_export(self.visible_bids())
            return exports.BID_COLUMNS, exports.bid_rows(bids.iterator(chunk_size=500))
        if self.what == "awards":
            awards = exports.awards_for_export(self.visible_awards())
            return exports.AWARD_COLUMNS, exports.award_rows(awards)
        awards = exports.published_awards(self.visible_awards())
        rows = exports.giving_rows(awards.iterator(chunk_size=500), partnership=self.partnership)
        return exports.GIVING_COLUMNS, rows

    def get(self, request, *args, **kwargs):
        columns, rows = self.columns_and_rows()
        stem = f"{self.partnership.slug}-{self.what}-{datetime.date.today():%Y-%m-%d}"
        if self.kind == "csv":
            response = StreamingHttpResponse(
                csv_chunks(rows, columns=columns), content_type="text/csv; charset=utf-8"
            )
        else:
            sheet = {"bids": "Bids", "awards": "Awards", "360giving": "grants"}[self.what]
            response = HttpResponse(
                xlsx_bytes(rows, columns=columns, sheet_name=sheet), content_type=XLSX
            )
        response["Content-Disposition"] = f'attachment; filename="{stem}.{self.kind}"'
        return response


urlpatterns = [
    path("exports/", Exports.as_view(), name="exports"),
    path("awards/by-priority/", AwardsBy.as_view(by="priority"), name="awards-by"),
    path(
        "awards/by-organisation/",
        AwardsBy.as_view(by="organisation"),
        name="awards-by-organisation",
    ),
    *(
        path(
            f"exports/{what}.{kind}",
            Download.as_view(what=what, kind=kind),
            name=f"export-{what}-{kind}",
        )
        for what in ("bids", "awards", "360giving")
        for kind in ("csv", "xlsx")
    ),
]
