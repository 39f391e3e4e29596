"""Forms for meeting pages; every choice is limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.meetings.models import Attendance, AttendanceStatus, Meeting
from saferboard.meetings.services import AttendanceEntry
from saferboard.registry.forms import PartnershipScopedForm
from saferboard.registry.models import Membership, Person


def _time_field(**kwargs) -> forms.TimeField:
    return forms.TimeField(
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        widget=forms.TimeInput(format="%H:%M", attrs={"class": "govuk-input--width-5"}),
        error_messages={"invalid": "Enter a time on the 24-hour clock, for example 14:00"},
        **kwargs,
    )


class MeetingForm(PartnershipScopedForm):
    date = GovUKDateField()
    start_time = _time_field(label="Start time", help_text="For example 14:00.")
    end_time = _time_field(
        label="Expected end time", required=False, help_text="For example 16:00."
    )
    virtual_link = forms.URLField(
        required=False, assume_scheme="https", help_text="Where members join online."
    )
    webcast_link = forms.URLField(
        required=False, assume_scheme="https", help_text="Where the public can watch."
    )

    class Meta:
        model = Meeting
        fields = [
            "bodies",
            "title",
            "date",
            "start_time",
            "end_time",
            "venue",
            "virtual_link",
            "webcast_link",
            "clerk",
            "chair",
        ]
        widgets = {"bodies": forms.CheckboxSelectMultiple}


class TransitionForm(GovUKForm):
    to = forms.CharField(widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AttendanceForm(GovUKForm):
    """One status, substitute name and substitute person per seat, all in one submission."""

    def __init__(
        self,
        *args,
        seats: list[Membership],
        partnership,
        initial_rows: dict,
        deputies: dict[int, list[Person]] | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.seats = seats
        deputies = deputies or {}
        # One query for the list of people, shared by every seat's substitute field.
        self.people = {str(p.pk): p for p in Person.objects.filter(partnership=partnership)}
        people = [("", "Choose a person"), *((pk, str(p)) for pk, p in self.people.items())]
        for seat in seats:
            holder = seat.person or "Vacant seat"
            row = initial_rows.get(seat.pk)
            self.fields[f"status_{seat.pk}"] = forms.ChoiceField(
                label=f"{holder} ({seat.organisation})",
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status if row else None,
            )
            self.fields[f"substitute_name_{seat.pk}"] = forms.CharField(
                label=f"Substitute for {holder}",
                max_length=200,
                required=False,
                initial=row.substitute_name if row else "",
                help_text="If someone came in their place.",
            )
            self.fields[f"substitute_person_{seat.pk}"] = forms.ChoiceField(
                label=f"Or choose the substitute for {holder}",
                choices=people,
                required=False,
                initial=str(row.substitute_person_id or "") if row else "",
                help_text=(
                    "Named deputy: " + ", ".join(str(p) for p in deputies[seat.pk]) + "."
                    if deputies.get(seat.pk)
                    else ""
                ),
            )

    def rows(self):
        """The fields of each seat together, for the template."""
        for seat in self.seats:
            yield {
                "seat": seat,
                "status": self[f"status_{seat.pk}"],
                "substitute_name": self[f"substitute_name_{seat.pk}"],
                "substitute_person": self[f"substitute_person_{seat.pk}"],
            }

    def clean(self):
        cleaned = super().clean()
        for seat in self.seats:
            status = cleaned.get(f"status_{seat.pk}")
            name = cleaned.get(f"substitute_name_{seat.pk}")
            person = self.people.get(cleaned.get(f"substitute_person_{seat.pk}") or "")
            holder = seat.person or "the vacant seat"
            if (name or person) and status != AttendanceStatus.APOLOGIES:
                self.add_error(
                    f"status_{seat.pk}",
                    f"A substitute came for {holder}, so choose apologies for {holder}.",
                )
            if name and person:
                self.add_error(
                    f"substitute_name_{seat.pk}",
                    f"Give the substitute for {holder} by name or from the list, not both.",
                )
        return cleaned

    def entries(self) -> list[AttendanceEntry]:
        """What was recorded; seats left without a status are not recorded."""
        data = self.cleaned_data
        return [
            AttendanceEntry(
                membership=seat,
                status=data[f"status_{seat.pk}"],
                substitute_name=data[f"substitute_name_{seat.pk}"].strip(),
                substitute_person=self.people.get(data[f"substitute_person_{seat.pk}"] or ""),
            )
            for seat in self.seats
            if data.get(f"status_{seat.pk}")
        ]

    def unsaved_records(self, *, meeting: Meeting) -> list[Attendance]:
        """What the page says so far, as unsaved rows, for a quorum verdict before saving.
        Rows whose fields did not validate are left out."""
        data = getattr(self, "cleaned_data", {})
        return [
            Attendance(
                meeting=meeting,
                membership=seat,
                status=data[f"status_{seat.pk}"],
                substitute_name=(data.get(f"substitute_name_{seat.pk}") or "").strip(),
                substitute_person=self.people.get(data.get(f"substitute_person_{seat.pk}") or ""),
            )
            for seat in self.seats
            if data.get(f"status_{seat.pk}")
        ]
