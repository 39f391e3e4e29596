"""Forms for the performance pages; choices are limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.performance import periods as period_rules
from saferboard.performance.models import Indicator, Rag, ValueSource
from saferboard.performance.sources import (
    value_source_choices,
    value_source_get,
    value_source_option_fields,
)
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

    def __init__(self, *args, partnership, **kwargs):
        # Each data source's settings fields (source_<name>) go in before the form is built,
        # so they get the GOV.UK classes and messages, just after "Where values come from".
        self.source_fields = {
            key: {f"source_{name}": field for name, field in fields.items()}
            for key, fields in value_source_option_fields(partnership).items()
        }
        extra = {name: f for fields in self.source_fields.values() for name, f in fields.items()}
        for field in extra.values():
            field.required = False
        base = dict(self.base_fields)
        self.base_fields = {}
        for name, field in base.items():
            self.base_fields[name] = field
            if name == "value_source":
                self.base_fields.update(extra)
        super().__init__(*args, partnership=partnership, **kwargs)
        self.fields["value_source"].choices = value_source_choices()
        options_field = self.fields["value_source_options"]
        options_field.required = False
        options_field.help_text = (
            "Only for a data source with no settings of its own above, written as names and "
            'values in braces, for example {"name": "value"}.'
        )
        if not self.source_fields:
            options_field.help_text = 'Only for a data source, for example {"name": "value"}.'
        self.fields["priority"].queryset = self.fields["priority"].queryset.select_related(
            "strategy"
        )
        saved = self.instance.value_source_options if self.instance.pk else None
        for name in self.source_fields.get(self.instance.value_source, {}):
            if isinstance(saved, dict) and name.removeprefix("source_") in saved:
                self.initial.setdefault(name, saved[name.removeprefix("source_")])

    def clean(self):
        cleaned = super().clean()
        key = cleaned.get("value_source")
        fields = self.source_fields.get(key, {})
        for other_key, other_fields in self.source_fields.items():
            if other_key != key:
                for name in other_fields:
                    self.errors.pop(name, None)  # settings of a source not chosen
                    cleaned.pop(name, None)
        if fields:
            options = {
                name.removeprefix("source_"): cleaned[name]
                for name in fields
                if cleaned.get(name) not in (None, "")
            }
            problem_field = next(iter(fields))
        else:
            options = cleaned.get("value_source_options") or {}
            problem_field = "value_source_options"
            if not isinstance(options, dict):
                self.add_error(
                    "value_source_options",
                    "Data source settings must be a list of names and values in braces, "
                    'for example {"area": "city-of-london", "type": "all"}.',
                )
                return cleaned
        cleaned["value_source_options"] = options
        source = value_source_get(key) if key and key != ValueSource.RETURNS else None
        if source is not None and source.check_options is not None:
            if any(name in self.errors for name in fields):
                return cleaned
            try:
                cleaned["value_source_options"] = source.check_options(options, self.partnership)
            except ValueError as error:
                self.add_error(problem_field, str(error))
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
