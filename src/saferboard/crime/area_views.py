"""Adding, changing and deleting a partnership's areas and their sub-areas (managers and
analysts). Thin: the rules are in crime/services.py."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.crime import selectors
from saferboard.crime.forms import AreaEditForm, AreaForm, SubAreaForm
from saferboard.crime.models import Area, SubArea
from saferboard.crime.services import (
    CRIME_EDITORS,
    area_create,
    area_delete,
    area_indicators,
    area_update,
    sub_area_create,
    sub_area_delete,
    sub_area_update,
)
from saferboard.crime.views import AreaObjectMixin, CrimeMixin


def _refused(view, form, error: Exception):
    """Show a service's refusal against the field it names (or the whole form)."""
    field = getattr(error, "field", None)
    form.add_error(field if field in form.fields else None, str(error))
    return view.form_invalid(form)


class AreaAdd(CrimeMixin, FormView):
    template_name = "crime/area_form.html"
    form_class = AreaForm
    allowed_roles = CRIME_EDITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            forces_loaded=selectors.forces_loaded(),
            heading="Add an area",
            submit_label="Add area",
            cancel_url=context["overview_url"],
        )
        return context

    def form_valid(self, form):
        try:
            area = area_create(
                partnership=self.partnership, by=self.request.user, **form.cleaned_data
            )
        except BusinessRuleError as error:
            return _refused(self, form, error)
        return redirect("crime:area-detail", partnership=self.partnership.slug, pk=area.pk)


class AreaEdit(AreaObjectMixin, FormView):
    template_name = "crime/area_form.html"
    form_class = AreaEditForm
    allowed_roles = CRIME_EDITORS

    def get_initial(self):
        area = self.area()
        return {
            "name": area.name,
            "description": area.description,
            "forces": "\n".join(area.forces),
            "local_authority_codes": ", ".join(area.local_authority_codes),
            "version": area.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.area()
        context.update(
            area=area,
            forces_loaded=selectors.forces_loaded(),
            heading=f"Change {area.name}",
            submit_label="Save",
            cancel_url=self.area_url(area),
        )
        return context

    def form_valid(self, form):
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            area = area_update(
                area=self.area(), by=self.request.user, expected_version=version, **fields
            )
        except (BusinessRuleError, StaleEditError) as error:
            return _refused(self, form, error)
        messages.success(self.request, f"{area.name} saved.")
        return redirect(self.area_url(area))


class DeleteView(AreaObjectMixin, TemplateView):
    """A confirmation page; POST deletes through the service or says why it cannot."""

    template_name = "crime/confirm_delete.html"
    allowed_roles = CRIME_EDITORS

    def record(self):
        raise NotImplementedError

    def delete(self, record) -> str:
        """Delete `record`; returns where to go next."""
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(record=self.record(), cancel_url=self.cancel_url())
        return context

    def post(self, request, *args, **kwargs):
        record = self.record()
        try:
            after = self.delete(record)
        except BusinessRuleError as error:
            return self.render_to_response(self.get_context_data(problem=str(error)))
        messages.success(request, f"{record.name} deleted.")
        return redirect(after)


class AreaDelete(DeleteView):
    def record(self):
        return self.area()

    def cancel_url(self) -> str:
        return self.area_url(self.area())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.area()
        context.update(
            sub_areas=list(selectors.sub_area_list(area=area)),
            indicators=area_indicators(area=area),
        )
        return context

    def delete(self, record) -> str:
        area_delete(area=record, by=self.request.user)
        return reverse("crime:overview", args=[self.partnership.slug])


class SubAreaFormMixin(AreaObjectMixin, FormView):
    template_name = "crime/sub_area_form.html"
    form_class = SubAreaForm
    allowed_roles = CRIME_EDITORS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        area = self.area()
        context.update(area=area, area_lsoas=selectors.area_lsoas(area=area))
        return context


class SubAreaAdd(SubAreaFormMixin):
    model = Area

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=f"Add a sub-area of {context['area'].name}",
            submit_label="Add sub-area",
            cancel_url=self.area_url(context["area"]),
        )
        return context

    def form_valid(self, form):
        try:
            sub_area = sub_area_create(
                area=self.area(),
                by=self.request.user,
                name=form.cleaned_data["name"],
                lsoa_codes=form.cleaned_data["lsoa_codes"],
            )
        except BusinessRuleError as error:
            return _refused(self, form, error)
        return redirect("crime:sub-area-detail", self.partnership.slug, sub_area.pk)


class SubAreaEdit(SubAreaFormMixin):
    model = SubArea

    def get_initial(self):
        sub_area = self.sub_area()
        return {
            "name": sub_area.name,
            "lsoa_codes": "\n".join(sub_area.lsoa_codes),
            "version": sub_area.version,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sub_area = self.sub_area()
        context.update(
            sub_area=sub_area,
            heading=f"Change {sub_area.name}",
            submit_label="Save",
            cancel_url=reverse("crime:sub-area-detail", args=[self.partnership.slug, sub_area.pk]),
        )
        return context

    def form_valid(self, form):
        try:
            sub_area = sub_area_update(
                sub_area=self.sub_area(),
                by=self.request.user,
                expected_version=form.cleaned_data["version"],
                name=form.cleaned_data["name"],
                lsoa_codes=form.cleaned_data["lsoa_codes"],
            )
        except (BusinessRuleError, StaleEditError) as error:
            return _refused(self, form, error)
        messages.success(self.request, f"{sub_area.name} saved.")
        return redirect("crime:sub-area-detail", self.partnership.slug, sub_area.pk)


class SubAreaDelete(DeleteView):
    model = SubArea

    def record(self):
        return self.sub_area()

    def cancel_url(self) -> str:
        return reverse("crime:sub-area-detail", args=[self.partnership.slug, self.sub_area().pk])

    def delete(self, record) -> str:
        sub_area_delete(sub_area=record, by=self.request.user)
        return self.area_url(record.area)


urlpatterns = [
    path("areas/add/", AreaAdd.as_view(), name="area-add"),
    path("areas/<int:pk>/edit/", AreaEdit.as_view(), name="area-edit"),
    path("areas/<int:pk>/delete/", AreaDelete.as_view(), name="area-delete"),
    path("areas/<int:pk>/sub-areas/add/", SubAreaAdd.as_view(), name="sub-area-add"),
    path("sub-areas/<int:pk>/edit/", SubAreaEdit.as_view(), name="sub-area-edit"),
    path("sub-areas/<int:pk>/delete/", SubAreaDelete.as_view(), name="sub-area-delete"),
]
