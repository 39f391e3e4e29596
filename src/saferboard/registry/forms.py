"""Forms for the registry pages; choices are limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.registry.models import (
    Body,
    Membership,
    Organisation,
    Person,
    Post,
    Sector,
    TermsOfReference,
)


class PartnershipScopedForm(GovUKModelForm):
    """Restricts every related-record choice to the partnership being edited."""

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        # Model validation (run by the form) compares related records' partnerships.
        self.instance.partnership = partnership
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset.model, "partnership"):
                field.queryset = queryset.filter(partnership=partnership)


class AliasesField(forms.CharField):
    """A list of names typed one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class BodyForm(PartnershipScopedForm):
    aliases = AliasesField(required=False, help_text="One per line, for example SCP Board.")

    class Meta:
        model = Body
        fields = [
            "name",
            "short_name",
            "aliases",
            "kind",
            "parent",
            "reports_to",
            "purpose",
            "is_case_panel",
        ]
        widgets = {
            "reports_to": forms.CheckboxSelectMultiple,
            "purpose": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )
            self.fields["reports_to"].queryset = self.fields["reports_to"].queryset.exclude(
                pk=self.instance.pk
            )


class OrganisationForm(PartnershipScopedForm):
    website = forms.URLField(
        required=False, assume_scheme="https", help_text="For example www.haringey.gov.uk."
    )

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "sector", "is_responsible_authority", "website"]


class PersonForm(PartnershipScopedForm):
    class Meta:
        model = Person
        fields = ["title", "given_name", "family_name", "email", "phone"]


class PostForm(PartnershipScopedForm):
    class Meta:
        model = Post
        fields = ["organisation", "title"]


class MembershipForm(PartnershipScopedForm):
    start_date = GovUKDateField()
    end_date = GovUKDateField(required=False)
    voting_override = forms.TypedChoiceField(
        label="Voting",
        choices=[("", "Follow the category"), ("yes", "Votes"), ("no", "Does not vote")],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Membership
        fields = [
            "body",
            "person",
            "organisation",
            "post",
            "category",
            "role",
            "voting_override",
            "deputy_of",
            "start_date",
            "end_date",
            "status_note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.voting_override is not None:
            self.initial["voting_override"] = "yes" if self.instance.voting_override else "no"
        self.fields["deputy_of"].queryset = self.fields["deputy_of"].queryset.select_related(
            "person", "organisation", "body"
        )
        self.fields["post"].queryset = self.fields["post"].queryset.select_related("organisation")


class MembershipOnForm(GovUKForm):
    """The date a body's page shows membership on (a GET form)."""

    on = GovUKDateField(label="Membership on", required=False)


class MembershipChangeHolderForm(GovUKForm):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="New holder",
        help_text="Leave empty if the seat becomes vacant.",
    )
    on = GovUKDateField(label="Date the new holder starts")
    status_note = forms.CharField(
        required=False, max_length=200, label="Status note", help_text="For example interim."
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(partnership=partnership)


class TermsOfReferenceForm(PartnershipScopedForm):
    effective_date = GovUKDateField()
    review_date = GovUKDateField(required=False)
    quorum_sectors = forms.MultipleChoiceField(
        choices=Sector.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Sectors that must be represented for a quorum",
        help_text="A voting representative of each ticked sector must be present.",
    )

    class Meta:
        model = TermsOfReference
        fields = [
            "body",
            "version_label",
            "effective_date",
            "review_date",
            "document",
            "min_meetings_per_year",
            "quorum_requires_chair",
            "quorum_sectors",
            "circulation_working_days",
            "absence_limit",
            "substitutes_may_vote",
            "voting_rules",
        ]
        widgets = {"voting_rules": forms.Textarea(attrs={"rows": 3})}

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if document and hasattr(document, "content_type"):
            name = document.name.lower()
            if not name.endswith((".pdf", ".docx", ".doc", ".odt")):
                raise forms.ValidationError("The document must be a PDF or Word file.")
            if document.size > 20 * 1024 * 1024:
                raise forms.ValidationError("The document must be smaller than 20 MB.")
        return document
