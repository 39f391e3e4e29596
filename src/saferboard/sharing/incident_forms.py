"""Forms for breaches and barriers: log one, escalate it, resolve it."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.registry.models import Organisation
from saferboard.sharing.models import EscalationLevel, IncidentKind, SharingAgreement


class IncidentForm(GovUKForm):
    kind = forms.ChoiceField(
        label="What is it", choices=IncidentKind.choices, widget=forms.RadioSelect
    )
    agreement = forms.ModelChoiceField(
        label="Agreement",
        queryset=SharingAgreement.objects.none(),
        required=False,
        help_text="The agreement it concerns, if any.",
    )
    organisations = forms.ModelMultipleChoiceField(
        label="Organisations involved",
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    reported_on = GovUKDateField(label="Date reported", help_text="For example 27 3 2026")
    summary = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Describe it without personal details: no names, addresses or dates of "
        "birth of the people the information was about.",
    )
    reported_to_ico = forms.BooleanField(
        label="Reported to the Information Commissioner's Office (ICO)",
        required=False,
        help_text="For a breach only.",
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = SharingAgreement.objects.filter(partnership=partnership)
        self.fields["organisations"].queryset = Organisation.objects.filter(partnership=partnership)


class EscalateForm(GovUKForm):
    level = forms.TypedChoiceField(
        label="Escalate to", coerce=int, choices=(), widget=forms.RadioSelect
    )
    on = GovUKDateField(label="Date escalated", help_text="For example 27 3 2026")
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why it goes up; needed when it skips a step.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, current: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = [
            (value, label) for value, label in EscalationLevel.choices if value > current
        ]


class ResolveForm(GovUKForm):
    resolved_on = GovUKDateField(label="Date resolved", help_text="For example 27 3 2026")
    resolution = forms.CharField(
        label="How it was resolved",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Without personal details.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
