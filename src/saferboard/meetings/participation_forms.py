"""Forms for who took part in a meeting: officers and guests in attendance, and
declarations of interest. Every choice is limited to the meeting's own records."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.meetings.models import AgendaItem, InAttendanceKind, InterestType
from saferboard.registry.models import Membership, Person


class InAttendanceForm(GovUKForm):
    kind = forms.ChoiceField(
        label="Attending as",
        choices=InAttendanceKind.choices,
        initial=InAttendanceKind.OFFICER,
        widget=forms.RadioSelect,
    )
    person = forms.ModelChoiceField(
        label="Choose the person",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Choose a person",
        help_text="Someone in the registry.",
    )
    name = forms.CharField(
        label="Or give their name",
        max_length=200,
        required=False,
        help_text="For someone not in the registry.",
    )
    organisation = forms.CharField(max_length=200, required=False)
    role = forms.CharField(
        max_length=200, required=False, help_text="For example Community Safety Manager."
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(partnership=partnership)

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("person") and not (cleaned.get("name") or "").strip():
            self.add_error("person", "Choose the person from the list or give their name.")
        elif cleaned.get("person") and (cleaned.get("name") or "").strip():
            self.add_error("name", "Choose the person from the list or give their name, not both.")
        return cleaned


class MembershipChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, seat: Membership) -> str:
        return f"{seat.person} ({seat.organisation}, {seat.body})"


class DeclarationForm(GovUKForm):
    """A member's interest in one item; `seats` and `items` come from the meeting."""

    membership = MembershipChoiceField(
        label="Member",
        queryset=Membership.objects.none(),
        empty_label="Choose the member",
        help_text="Members holding a seat on the meeting's bodies on its date.",
    )
    item = forms.ModelChoiceField(
        label="Agenda item", queryset=AgendaItem.objects.none(), empty_label="Choose the item"
    )
    interest_type = forms.ChoiceField(
        label="Type of interest",
        choices=InterestType.choices,
        widget=forms.RadioSelect,
        help_text="A prejudicial or disclosable pecuniary interest takes the member out of "
        "the discussion and the vote on the item.",
    )
    nature = forms.CharField(
        label="Nature of the interest",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="As it will appear in the minutes, for example “is a trustee of the "
        "charity named in the report”.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, seats: list[Membership], items, **kwargs):
        super().__init__(*args, **kwargs)
        membership = self.fields["membership"]
        membership.queryset = Membership.objects.filter(pk__in=[s.pk for s in seats])
        # Show the members in the order the meeting lists them, without a query per row.
        membership.choices = [("", "Choose the member")] + [
            (seat.pk, membership.label_from_instance(seat)) for seat in seats
        ]
        self.fields["item"].queryset = items
