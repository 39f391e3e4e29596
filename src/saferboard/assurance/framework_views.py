"""Framework pages: the list, a framework with its scales, sections, standards and variants,
and the forms that build it, copy it into a new version, open and close it and invite
organisations. Everyone but contributors reads frameworks; only managers change them."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView

from saferboard.assurance import framework_forms, frameworks, selectors
from saferboard.assurance.models import (
    AssuranceReturn,
    Framework,
    FrameworkStatus,
    Section,
    Standard,
    Variant,
)
from saferboard.assurance.return_forms import InviteForm
from saferboard.assurance.returns import returns_invite, status_label
from saferboard.assurance.selectors import ASSURANCE_MANAGERS, PARTNERSHIP_READERS
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.forms import GovUKForm
from saferboard.core.permissions import PartnershipMixin


class FrameworkList(PartnershipMixin, TemplateView):
    template_name = "assurance/framework_list.html"
    allowed_roles = PARTNERSHIP_READERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            frameworks=selectors.framework_list(partnership=self.partnership),
            can_edit=self.has_role(ASSURANCE_MANAGERS),
        )
        return context


class FrameworkDetail(PartnershipMixin, TemplateView):
    model = Framework
    template_name = "assurance/framework_detail.html"
    allowed_roles = PARTNERSHIP_READERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        framework = get_object_or_404(
            selectors.framework_list(partnership=self.partnership), pk=self.kwargs["pk"]
        )
        sections = framework.sections.prefetch_related(
            Prefetch(
                "standards",
                queryset=Standard.objects.select_related("scale").prefetch_related(
                    "suggested_actions__level"
                ),
            )
        )
        today = timezone.localdate()
        context.update(
            object=framework,
            framework=framework,
            scales=framework.scales.prefetch_related("levels"),
            sections=sections,
            variants=framework.variants.prefetch_related("standards"),
            returns=[
                (each, status_label(each, today, submitted_before=bool(each.last_submitted)))
                for each in AssuranceReturn.objects.filter(framework=framework)
                .select_related("organisation", "variant")
                .annotate(last_submitted=Max("submissions__submitted_at"))
                .order_by("organisation__name", "pk")
            ],
            can_edit=self.has_role(ASSURANCE_MANAGERS),
            is_draft=framework.status == FrameworkStatus.DRAFT,
            is_open=framework.status == FrameworkStatus.OPEN,
        )
        return context


class AssuranceFormView(PartnershipMixin, FormView):
    """A form about one record (`model`, looked up through the partnership by the URL's pk),
    or none for an add page without a pk. Subclasses say what it does in `act`, which returns
    (message, where to go); anything refused saves nothing."""

    model = Framework
    template_name = "assurance/framework_form_page.html"
    allowed_roles = ASSURANCE_MANAGERS
    heading = ""
    submit_label = "Save"

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        records = self.model.objects.filter(partnership=self.partnership)
        return get_object_or_404(records, pk=self.kwargs["pk"])

    @property
    def object(self):
        if not hasattr(self, "_object"):
            self._object = self.get_object()
        return self._object

    @property
    def framework(self) -> Framework | None:
        obj = self.object
        if obj is None or isinstance(obj, Framework):
            return obj
        if isinstance(obj, Standard):
            return obj.section.framework
        return obj.framework

    def framework_url(self, anchor: str = "") -> str:
        url = reverse(
            "assurance:framework-detail",
            kwargs={"partnership": self.partnership.slug, "pk": self.framework.pk},
        )
        return f"{url}#{anchor}" if anchor else url

    def cancel_url(self) -> str:
        return self.framework_url()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        self.object  # noqa: B018 - 404 before the form is built
        return kwargs

    def act(self, form) -> tuple[str, str]:
        raise NotImplementedError

    def form_valid(self, form):
        try:
            with transaction.atomic():
                message, url = self.act(form)
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        except ValidationError as error:
            for name, problems in getattr(error, "error_dict", {None: error.error_list}).items():
                for problem in problems:
                    form.add_error(name if name in form.fields else None, problem)
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect(url)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            framework=self.framework,
            heading=self.heading,
            submit_label=self.submit_label,
            cancel_url=self.cancel_url(),
        )
        return context


FRAMEWORK_FIELDS = [
    "name",
    "version_label",
    "period_start",
    "period_end",
    "owner_body",
    "description",
]


class FrameworkAdd(AssuranceFormView):
    form_class = framework_forms.FrameworkForm
    heading = "Add a framework"
    submit_label = "Add the framework"

    def cancel_url(self):
        return reverse("assurance:framework-list", kwargs={"partnership": self.partnership.slug})

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"partnership": self.partnership}

    def act(self, form):
        framework = frameworks.framework_create(
            partnership=self.partnership,
            by=self.request.user,
            **{name: form.cleaned_data[name] for name in FRAMEWORK_FIELDS},
        )
        self._object = framework
        return (
            f"{framework} added as a draft. Add a rating scale, then sections.",
            self.framework_url(),
        )


class FrameworkEdit(AssuranceFormView):
    form_class = framework_forms.FrameworkForm
    heading = "Change the framework's details"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "instance": self.object,
        }

    def act(self, form):
        frameworks.framework_update(
            framework=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **{name: form.cleaned_data[name] for name in FRAMEWORK_FIELDS},
        )
        return "Framework saved.", self.framework_url()


class FrameworkCopy(AssuranceFormView):
    form_class = framework_forms.FrameworkCopyForm
    submit_label = "Make the new version"

    @property
    def heading(self):
        return f"Copy {self.object} into a new version"

    def act(self, form):
        copy = frameworks.framework_copy(
            framework=self.object, by=self.request.user, **form.cleaned_data
        )
        url = reverse(
            "assurance:framework-detail",
            kwargs={"partnership": self.partnership.slug, "pk": copy.pk},
        )
        return f"{copy} made as a draft copy of {self.object}.", url


class FrameworkStatusChange(AssuranceFormView):
    """Open a draft framework for returns, or close an open one (a confirmation page)."""

    form_class = GovUKForm
    template_name = "assurance/framework_confirm.html"
    opening = True

    @property
    def heading(self):
        return f"{'Open' if self.opening else 'Close'} {self.object}?"

    @property
    def submit_label(self):
        return "Open it for returns" if self.opening else "Close it"

    def act(self, form):
        if self.opening:
            frameworks.framework_open(framework=self.object, by=self.request.user)
            return (
                f"{self.object} is open: invite organisations to make their returns.",
                self.framework_url(),
            )
        frameworks.framework_close(framework=self.object, by=self.request.user)
        return f"{self.object} is closed.", self.framework_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["opening"] = self.opening
        return context


class ScaleAdd(AssuranceFormView):
    form_class = framework_forms.ScaleForm
    heading = "Add a rating scale"
    submit_label = "Add the scale"

    def act(self, form):
        scale = frameworks.scale_create(
            framework=self.object,
            by=self.request.user,
            name=form.cleaned_data["name"],
            levels=frameworks.level_lines(form.cleaned_data["levels"]),
            meeting_count=form.cleaned_data["meeting_count"],
            not_applicable=form.cleaned_data["not_applicable"],
        )
        return f"Scale added: {scale}.", self.framework_url("scales")


class SectionAdd(AssuranceFormView):
    form_class = framework_forms.SectionForm
    heading = "Add a section"
    submit_label = "Add the section"

    def act(self, form):
        section = frameworks.section_add(
            framework=self.object,
            by=self.request.user,
            **{k: form.cleaned_data[k] for k in ("number", "title", "introduction")},
        )
        return f"Section added: {section}.", self.framework_url(f"section-{section.pk}")


class SectionEdit(AssuranceFormView):
    model = Section
    form_class = framework_forms.SectionForm
    heading = "Change a section"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.object}

    def act(self, form):
        frameworks.section_update(
            section=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **{k: form.cleaned_data[k] for k in ("number", "title", "introduction")},
        )
        return "Section saved.", self.framework_url(f"section-{self.object.pk}")


STANDARD_FIELDS = ("number", "title", "guidance", "scale", "evidence_required")


class StandardAdd(AssuranceFormView):
    model = Section
    form_class = framework_forms.StandardForm
    submit_label = "Add the standard"

    @property
    def heading(self):
        return f"Add a standard to {self.object}"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "framework": self.framework,
        }

    def act(self, form):
        standard = frameworks.standard_add(
            section=self.object,
            by=self.request.user,
            actions=form.suggested_actions(),
            **{k: form.cleaned_data[k] for k in STANDARD_FIELDS},
        )
        return f"Standard {standard.number} added.", self.framework_url(f"section-{self.object.pk}")


class StandardEdit(AssuranceFormView):
    model = Standard
    form_class = framework_forms.StandardForm
    heading = "Change a standard"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "framework": self.framework,
            "instance": self.object,
        }

    def act(self, form):
        frameworks.standard_update(
            standard=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            actions=form.suggested_actions(),
            **{k: form.cleaned_data[k] for k in STANDARD_FIELDS},
        )
        return (
            f"Standard {self.object.number} saved.",
            self.framework_url(f"section-{self.object.section_id}"),
        )


class VariantAdd(AssuranceFormView):
    form_class = framework_forms.VariantForm
    heading = "Add a shorter variant"
    submit_label = "Add the variant"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "framework": self.framework,
        }

    def act(self, form):
        variant = frameworks.variant_add(
            framework=self.object,
            by=self.request.user,
            **{k: form.cleaned_data[k] for k in ("name", "description", "standards")},
        )
        return f"Variant added: {variant}.", self.framework_url("variants")


class VariantEdit(AssuranceFormView):
    model = Variant
    form_class = framework_forms.VariantForm
    heading = "Change a variant"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {
            "partnership": self.partnership,
            "framework": self.framework,
            "instance": self.object,
        }

    def act(self, form):
        frameworks.variant_update(
            variant=self.object,
            by=self.request.user,
            expected_version=form.cleaned_data.get("version"),
            **{k: form.cleaned_data[k] for k in ("name", "description", "standards")},
        )
        return "Variant saved.", self.framework_url("variants")


class Invite(AssuranceFormView):
    form_class = InviteForm
    heading = "Invite organisations to make a return"
    submit_label = "Invite them"

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"framework": self.object}

    def act(self, form):
        made = returns_invite(
            framework=self.object,
            organisations=list(form.cleaned_data["organisations"]),
            due_date=form.cleaned_data["due_date"],
            variant=form.cleaned_data.get("variant"),
            contact_email=form.cleaned_data.get("contact_email", ""),
            by=self.request.user,
        )
        count = len(made)
        return (
            f"{count} organisation{'s' * (count != 1)} invited to make a return by "
            f"{form.cleaned_data['due_date']:%-d %B %Y}.",
            self.framework_url("returns"),
        )

    def get_initial(self):
        return {"due_date": timezone.localdate() + datetime.timedelta(days=42)}


urlpatterns = [
    path("frameworks/", FrameworkList.as_view(), name="framework-list"),
    path("frameworks/add/", FrameworkAdd.as_view(), name="framework-add"),
    path("frameworks/<int:pk>/", FrameworkDetail.as_view(), name="framework-detail"),
    path("frameworks/<int:pk>/edit/", FrameworkEdit.as_view(), name="framework-edit"),
    path("frameworks/<int:pk>/copy/", FrameworkCopy.as_view(), name="framework-copy"),
    path(
        "frameworks/<int:pk>/open/",
        FrameworkStatusChange.as_view(opening=True),
        name="framework-open",
    ),
    path(
        "frameworks/<int:pk>/close/",
        FrameworkStatusChange.as_view(opening=False),
        name="framework-close",
    ),
    path("frameworks/<int:pk>/scales/add/", ScaleAdd.as_view(), name="scale-add"),
    path("frameworks/<int:pk>/sections/add/", SectionAdd.as_view(), name="section-add"),
    path("frameworks/<int:pk>/variants/add/", VariantAdd.as_view(), name="variant-add"),
    path("frameworks/<int:pk>/invite/", Invite.as_view(), name="invite"),
    path("sections/<int:pk>/edit/", SectionEdit.as_view(), name="section-edit"),
    path("sections/<int:pk>/standards/add/", StandardAdd.as_view(), name="standard-add"),
    path("standards/<int:pk>/edit/", StandardEdit.as_view(), name="standard-edit"),
    path("variants/<int:pk>/edit/", VariantEdit.as_view(), name="variant-edit"),
]
