"""Forms of the performance reports: choosing a quarter or a financial year, and writing
a quarterly sheet's words."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.performance import periods as period_rules
from saferboard.performance import reports
from saferboard.performance.forms import PeriodField
from saferboard.performance.models import QuarterlySheet
from saferboard.performance.sheets import SECTIONS


class QuarterForm(GovUKForm):
    quarter = PeriodField(
        label="Quarter", required=False, help_text="For example Q2 2025/26 (July to September)."
    )

    def clean_quarter(self):
        quarter = self.cleaned_data["quarter"]
        if quarter is not None and quarter.kind != period_rules.QUARTER:
            raise forms.ValidationError(
                f"“{quarter.label}” is not a quarter. Write a quarter, such as Q2 2025/26."
            )
        return quarter


class ReportWindowForm(GovUKForm):
    year = forms.CharField(label="Financial year", help_text="For example 2025/26.")
    part = forms.ChoiceField(
        label="Report",
        choices=[
            (reports.HALF_YEAR, "Half year (April to September)"),
            (reports.FULL_YEAR, "Whole year (April to March)"),
        ],
        widget=forms.RadioSelect,
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["window"] = reports.report_window(year=cleaned["year"], part=cleaned["part"])
        except ValueError as error:
            self.add_error("year", str(error))
        return cleaned


def _words(name: str) -> forms.CharField:
    heading = dict(SECTIONS)[name]
    return forms.CharField(
        label=heading,
        required=False,
        help_text=QuarterlySheet._meta.get_field(name).help_text,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class QuarterlySheetForm(GovUKForm):
    """The sheet's words; only the fields the user may write stay on the form."""

    context = _words("context")
    activity = _words("activity")
    concerns = _words("concerns")
    emerging_issues = _words("emerging_issues")
    partner_comments = _words("partner_comments")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, field_names: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        for name, _ in SECTIONS:
            if name not in field_names:
                del self.fields[name]
