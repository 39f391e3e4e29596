"""Forms for the crime pages: uploading police.uk files, adding and changing areas and
sub-areas, choosing what a series, a summary and the strategic assessment show."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.crime import analysis
from saferboard.crime.models import CrimeType
from saferboard.performance import periods as period_rules


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
    field_order = ["name", "description", "forces", "local_authority_codes"]
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

    description = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Description",
        help_text="What the area is, for people reading its figures.",
    )

    def clean_forces(self):
        return sorted(set(_lines(self.cleaned_data["forces"])))

    def clean_local_authority_codes(self):
        return _lines(self.cleaned_data["local_authority_codes"])


class AreaEditForm(AreaForm):
    """Changing an area: the same fields, and the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class SubAreaForm(GovUKForm):
    name = forms.CharField(
        max_length=200, label="Name", help_text="For example Aldgate ward or the town centre."
    )
    lsoa_codes = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        label="LSOA codes",
        help_text="The neighbourhoods (LSOAs) it is made of: codes one a line or separated "
        "by commas, for example E01000005. The area's LSOAs are listed below the form.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_lsoa_codes(self):
        return _lines(self.cleaned_data["lsoa_codes"])


class SeriesForm(GovUKForm):
    """What the area page shows; every field has a default, so a bare address works."""

    type = forms.ChoiceField(
        required=False,
        label="Crime type",
        choices=[
            (analysis.ALL, analysis.TOTALS[analysis.ALL]),
            (analysis.ALL_CRIME, analysis.TOTALS[analysis.ALL_CRIME]),
            *((value, value) for value in CrimeType.values),
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


class AssessmentForm(GovUKForm):
    """What the strategic assessment covers: the 12 months to a month or a financial year,
    for the area or one of its sub-areas. Every field has a default, so a bare address works;
    a field sent wrong gets its message and its default (cleaned_data leaves it out)."""

    period = forms.ChoiceField(
        required=False,
        label="Period",
        widget=forms.RadioSelect,
        choices=[
            ("months", "The 12 months to a month"),
            ("year", "A financial year (April to March)"),
        ],
    )
    month = forms.CharField(
        required=False,
        label="Month",
        help_text="For the 12 months to a month: the last month, as YYYY-MM, for example "
        "2021-06. Leave empty for the latest month loaded.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    year = forms.CharField(
        required=False,
        label="Financial year",
        help_text="A year not over yet runs from April to the latest month loaded.",
        widget=forms.Select,
    )
    sub_area = forms.CharField(
        required=False,
        label="Place",
        help_text="The whole area or one of its sub-areas.",
        widget=forms.Select,
    )

    def __init__(self, *args, area, sub_areas, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.area = area
        self.years = years
        self.sub_areas = {str(sub_area.pk): sub_area for sub_area in sub_areas}
        self.fields["year"].widget.choices = [("", "Choose a financial year")] + [
            (str(year), period_rules.financial_year_label(year)) for year in reversed(years)
        ]
        self.fields["sub_area"].widget.choices = [("", f"The whole area: {area.name}")] + [
            (pk, sub_area.name) for pk, sub_area in self.sub_areas.items()
        ]

    def clean_month(self):
        text = self.cleaned_data["month"].strip()
        if not text:
            return None
        try:
            return analysis.parse_month(text)
        except ValueError as error:
            raise forms.ValidationError(
                f"Enter the month as YYYY-MM, for example 2021-06: “{text}” is not a month."
            ) from error

    def clean_year(self):
        text = self.cleaned_data["year"].strip()
        if not text:
            return None
        if not (text.isdigit() and len(text) == 4):
            raise forms.ValidationError(
                f"Choose the financial year from the list: “{text}” is not a year "
                "(2020 means 2020/21)."
            )
        if int(text) not in self.years:
            label = period_rules.financial_year_label(int(text))
            raise forms.ValidationError(
                f"Choose the financial year from the list: no month of {label} is loaded "
                "for this area's forces."
            )
        return int(text)

    def clean_sub_area(self):
        text = self.cleaned_data["sub_area"].strip()
        if not text:
            return None
        if text not in self.sub_areas:
            raise forms.ValidationError(
                f"Choose the place from the list: {self.area.name} has no sub-area “{text}”."
            )
        return self.sub_areas[text]

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("period") or ("year" if cleaned.get("year") else "months")
        if kind == "year" and not cleaned.get("year") and "year" not in self.errors:
            self.add_error("year", "Choose the financial year to report on.")
        cleaned["period"] = kind
        return cleaned
