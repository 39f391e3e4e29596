"""Forms for the crime pages: uploading police.uk files, adding an area, choosing what a
series and summary show."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.crime import analysis
from saferboard.crime.models import CrimeType


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,.zip"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)]


class CrimeUploadForm(GovUKForm):
    files = MultipleFileField(
        label="police.uk files",
        help_text="One or more street files (for example 2021-12-city-of-london-street.csv), "
        "or the .zip police.uk gives you.",
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace(",", "\n").splitlines() if line.strip()]


class AreaForm(GovUKForm):
    name = forms.CharField(max_length=200, label="Name", help_text="For example City of London.")
    forces = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Police forces",
        help_text="As police.uk's “Falls within” column names them, one a line, for example "
        "City of London Police. Leave empty to count every force's records in the LSOAs below.",
    )
    local_authority_codes = forms.CharField(
        required=False,
        label="Local authority codes",
        help_text="ONS codes, for example E09000001. Only records in their LSOAs are counted. "
        "Leave empty to count the whole force area.",
    )

    def clean_forces(self):
        return sorted(set(_lines(self.cleaned_data["forces"])))

    def clean_local_authority_codes(self):
        return _lines(self.cleaned_data["local_authority_codes"])


class SeriesForm(GovUKForm):
    """What the area page shows; every field has a default, so a bare address works."""

    type = forms.ChoiceField(
        required=False,
        label="Crime type",
        choices=[
            (analysis.ALL, analysis.TOTALS[analysis.ALL]),
            (analysis.ALL_CRIME, analysis.TOTALS[analysis.ALL_CRIME]),
            *CrimeType.choices,
        ],
    )
    month = forms.CharField(
        required=False,
        label="Month",
        help_text="The latest month to show, as YYYY-MM. The chart shows the 24 months to it.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        try:
            return analysis.parse_month(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
