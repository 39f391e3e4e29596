"""Registry pages: thin declarations over core.crud, plus the body and seat pages."""

import datetime

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.views.generic import FormView

from saferboard.core import crud
from saferboard.core.calendar import working_days_before
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings.participation import body_attendance_statistics
from saferboard.registry import forms, selectors
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    TermsOfReference,
)
from saferboard.registry.services import membership_change_holder


class BodyMixin:
    model = Body
    url_prefix = "registry:body"
    list_selector = selectors.body_list


class BodyList(BodyMixin, crud.RecordListView):
    columns = [
        ("Name", "name"),
        ("Type", "get_kind_display"),
        ("Sub-group of", "parent"),
        ("Current members", "current_members"),
    ]
    search_fields = ["name", "short_name"]

    def decorate_page(self, objects):
        counts = selectors.body_current_member_counts(bodies=objects, on=datetime.date.today())
        for body in objects:
            body.current_members = counts.get(body.pk, 0)


class BodyDetail(BodyMixin, crud.RecordDetailView):
    template_name = "registry/body_detail.html"
    fields = [
        ("Short name", "short_name"),
        ("Type", "get_kind_display"),
        ("Sub-group of", "parent"),
        ("Purpose", "purpose"),
        ("Case panel", "is_case_panel"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = context["object"]
        form = forms.MembershipOnForm(self.request.GET or None)
        on = datetime.date.today()
        if self.request.GET and form.is_valid() and form.cleaned_data.get("on"):
            on = form.cleaned_data["on"]
        terms = selectors.body_terms_of_reference_on(body=body, on=on)
        context.update(
            as_at_form=form,
            on=on,
            members=selectors.body_membership_on(body=body, on=on),
            sub_groups=body.sub_groups.all(),
            reports_to=body.reports_to.all(),
            terms_versions=body.terms_of_reference.all(),
            terms=terms,
            circulation_example=(
                working_days_before(on, terms.circulation_working_days) if terms else None
            ),
            # Organisations past the absence limit are flagged here (meetings.participation).
            attendance=body_attendance_statistics(body=body),
        )
        return context


class BodyForm(BodyMixin, crud.RecordFormView):
    form_class = forms.BodyForm


class OrganisationMixin:
    model = Organisation
    url_prefix = "registry:organisation"
    list_selector = selectors.organisation_list


class OrganisationList(OrganisationMixin, crud.RecordListView):
    columns = [
        ("Name", "name"),
        ("Short name", "short_name"),
        ("Sector", "get_sector_display"),
        ("Responsible authority", "is_responsible_authority"),
    ]
    search_fields = ["name", "short_name"]


class OrganisationDetail(OrganisationMixin, crud.RecordDetailView):
    fields = [
        ("Short name", "short_name"),
        ("Sector", "get_sector_display"),
        ("Responsible authority", "is_responsible_authority"),
        ("Website", "website"),
    ]


class OrganisationForm(OrganisationMixin, crud.RecordFormView):
    form_class = forms.OrganisationForm


class PersonMixin:
    model = Person
    url_prefix = "registry:person"
    list_selector = selectors.person_list


class PersonList(PersonMixin, crud.RecordListView):
    columns = [("Name", "__str__"), ("Email", "email"), ("Phone", "phone")]
    search_fields = ["given_name", "family_name", "email"]


class PersonDetail(PersonMixin, crud.RecordDetailView):
    template_name = "registry/person_detail.html"
    fields = [
        ("Title", "title"),
        ("Given name", "given_name"),
        ("Family name", "family_name"),
        ("Email", "email"),
        ("Phone", "phone"),
    ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["memberships"] = (
            context["object"]
            .memberships.select_related("body", "organisation", "post")
            .order_by("-start_date")
        )
        return context


class PersonForm(PersonMixin, crud.RecordFormView):
    form_class = forms.PersonForm


class PostMixin:
    model = Post
    url_prefix = "registry:post"
    list_selector = selectors.post_list


class PostList(PostMixin, crud.RecordListView):
    columns = [("Title", "title"), ("Organisation", "organisation")]
    search_fields = ["title", "organisation__name"]


class PostDetail(PostMixin, crud.RecordDetailView):
    fields = [("Title", "title"), ("Organisation", "organisation")]


class PostForm(PostMixin, crud.RecordFormView):
    form_class = forms.PostForm


class MembershipMixin:
    model = Membership
    url_prefix = "registry:membership"
    list_selector = selectors.membership_list


class MembershipList(MembershipMixin, crud.RecordListView):
    columns = [
        ("Holder", "__str__"),
        ("Category", "get_category_display"),
        ("Role", "get_role_display"),
        ("From", "start_date"),
        ("To", "end_date"),
    ]
    search_fields = [
        "person__family_name",
        "person__given_name",
        "organisation__name",
        "body__name",
    ]


class MembershipDetail(MembershipMixin, crud.RecordDetailView):
    template_name = "registry/membership_detail.html"
    fields = [
        ("Body", "body"),
        ("Held by", "person"),
        ("Organisation", "organisation"),
        ("Post", "post"),
        ("Category", "get_category_display"),
        ("Role", "get_role_display"),
        ("Votes", "is_voting"),
        ("Deputy of", "deputy_of"),
        ("From", "start_date"),
        ("To", "end_date"),
        ("Status", "status_note"),
    ]


class MembershipForm(MembershipMixin, crud.RecordFormView):
    form_class = forms.MembershipForm


class MembershipChangeHolder(MembershipMixin, crud.RecordMixin, FormView):
    """Hand a seat to someone else: ends this membership and starts the next."""

    template_name = "registry/membership_change_holder.html"
    form_class = forms.MembershipChangeHolderForm

    @property
    def allowed_roles(self):
        return self.editor_roles

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["partnership"] = self.partnership
        self.object = self.get_object()
        kwargs.setdefault("initial", {})["version"] = self.object.version
        return kwargs

    def form_valid(self, form):
        try:
            with transaction.atomic():
                new = membership_change_holder(
                    membership=self.object,
                    person=form.cleaned_data["person"],
                    on=form.cleaned_data["on"],
                    by=self.request.user,
                    expected_version=form.cleaned_data["version"],
                    status_note=form.cleaned_data["status_note"],
                )
        except (StaleEditError, BusinessRuleError) as error:
            field = getattr(error, "field", None)
            form.add_error(field if field in form.fields else None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, f"The seat is now held by {new.person or 'nobody (vacant)'}."
        )
        return redirect(self.url("detail", new))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["cancel_url"] = self.url("detail", self.object)
        return context


class TermsMixin:
    model = TermsOfReference
    url_prefix = "registry:terms"
    list_selector = selectors.terms_of_reference_list


class TermsList(TermsMixin, crud.RecordListView):
    columns = [
        ("Version", "__str__"),
        ("Effective", "effective_date"),
        ("Review by", "review_date"),
    ]
    search_fields = ["body__name", "version_label"]


class TermsDetail(TermsMixin, crud.RecordDetailView):
    fields = [
        ("Body", "body"),
        ("Version", "version_label"),
        ("Effective from", "effective_date"),
        ("Review by", "review_date"),
        ("Document", "document"),
        ("Minimum meetings a year", "min_meetings_per_year"),
        ("Quorum needs the chair, a co-chair or a vice-chair", "quorum_requires_chair"),
        ("Quorum needs a voting representative of", "quorum_sector_labels"),
        ("Papers circulated (working days before)", "circulation_working_days"),
        ("Absence limit (consecutive meetings)", "absence_limit"),
        ("Substitutes may vote", "substitutes_may_vote"),
        ("Voting", "voting_rules"),
    ]


class TermsForm(TermsMixin, crud.RecordFormView):
    form_class = forms.TermsOfReferenceForm
