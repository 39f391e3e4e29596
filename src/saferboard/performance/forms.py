"""Forms for the performance pages; choices are limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.performance import periods as period_rules
from saferboard.performance.models import Indicator, Rag, ValueSource
from saferboard.performance.sources import value_source_choices, value_source_get
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
            "value_source_options",
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
            "value_source_options": "Data source settings",
            "return_due_days": "Return due (days after the period ends)",
            "position": "Order in lists",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["value_source"].choices = value_source_choices()
        self.fields["value_source_options"].required = False
        self.fields["value_source_options"].help_text = (
            "Only for a data source. For police.uk crime counts, for example "
            '{"area": "city-of-london", "type": "Anti-social behaviour"} '
            "(type: a police.uk crime type, all, or all-crime for crime without "
            "anti-social behaviour)."
        )
        self.fields["priority"].queryset = self.fields["priority"].queryset.select_related(
            "strategy"
        )

    def clean(self):
        cleaned = super().clean()
        options = cleaned.get("value_source_options") or {}
        if not isinstance(options, dict):
            self.add_error(
                "value_source_options",
                "Data source settings must be a list of names and values in braces, for example "
                '{"area": "city-of-london", "type": "all"}.',
            )
            return cleaned
        cleaned["value_source_options"] = options
        key = cleaned.get("value_source")
        source = value_source_get(key) if key and key != ValueSource.RETURNS else None
        if source is not None and source.check_options is not None:
            try:
                cleaned["value_source_options"] = source.check_options(options, self.partnership)
            except ValueError as error:
                self.add_error("value_source_options", str(error))
        return cleaned


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
