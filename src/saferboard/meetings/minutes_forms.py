"""Forms for writing minutes: an item's minute, its resolutions, and approving earlier minutes."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.meetings.minutes import ResolutionEntry
from saferboard.meetings.models import AgendaItem, Meeting, Resolution, ResolutionKind
from saferboard.registry.models import Body, Person


class ItemMinuteForm(GovUKModelForm):
    """The item's minute, deferral and the earlier minutes it follows up (by number)."""

    matters_arising = forms.CharField(
        label="Matters arising from earlier minutes",
        required=False,
        max_length=300,
        help_text="Minute numbers of this body's earlier minutes that this item follows up, "
        "separated by commas, for example HSP12, HSP15.",
    )

    class Meta:
        model = AgendaItem
        fields = ["minute_text", "is_deferred"]
        labels = {"minute_text": "Minute", "is_deferred": "Deferred to a future meeting"}
        help_texts = {
            "minute_text": "What was said and done, as it will appear in the minutes.",
            "is_deferred": "The item was not taken; it will be offered for the next agenda.",
        }
        widgets = {"minute_text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, earlier: list[AgendaItem], body: Body | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.earlier = {item.minute_number.upper(): item for item in earlier}
        self.body = body
        if self.instance.pk and not self.is_bound:
            numbers = self.instance.matters_arising_from.values_list("minute_number", flat=True)
            self.initial["matters_arising"] = ", ".join(sorted(numbers))

    def clean_matters_arising(self) -> list[AgendaItem]:
        text = self.cleaned_data["matters_arising"]
        numbers = [part.strip().upper() for part in text.replace(";", ",").split(",")]
        chosen, unknown = [], []
        for number in filter(None, numbers):
            if number in self.earlier:
                chosen.append(self.earlier[number])
            else:
                unknown.append(number)
        if unknown:
            of = f" of the {self.body}" if self.body else ""
            raise forms.ValidationError(
                f"There is no minute {', '.join(unknown)} in the earlier minutes{of}: "
                "check the numbers"
            )
        return list(dict.fromkeys(chosen))


class ResolutionForm(GovUKModelForm):
    """One part of what was resolved; blank rows are left out."""

    class Meta:
        model = Resolution
        fields = ["kind", "text", "delegated_to", "votes_for", "votes_against", "abstentions"]
        labels = {"kind": "Type of resolution", "text": "Wording"}
        help_texts = {
            "text": "For example: That the report be noted.",
            "delegated_to": "For a delegated decision: who takes it, for example the Chair.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "votes_for": forms.NumberInput(attrs={"class": "govuk-input--width-3", "min": 0}),
            "votes_against": forms.NumberInput(attrs={"class": "govuk-input--width-3", "min": 0}),
            "abstentions": forms.NumberInput(attrs={"class": "govuk-input--width-3", "min": 0}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", "Choose a type"), *ResolutionKind.choices]

    def entry(self) -> ResolutionEntry:
        data = self.cleaned_data
        return ResolutionEntry(
            kind=data["kind"],
            text=data["text"].strip(),
            delegated_to=data["delegated_to"].strip(),
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            abstentions=data["abstentions"],
            existing=self.instance if self.instance.pk else None,
            expected_version=data.get("version"),
        )


class BaseResolutionFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this resolution"
            form.fields["DELETE"].widget.attrs["class"] = "govuk-checkboxes__input"

    def entries(self) -> list[ResolutionEntry]:
        """The resolutions to keep, in the order shown; untouched blank rows are skipped."""
        return [
            form.entry()
            for form in self.forms
            if form.has_changed() or form.instance.pk
            if not (self.can_delete and self._should_delete_form(form))
        ]


ResolutionFormSet = forms.modelformset_factory(
    Resolution, form=ResolutionForm, formset=BaseResolutionFormSet, extra=2, can_delete=True
)


class ApprovalForm(GovUKForm):
    """Approve an earlier meeting's minutes at this meeting's "previous minutes" item."""

    minutes_of = forms.ModelChoiceField(
        queryset=Meeting.objects.none(),
        label="Minutes approved",
        empty_label=None,
        help_text="The earlier meeting whose draft minutes were approved as a correct record.",
    )
    signed_by = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label="Signed by",
        help_text="The chair who signed the minutes.",
    )
    signed_on = GovUKDateField(label="Date signed", help_text="For example 12 6 2025.")

    def __init__(self, *args, candidates: list[Meeting], partnership, at_meeting: Meeting, **kw):
        super().__init__(*args, **kw)
        self.fields["minutes_of"].queryset = Meeting.objects.filter(
            pk__in=[m.pk for m in candidates]
        ).order_by("-date", "-start_time")
        self.fields["signed_by"].queryset = Person.objects.filter(partnership=partnership)
        if not self.is_bound:
            self.initial.setdefault("minutes_of", candidates[0].pk if candidates else None)
            self.initial.setdefault("signed_by", at_meeting.chair_id)
            self.initial.setdefault("signed_on", at_meeting.date)
