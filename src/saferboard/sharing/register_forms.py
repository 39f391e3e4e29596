"""Forms of the sharing agreement register: agreements, their status, document history and
document, parties and their joining steps, and the data-set catalogue. Choices of related
records come from the partnership's own registry and meetings only."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.meetings.models import Meeting, Resolution
from saferboard.registry.models import Organisation, Person
from saferboard.sharing.models import (
    AgreementKind,
    AgreementStatus,
    DataClass,
    DataSet,
    LegalBasis,
    Party,
    PartyStatus,
    SharingAgreement,
)
from saferboard.sharing.register import STATUS_MOVES, STEP_MOVES


class PersonChoiceField(forms.ModelChoiceField):
    """A registry person, saying whether they have an account (a SPOC needs one)."""

    def label_from_instance(self, person: Person) -> str:
        account = "has an account" if person.user_id else "no account"
        return f"{person} ({account})"


class ResolutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, resolution: Resolution) -> str:
        return f"{resolution.item.meeting}: {resolution.text[:80]}"


def _people(partnership):
    return Person.objects.filter(partnership=partnership).order_by("family_name", "given_name")


def _limit(form, partnership) -> None:
    """Point each related-record field at the partnership's own records."""
    querysets = {
        "parent": SharingAgreement.objects.filter(
            partnership=partnership, kind=AgreementKind.OVERARCHING
        ),
        "approval_meeting": Meeting.objects.filter(partnership=partnership).order_by("-date"),
        "approval_resolution": Resolution.objects.filter(partnership=partnership)
        .select_related("item__meeting")
        .order_by("-item__meeting__date", "position"),
        "organisation": Organisation.objects.filter(partnership=partnership).order_by("name"),
        "agreement": SharingAgreement.objects.filter(partnership=partnership),
    }
    for name, field in form.fields.items():
        if isinstance(field, PersonChoiceField):
            field.queryset = _people(partnership)
        elif name in querysets and isinstance(field, forms.ModelChoiceField):
            field.queryset = querysets[name]


class AgreementForm(GovUKModelForm):
    legal_bases = forms.MultipleChoiceField(
        choices=LegalBasis.choices,
        widget=forms.CheckboxSelectMultiple,
        label="Legal bases",
        help_text="Select all that apply.",
    )
    review_owner = PersonChoiceField(queryset=Person.objects.none(), required=False)
    approval_resolution = ResolutionChoiceField(queryset=Resolution.objects.none(), required=False)

    class Meta:
        model = SharingAgreement
        fields = [
            "title",
            "kind",
            "parent",
            "subject",
            "version_label",
            "author",
            "contributors",
            "purposes",
            "legal_bases",
            "circulation",
            "effective_on",
            "review_on",
            "review_owner",
            "approval_meeting",
            "approval_resolution",
        ]
        labels = {
            "kind": "Kind of agreement",
            "version_label": "Version",
            "parent": "Sits beneath",
            "effective_on": "Effective from",
            "review_on": "Review date",
            "approval_meeting": "Approval meeting",
            "approval_resolution": "Approval resolution",
        }
        widgets = {"kind": forms.RadioSelect, "contributors": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, partnership)
        self.fields["kind"].choices = AgreementKind.choices
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class AgreementStatusForm(GovUKForm):
    status = forms.ChoiceField(widget=forms.RadioSelect, label="New status")
    effective_on = GovUKDateField(required=False, label="Effective from")
    review_on = GovUKDateField(required=False, label="Review date")
    approval_meeting = forms.ModelChoiceField(
        queryset=Meeting.objects.none(), required=False, label="Approval meeting"
    )
    approval_resolution = ResolutionChoiceField(
        queryset=Resolution.objects.none(), required=False, label="Approval resolution"
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, partnership, agreement: SharingAgreement, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, partnership)
        moves = STATUS_MOVES[agreement.status]
        self.fields["status"].choices = [c for c in AgreementStatus.choices if c[0] in moves]
        self.fields["version"].initial = agreement.version
        for name in ("effective_on", "review_on", "approval_meeting", "approval_resolution"):
            self.fields[name].initial = getattr(agreement, name)
            self.fields[name].help_text = (
                "Needed to approve."
                if name.endswith("_on")
                else ("If the partnership approved it at a meeting.")
            )


class RevisionForm(GovUKForm):
    on = GovUKDateField(label="Date")
    version_label = forms.CharField(max_length=20, label="Version")
    comments = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


class DocumentForm(GovUKForm):
    file = forms.FileField(label="Agreement document", help_text="A PDF or Word (.docx) file.")
    version = forms.IntegerField(widget=forms.HiddenInput)


_PARTY_PEOPLE = [
    "signatory",
    "spoc",
    "deputy_spoc",
    "liaison_officer",
    "caldicott_guardian",
    "legal_contact",
]


class PartyForm(GovUKModelForm):
    """Add a party (with the organisation and the date it was asked) or change its contacts."""

    signatory = PersonChoiceField(queryset=Person.objects.none(), required=False)
    spoc = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Single point of contact (SPOC)",
        help_text="Only someone with an account can use requests.",
    )
    deputy_spoc = PersonChoiceField(
        queryset=Person.objects.none(), required=False, label="Deputy SPOC"
    )
    liaison_officer = PersonChoiceField(
        queryset=Person.objects.none(), required=False, label="Designated liaison officer"
    )
    caldicott_guardian = PersonChoiceField(queryset=Person.objects.none(), required=False)
    legal_contact = PersonChoiceField(queryset=Person.objects.none(), required=False)

    class Meta:
        model = Party
        fields = ["organisation", "principal_signatory_role", *_PARTY_PEOPLE]
        labels = {"signatory": "Signatory"}

    def __init__(self, *args, partnership, adding: bool, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, partnership)
        if adding:
            self.fields["asked_on"] = GovUKDateField(label="Date asked to join")
            self.fields["note"] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 2}), required=False, label="Note"
            )
        else:
            del self.fields["organisation"]


class JoiningStepForm(GovUKForm):
    status = forms.ChoiceField(widget=forms.RadioSelect, label="Step")
    on = GovUKDateField(label="Date", help_text="For signing, the date the agreement was signed.")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="For an endorsement, the head of service who endorsed it.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, party: Party, **kwargs):
        super().__init__(*args, **kwargs)
        moves = STEP_MOVES[party.status]
        self.fields["status"].choices = [c for c in PartyStatus.choices if c[0] in moves]
        self.fields["version"].initial = party.version


class DataSetForm(GovUKModelForm):
    class Meta:
        model = DataSet
        fields = [
            "organisation",
            "title",
            "description",
            "data_class",
            "owner",
            "format",
            "frequency",
            "agreement",
        ]
        labels = {"data_class": "Class", "agreement": "Shared under"}
        widgets = {"data_class": forms.RadioSelect}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, partnership)
        self.fields["data_class"].choices = DataClass.choices


class DataSetFilterForm(GovUKForm):
    data_class = forms.ChoiceField(
        choices=[("", "Any class"), *DataClass.choices], required=False, label="Class"
    )
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, empty_label="Any organisation"
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        _limit(self, partnership)


class ConfirmForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
