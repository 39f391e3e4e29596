"""Agenda pages: the agenda tab, items and sections, reordering, standing items, business
offered from earlier meetings and the forward plan, and publishing late papers with a reason.

Views are thin: they look records up through the partnership and call `meetings.agenda`
or `meetings.services`.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView, View

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import MEETING_EDITORS
from saferboard.meetings import agenda, agenda_forms, services
from saferboard.meetings.circulation import meeting_circulation
from saferboard.meetings.models import (
    AgendaItem,
    AgendaSection,
    ForwardPlanEntry,
    MeetingStatus,
    StandingItem,
)
from saferboard.meetings.pages import MeetingPage, MeetingPageMixin
from saferboard.registry.models import Body


def _model_fields(form) -> dict:
    return {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}


class ServiceFormMixin:
    """Runs `save(form)` in one transaction and shows refusals on the form."""

    template_name = "meetings/agenda_form.html"
    heading = ""
    success_message = "Saved."

    def save(self, form) -> None:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.save(form)
        except StaleEditError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except BusinessRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.error_list}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(heading=self.heading, cancel_url=self.get_success_url())
        return context


def _run(request, call, success: str) -> None:
    """Run a button's service call; say what happened, or why it was refused."""
    try:
        with transaction.atomic():
            call()
    except (BusinessRuleError, StaleEditError) as error:
        messages.error(request, str(error))
    else:
        if success:
            messages.success(request, success)


# --- the agenda page ----------------------------------------------------------------------


class AgendaMixin(MeetingPageMixin):
    tab = "meetings:agenda"

    def agenda_url(self, anchor: str = "") -> str:
        url = reverse(
            "meetings:agenda", kwargs={"partnership": self.partnership.slug, "pk": self.meeting.pk}
        )
        return f"{url}#{anchor}" if anchor else url

    def get_success_url(self) -> str:
        return self.agenda_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["agenda_published"] = self.meeting.status != MeetingStatus.DRAFT
        return context


class AgendaPage(AgendaMixin, MeetingPage):
    template_name = "meetings/agenda.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting = self.meeting
        groups = agenda.agenda_groups(meeting=meeting)
        items = [item for group in groups for item in group.items]
        sections = [group.section for group in groups if group.section is not None]
        can_edit = context["can_edit"]
        context.update(
            groups=groups,
            item_count=len(items),
            first_item=items[0].pk if items else None,
            last_item=items[-1].pk if items else None,
            first_section=sections[0].pk if sections else None,
            last_section=sections[-1].pk if sections else None,
            offers=agenda.agenda_offers(meeting=meeting) if can_edit else None,
            show_standing=can_edit and not agenda.agenda_has_standing_items(meeting=meeting),
        )
        return context


class AgendaEditorMixin(AgendaMixin):
    allowed_roles = MEETING_EDITORS


class AgendaItemAdd(AgendaEditorMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.AgendaItemForm
    heading = "Add an item"
    success_message = "Item added."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "meeting": self.meeting,
        }

    def get_initial(self):
        return {"section": agenda.agenda_main_section(meeting=self.meeting)}

    def save(self, form):
        self.item = agenda.agenda_item_create(
            meeting=self.meeting, by=self.request.user, **_model_fields(form)
        )

    def get_success_url(self):
        item = getattr(self, "item", None)
        return self.agenda_url(f"item-{item.pk}" if item else "")


class ItemMixin(AgendaEditorMixin):
    """Pages about one agenda item: `model = AgendaItem`; the meeting is the item's."""

    model = AgendaItem

    @property
    def record(self):
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(
                self.model.objects.filter(partnership=self.partnership).select_related("meeting"),
                pk=self.kwargs["pk"],
            )
        return self._record

    @property
    def meeting(self):
        return self.record.meeting

    def get_success_url(self):
        return self.agenda_url(f"{self.model._meta.model_name}-{self.record.pk}")


class AgendaItemEdit(ItemMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.AgendaItemForm
    success_message = "Item saved."

    @property
    def heading(self):
        return f"Change item {self.record.number or ''}".strip()

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "meeting": self.meeting,
            "instance": self.record,
        }

    def save(self, form):
        agenda.agenda_item_update(
            item=self.record,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **_model_fields(form),
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"history": history_changes(self.record)}


class DeletePage(ItemMixin, TemplateView):
    template_name = "meetings/agenda_confirm_delete.html"

    def delete(self) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        label = str(self.record)
        _run(request, self.delete, f"“{label}” deleted.")
        return redirect(self.agenda_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "record": self.record,
            "cancel_url": self.get_success_url(),
        }


class AgendaItemDelete(DeletePage):
    def delete(self):
        agenda.agenda_item_delete(item=self.record, by=self.request.user)


class MovePage(ItemMixin, View):
    def move(self, direction: str) -> None:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return redirect(self.get_success_url())

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction")
        if direction in (agenda.UP, agenda.DOWN):
            _run(request, lambda: self.move(direction), "")
        return redirect(self.get_success_url())


class AgendaItemMove(MovePage):
    def move(self, direction):
        agenda.agenda_item_move(item=self.record, direction=direction, by=self.request.user)


class AgendaSectionAdd(AgendaEditorMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.AgendaSectionForm
    heading = "Add a section"
    success_message = "Section added."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        agenda.agenda_section_create(
            meeting=self.meeting, by=self.request.user, title=form.cleaned_data["title"]
        )


class SectionMixin(ItemMixin):
    model = AgendaSection


class AgendaSectionEdit(SectionMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.AgendaSectionForm
    success_message = "Section saved."

    @property
    def heading(self):
        return f"Change the section “{self.record}”"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.record,
        }

    def save(self, form):
        agenda.agenda_section_update(
            section=self.record,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            title=form.cleaned_data["title"],
        )


class AgendaSectionDelete(SectionMixin, DeletePage):
    def delete(self):
        agenda.agenda_section_delete(section=self.record, by=self.request.user)


class AgendaSectionMove(SectionMixin, MovePage):
    def move(self, direction):
        agenda.agenda_section_move(section=self.record, direction=direction, by=self.request.user)


class AgendaStandingItems(AgendaEditorMixin, View):
    """The "Add the standing items" button."""

    def get(self, request, *args, **kwargs):
        return redirect(self.agenda_url())

    def post(self, request, *args, **kwargs):
        _run(
            request,
            lambda: agenda.agenda_apply_standing_items(meeting=self.meeting, by=request.user),
            "The standing items have been added.",
        )
        return redirect(self.agenda_url())


class AgendaOfferAdd(AgendaEditorMixin, View):
    """The "Add to this agenda" buttons beside deferred items and forward-plan entries."""

    def get(self, request, *args, **kwargs):
        return redirect(self.agenda_url())

    def post(self, request, *args, **kwargs):
        mine = {"partnership": self.partnership}
        deferred, planned = request.POST.get("deferred", ""), request.POST.get("planned", "")
        if deferred.isdigit():
            record = get_object_or_404(AgendaItem.objects.filter(**mine), pk=deferred)

            def call():
                agenda.agenda_item_carry_forward(
                    meeting=self.meeting, deferred=record, by=request.user
                )
        elif planned.isdigit():
            record = get_object_or_404(ForwardPlanEntry.objects.filter(**mine), pk=planned)

            def call():
                agenda.agenda_item_from_forward_plan(
                    meeting=self.meeting, entry=record, by=request.user
                )
        else:
            return redirect(self.agenda_url())
        _run(request, call, f"“{record.title}” added to the agenda.")
        return redirect(self.agenda_url())


# --- publishing late --------------------------------------------------------------------


class AgendaPublish(AgendaEditorMixin, ServiceFormMixin, FormView):
    """Publishing after the circulation deadline: asks for the reason."""

    tab = "meetings:meeting-detail"
    template_name = "meetings/agenda_publish.html"
    form_class = agenda_forms.PublishLateForm
    heading = "Publish the agenda late"

    def get(self, request, *args, **kwargs):
        if self.meeting.status != MeetingStatus.DRAFT:
            return redirect(self.get_success_url())
        if not meeting_circulation(meeting=self.meeting).would_be_late:
            messages.info(request, "The agenda is not late: publish it with the button below.")
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        return {"version": self.meeting.version}

    def get_success_url(self):
        return reverse(
            "meetings:meeting-detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.meeting.pk},
        )

    def save(self, form):
        services.meeting_transition(
            meeting=self.meeting,
            to=MeetingStatus.AGENDA_PUBLISHED,
            by=self.request.user,
            expected_version=form.cleaned_data["version"],
            late_reason=form.cleaned_data["late_reason"],
        )
        self.success_message = "The agenda has been published late; the reason is recorded."

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "circulation": meeting_circulation(meeting=self.meeting)
        }


# --- a body's standing items and forward plan ----------------------------------------------


class BodyPageMixin(PartnershipMixin):
    """Pages about one body's agenda template or forward plan: `model = Body`."""

    model = Body
    page = "meetings:standing-items"

    @property
    def record(self):
        if not hasattr(self, "_record"):
            self._record = get_object_or_404(
                self.model.objects.filter(partnership=self.partnership), pk=self.kwargs["pk"]
            )
        return self._record

    @property
    def body(self) -> Body:
        return self.record

    def body_url(self, name: str | None = None) -> str:
        return reverse(
            name or self.page, kwargs={"partnership": self.partnership.slug, "pk": self.body.pk}
        )

    def get_success_url(self):
        return self.body_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            body=self.body,
            can_edit=self.has_role(MEETING_EDITORS),
            calendar_url=self.body_url("meetings:body-calendar"),
            back_url=self.body_url(),
        )
        return context


class StandingItemsPage(BodyPageMixin, TemplateView):
    template_name = "meetings/standing_items.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        lines, is_default = agenda.body_standing_template(body=self.body)
        rows = agenda.body_standing_items(body=self.body)
        context.update(
            is_default=is_default,
            start=[line for line in lines if not line.at_end] if is_default else None,
            end=[line for line in lines if line.at_end] if is_default else None,
            start_rows=[row for row in rows if not row.at_end],
            end_rows=[row for row in rows if row.at_end],
        )
        return context


class BodyEditorMixin(BodyPageMixin):
    allowed_roles = MEETING_EDITORS
    template_name = "meetings/agenda_body_form.html"


class StandingItemAdd(BodyEditorMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.StandingItemForm
    heading = "Add a standing item"
    success_message = "Standing item added."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        agenda.standing_item_create(body=self.body, by=self.request.user, **_model_fields(form))


class StandingItemsCopyDefault(BodyEditorMixin, View):
    def get(self, request, *args, **kwargs):
        return redirect(self.body_url())

    def post(self, request, *args, **kwargs):
        _run(
            request,
            lambda: agenda.body_standing_items_copy_default(body=self.body, by=request.user),
            "The default standing items are now this body's own: change them as you need.",
        )
        return redirect(self.body_url())


class StandingItemMixin(BodyEditorMixin):
    model = StandingItem

    @property
    def body(self) -> Body:
        return self.record.body

    def get_success_url(self):
        return self.body_url() + f"#standingitem-{self.record.pk}"


class StandingItemEdit(StandingItemMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.StandingItemForm
    success_message = "Standing item saved."

    @property
    def heading(self):
        return f"Change the standing item “{self.record}”"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.record,
        }

    def save(self, form):
        agenda.standing_item_update(
            standing_item=self.record,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **_model_fields(form),
        )


class BodyDeleteMixin:
    """Confirm, then delete; put first in the bases, before the record's mixin."""

    template_name = "meetings/agenda_body_confirm.html"

    def delete(self) -> None:
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        label = str(self.record)
        _run(request, self.delete, f"“{label}” deleted.")
        return redirect(self.body_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "record": self.record,
            "cancel_url": self.get_success_url(),
        }


class StandingItemDelete(BodyDeleteMixin, StandingItemMixin, TemplateView):
    def delete(self):
        agenda.standing_item_delete(standing_item=self.record, by=self.request.user)


class StandingItemMove(StandingItemMixin, View):
    def get(self, request, *args, **kwargs):
        return redirect(self.get_success_url())

    def post(self, request, *args, **kwargs):
        direction = request.POST.get("direction")
        if direction in (agenda.UP, agenda.DOWN):
            _run(
                request,
                lambda: agenda.standing_item_move(
                    standing_item=self.record, direction=direction, by=request.user
                ),
                "",
            )
        return redirect(self.get_success_url())


class ForwardPlanMixin(BodyPageMixin):
    page = "meetings:forward-plan"


class ForwardPlanPage(ForwardPlanMixin, TemplateView):
    template_name = "meetings/forward_plan.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "entries": agenda.body_forward_plan(body=self.body)
        }


class ForwardPlanAdd(ForwardPlanMixin, BodyEditorMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.ForwardPlanEntryForm
    heading = "Add to the forward plan"
    success_message = "Forward plan entry added."

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def save(self, form):
        agenda.forward_plan_entry_create(
            body=self.body, by=self.request.user, **_model_fields(form)
        )


class ForwardPlanEntryMixin(ForwardPlanMixin, BodyEditorMixin):
    model = ForwardPlanEntry

    @property
    def body(self) -> Body:
        return self.record.body


class ForwardPlanEdit(ForwardPlanEntryMixin, ServiceFormMixin, FormView):
    form_class = agenda_forms.ForwardPlanEntryForm
    success_message = "Forward plan entry saved."

    @property
    def heading(self):
        return f"Change “{self.record}”"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.record,
        }

    def save(self, form):
        agenda.forward_plan_entry_update(
            entry=self.record,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **_model_fields(form),
        )


class ForwardPlanDelete(BodyDeleteMixin, ForwardPlanEntryMixin, TemplateView):
    def delete(self):
        agenda.forward_plan_entry_delete(entry=self.record, by=self.request.user)


urlpatterns = [
    path("<int:pk>/agenda/", AgendaPage.as_view(), name="agenda"),
    path("<int:pk>/agenda/items/add/", AgendaItemAdd.as_view(), name="agenda-item-add"),
    path("<int:pk>/agenda/sections/add/", AgendaSectionAdd.as_view(), name="agenda-section-add"),
    path(
        "<int:pk>/agenda/standing-items/",
        AgendaStandingItems.as_view(),
        name="agenda-standing-items",
    ),
    path("<int:pk>/agenda/offers/", AgendaOfferAdd.as_view(), name="agenda-offer-add"),
    path("<int:pk>/agenda/publish/", AgendaPublish.as_view(), name="agenda-publish"),
    path("items/<int:pk>/edit/", AgendaItemEdit.as_view(), name="agenda-item-edit"),
    path("items/<int:pk>/delete/", AgendaItemDelete.as_view(), name="agenda-item-delete"),
    path("items/<int:pk>/move/", AgendaItemMove.as_view(), name="agenda-item-move"),
    path("sections/<int:pk>/edit/", AgendaSectionEdit.as_view(), name="agenda-section-edit"),
    path("sections/<int:pk>/delete/", AgendaSectionDelete.as_view(), name="agenda-section-delete"),
    path("sections/<int:pk>/move/", AgendaSectionMove.as_view(), name="agenda-section-move"),
    path("bodies/<int:pk>/standing-items/", StandingItemsPage.as_view(), name="standing-items"),
    path(
        "bodies/<int:pk>/standing-items/add/",
        StandingItemAdd.as_view(),
        name="standing-item-add",
    ),
    path(
        "bodies/<int:pk>/standing-items/copy-default/",
        StandingItemsCopyDefault.as_view(),
        name="standing-items-copy-default",
    ),
    path("standing-items/<int:pk>/edit/", StandingItemEdit.as_view(), name="standing-item-edit"),
    path(
        "standing-items/<int:pk>/delete/",
        StandingItemDelete.as_view(),
        name="standing-item-delete",
    ),
    path("standing-items/<int:pk>/move/", StandingItemMove.as_view(), name="standing-item-move"),
    path("bodies/<int:pk>/forward-plan/", ForwardPlanPage.as_view(), name="forward-plan"),
    path("bodies/<int:pk>/forward-plan/add/", ForwardPlanAdd.as_view(), name="forward-plan-add"),
    path("forward-plan/<int:pk>/edit/", ForwardPlanEdit.as_view(), name="forward-plan-edit"),
    path("forward-plan/<int:pk>/delete/", ForwardPlanDelete.as_view(), name="forward-plan-delete"),
]
