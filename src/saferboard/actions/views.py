"""Action log pages: thin declarations over core.crud plus "My actions" and owners' updates."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView, TemplateView

from saferboard.actions import exports, forms, selectors, summary
from saferboard.actions.models import Action
from saferboard.actions.owners import owners_to_confirm
from saferboard.actions.services import action_add_update, action_create, action_update
from saferboard.core import crud
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.roles import ACTION_EDITORS, ACTION_UPDATERS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ActionMixin:
    model = Action
    url_prefix = "actions:action"
    list_selector = selectors.action_list
    editor_roles = ACTION_EDITORS


class ActionList(ActionMixin, crud.RecordMixin, TemplateView):
    """The log, filtered by owner (organisation or person), body, status, due date and overdue.

    The filters are in the address (GET), so a filtered log can be bookmarked, shared and
    downloaded as it is shown.
    """

    template_name = "actions/action_list.html"
    heading = "Action log"
    page_size = 50

    def actions(self, today):
        form = forms.ActionFilterForm(self.request.GET or None, partnership=self.partnership)
        queryset = selectors.action_filter(queryset=self.queryset(), today=today, **form.filters())
        return form, queryset

    def filter_query(self) -> str:
        """The filters in the address, without the page number."""
        query = self.request.GET.copy()
        query.pop("page", None)
        return query.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = datetime.date.today()
        form, queryset = self.actions(today)
        page = Paginator(queryset, self.page_size).get_page(self.request.GET.get("page"))
        for action in page.object_list:
            action.overdue = action.is_overdue(today)
        context.update(
            heading=self.heading,
            filter_form=form,
            filter_query=self.filter_query(),
            page=page,
            summary_url=self.url("summary"),
        )
        return context


class MyActions(ActionList):
    heading = "My actions"

    def actions(self, today):
        return None, selectors.action_list_for_user(
            partnership=self.partnership, user=self.request.user, on=today
        )


class ActionExport(ActionList):
    """The filtered log as a spreadsheet; see exports.py for the columns."""

    def export(self, rows, filename: str):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        today = datetime.date.today()
        form, queryset = self.actions(today)
        if form.errors:
            # A download must hold what was asked for: show the log with the filters' errors.
            return redirect(f"{self.url('list')}?{self.filter_query()}")
        queryset = selectors.with_latest_update(queryset).prefetch_related("meeting__bodies")
        rows = exports.export_rows(queryset.iterator(chunk_size=500), today=today)
        return self.export(rows, f"actions-{self.partnership.slug}-{today:%Y-%m-%d}")


class ActionExportCsv(ActionExport):
    def export(self, rows, filename: str):
        response = StreamingHttpResponse(
            exports.csv_chunks(rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response


class ActionExportXlsx(ActionExport):
    def export(self, rows, filename: str):
        response = HttpResponse(exports.xlsx_bytes(rows), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response


class ActionSummary(ActionMixin, crud.RecordMixin, TemplateView):
    """The manager's summary: counts by owning organisation, each linking to the log.

    Everyone in the partnership may see it: every count comes from the log, which they
    may already read, and partners see how their organisation stands.
    """

    template_name = "actions/action_summary.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = datetime.date.today()
        rows = summary.action_summary_by_organisation(partnership=self.partnership, today=today)
        context.update(
            columns=summary.COLUMNS,
            rows=summary.summary_table(rows=rows, log_url=self.url("list"), today=today),
            chart=summary.summary_chart(rows),
            today=today,
        )
        return context


class ActionDetail(ActionMixin, crud.RecordDetailView):
    template_name = "actions/action_detail.html"
    fields = [
        ("Reference", "reference"),
        ("Action", "text"),
        ("Meeting", "meeting"),
        ("Minute", "agenda_item"),
        ("Resolution", "resolution"),
        ("Owners", "owner_names"),
        ("Due", "due_label"),
        ("Status", "get_status_display"),
        ("Closing note", "closing_note"),
        ("Date closed", "closed_on"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = context["object"]
        context.update(
            updates=action.updates.select_related("author"),
            overdue=action.is_overdue(),
            owners_to_confirm=owners_to_confirm(action=action),
            may_add_update=selectors.action_may_add_update(
                action=action,
                user=self.request.user,
                roles=self.roles,
                on=datetime.date.today(),
            ),
        )
        return context


class ActionFormView(ActionMixin, crud.RecordFormView):
    """Add or change an action; adding from a minute passes ?agenda_item=<pk>."""

    form_class = forms.ActionForm

    def save(self, form):
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        if self.object is None:
            return action_create(
                partnership=self.partnership,
                by=self.request.user,
                owners=form.owners(),
                **fields,
            )
        return action_update(
            action=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            owners=form.owners(),
            **fields,
        )


class ActionAddUpdate(ActionMixin, crud.RecordMixin, FormView):
    """An owner's dated update; contributors only on actions they or their organisation own."""

    template_name = "actions/action_add_update.html"
    form_class = forms.ActionUpdateForm
    allowed_roles = ACTION_UPDATERS

    def get_form_kwargs(self):
        self.object = self.get_object()
        if not selectors.action_may_add_update(
            action=self.object,
            user=self.request.user,
            roles=self.roles,
            on=datetime.date.today(),
        ):
            raise PermissionDenied("Only the action's owners may add updates to it.")
        kwargs = super().get_form_kwargs()
        kwargs.setdefault("initial", {}).update(
            version=self.object.version,
            status=self.object.status,
            on=datetime.date.today(),
        )
        return kwargs

    def form_valid(self, form):
        try:
            with transaction.atomic():
                action_add_update(
                    action=self.object,
                    by=self.request.user,
                    expected_version=form.cleaned_data["version"],
                    on=form.cleaned_data["on"],
                    note=form.cleaned_data["note"],
                    status=form.cleaned_data["status"],
                )
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            if field == "closing_note":
                field = "note"
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, "Update added.")
        return redirect(self.url("detail", self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, cancel_url=self.url("detail", self.object))
        return context
