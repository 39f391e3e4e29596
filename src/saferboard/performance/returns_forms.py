"""Forms for returns: one indicator's value for one period, and uploading a file of them."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.meetings.papers import size_label
from saferboard.performance.returns import number_problem, parse_number, sentence
from saferboard.performance.returns_files import max_upload_bytes


class NumberField(forms.CharField):
    """A number as people type it ("1,234", "12.5%"), checked by the returns' rules."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            number = parse_number(text)
        except ValueError as error:
            raise forms.ValidationError(f"{self.label}: {error}") from error
        if problem := number_problem(number):
            raise forms.ValidationError(f"{self.label}: {problem}")
        return number


class ReturnForm(GovUKForm):
    """The period is fixed by the page; `version` is that of the return when the page opened
    (0: none yet), so a return someone else saved meanwhile is never overwritten."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    value = NumberField(
        label="Value",
        help_text="Leave empty only when there is no information for this period, and say why "
        "below.",
    )
    numerator = NumberField(
        label="Count (numerator)",
        help_text="For a percentage or rate built on small numbers: the count behind it, "
        "for example 19 of 40.",
    )
    denominator = NumberField(label="Out of (denominator)")
    commentary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Commentary",
        help_text="What lies behind the figure: context, activity, concerns.",
    )
    no_information_reason = forms.CharField(
        required=False,
        max_length=300,
        label="Reason there is no information",
        help_text="Only if there is no value for this period, for example “Recording system "
        "replaced in August”.",
    )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        value, reason = cleaned.get("value"), cleaned.get("no_information_reason", "").strip()
        if value is None and not reason:
            self.add_error("value", sentence("enter the value, or say why there is no information"))
        elif value is not None and reason:
            self.add_error(
                "no_information_reason",
                sentence("leave the reason for no information empty when you give a value"),
            )
        return cleaned


class ReturnsUploadForm(GovUKForm):
    file = forms.FileField(
        label="Returns file",
        allow_empty_file=True,  # the file checks say an empty file is empty, naming it
        help_text=f"CSV or Excel (.xlsx), up to {size_label(max_upload_bytes())}, in the "
        "template's format.",
        widget=forms.FileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )
