"""Generic list, view, add and edit pages for tenant records.

Each app declares its pages as small subclasses naming the model, the form,
the selector and the columns; the templates, pagination, error summary, stale
edit handling and history table then come from here, the same everywhere.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models, transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.history import history_changes
from saferboard.core.permissions import PartnershipMixin
from saferboard.core.roles import REGISTRY_EDITORS
from saferboard.core.services import record_create, record_update


class RecordMixin(PartnershipMixin):
    model: type[models.Model]
    url_prefix: str  # e.g. "registry:body"
    list_selector = None  # function(*, partnership) -> QuerySet
    editor_roles: frozenset[str] = REGISTRY_EDITORS

    def queryset(self):
        return type(self).list_selector(partnership=self.partnership)

    def get_object(self):
        return get_object_or_404(self.queryset(), pk=self.kwargs["pk"])

    def url(self, action: str, obj=None) -> str:
        kwargs = {"partnership": self.partnership.slug}
        if obj is not None:
            kwargs["pk"] = obj.pk
        return reverse(f"{self.url_prefix}-{action}", kwargs=kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        context.update(
            verbose_name=meta.verbose_name,
            verbose_name_plural=meta.verbose_name_plural,
            can_edit=self.has_role(self.editor_roles),
            list_url=self.url("list"),
            add_url=self.url("add"),
        )
        return context


class RecordListView(RecordMixin, TemplateView):
    template_name = "core/record_list.html"
    columns: list[tuple[str, str]] = []  # (heading, attribute or method name)
    search_fields: list[str] = []
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = self.queryset()
        query = self.request.GET.get("q", "").strip()
        if query and self.search_fields:
            condition = models.Q()
            for name in self.search_fields:
                condition |= models.Q(**{f"{name}__icontains": query})
            queryset = queryset.filter(condition)
        page = Paginator(queryset, self.page_size).get_page(self.request.GET.get("page"))
        objects = list(page.object_list)
        self.decorate_page(objects)
        rows = []
        for obj in objects:
            cells = []
            for _, attribute in self.columns:
                value = getattr(obj, attribute)
                cells.append(value() if callable(value) else value)
            rows.append({"object": obj, "url": self.url("detail", obj), "cells": cells})
        context.update(
            page=page,
            rows=rows,
            headings=[h for h, _ in self.columns],
            query=query,
            searchable=bool(self.search_fields),
        )
        return context

    def decorate_page(self, objects: list) -> None:
        """Add per-row figures for one page of records (one query, not one per row)."""


class RecordDetailView(RecordMixin, TemplateView):
    template_name = "core/record_detail.html"
    fields: list[tuple[str, str]] = []  # (label, attribute)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        summary = []
        for label, attribute in self.fields:
            value = getattr(obj, attribute)
            summary.append((label, value() if callable(value) else value))
        context.update(
            object=obj,
            summary=summary,
            history=history_changes(obj),
            edit_url=self.url("edit", obj),
        )
        return context


class RecordFormView(RecordMixin, FormView):
    """Add (no pk in the URL) or edit a record; one transaction per save."""

    template_name = "core/record_form.html"
    form_class = None

    @property
    def allowed_roles(self):
        return self.editor_roles

    def dispatch(self, request, *args, **kwargs):
        self.object = None
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        # "Add a member" links pass the body in the query string.
        initial = super().get_initial()
        for name in self.form_class.base_fields:
            if name in self.request.GET:
                initial[name] = self.request.GET[name]
        return initial

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if "pk" in self.kwargs:
            self.object = self.get_object()
            kwargs["instance"] = self.object
        kwargs["partnership"] = self.partnership
        return kwargs

    def save(self, form):
        """Create or update through the core services; subclasses may call their own."""
        fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
        for name in list(fields):
            if isinstance(self.model._meta.get_field(name), models.FileField):
                if fields[name] is None:
                    fields.pop(name)  # no new upload: keep the current file
                elif fields[name] is False:
                    fields[name] = ""  # "clear" was ticked
        m2m = {
            k: fields.pop(k)
            for k in list(fields)
            if isinstance(self.model._meta.get_field(k), models.ManyToManyField)
        }
        if self.object is None:
            obj = record_create(
                model=self.model, partnership=self.partnership, by=self.request.user, **fields
            )
        else:
            obj = record_update(
                instance=self.object,
                by=self.request.user,
                expected_version=form.cleaned_data.get("version"),
                **fields,
            )
        for name, values in m2m.items():
            getattr(obj, name).set(values)
        return obj

    def form_valid(self, form):
        try:
            with transaction.atomic():
                obj = self.save(form)
        except StaleEditError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        except BusinessRuleError as error:
            form.add_error(error.field if error.field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for name, problems in error.error_dict.items():
                    for problem in problems:
                        form.add_error(name if name in form.fields else None, problem)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        verb = "added" if "pk" not in self.kwargs else "saved"
        messages.success(self.request, f"{str(obj)[:1].upper()}{str(obj)[1:]} {verb}.")
        return redirect(self.url("detail", obj))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.url("detail", self.object) if self.object else self.url("list")
        return context
