"""Forms for the performance pages; choices are limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.performance import periods as period_rules
from saferboard.performance.models import Indicator, Rag
from saferboard.performance.sources import value_source_choices
from saferboard.registry.forms import PartnershipScopedForm


class IndicatorForm(PartnershipScopedForm):
    value_source = forms.ChoiceField(
        label="Where values come from",
        help_text="Partner returns, or a data source that computes the values.",
    )

    class Meta:
        model = Indicator
        fields = [
            "code",
            "name",
            "priority",
            "definition",
            "unit",
            "polarity",
            "target_kind",
            "target_value",
            "amber_tolerance",
            "baseline_label",
            "baseline_start",
            "baseline_end",
            "baseline_value",
            "frequency",
            "lead_organisation",
            "lead_person",
            "data_source",
            "value_source",
            "return_due_days",
            "lifecycle",
            "lifecycle_since",
            "baseline_due_by",
            "position",
        ]
        labels = {
            "target_kind": "Kind of target",
            "target_value": "Target",
            "data_source": "Data source (as named by the partner)",
            "return_due_days": "Return due (days after the period ends)",
            "position": "Order in lists",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value_source"].choices = value_source_choices()
        self.fields["priority"].queryset = self.fields["priority"].queryset.select_related(
            "strategy"
        )


class PeriodField(forms.CharField):
    """A period written as people write it: April 2025, Q1 2025/26 or 2025/26."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "For example April 2025, Q1 2025/26 or 2025/26.")
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return period_rules.parse_period(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error


class ComparatorForm(GovUKForm):
    name = forms.CharField(
        max_length=100, label="Comparator", help_text="For example London average."
    )
    period = PeriodField(label="Period")
    value = forms.DecimalField(max_digits=14, decimal_places=3, required=False)
    rank = forms.IntegerField(min_value=1, required=False, label="Rank (position)")
    rank_of = forms.IntegerField(min_value=1, required=False, label="Out of")


class OverrideForm(GovUKForm):
    rag_override = forms.ChoiceField(
        label="Red, amber or green",
        choices=[("", "Work it out from the target (no override)"), *Rag.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    rag_override_reason = forms.CharField(
        label="Why it is set by hand",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown beside the colour wherever the value appears.",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReportPeriodForm(GovUKForm):
    period = PeriodField(label="Period", required=False)
