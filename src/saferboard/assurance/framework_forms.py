"""Forms for frameworks and their parts; every choice is limited to the partnership (and to
the framework being edited)."""

from django import forms

from saferboard.assurance.frameworks import levels_below_met
from saferboard.assurance.models import Framework, RatingScale, Section, Standard, Variant
from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.registry.forms import PartnershipScopedForm


class FrameworkForm(PartnershipScopedForm):
    class Meta:
        model = Framework
        fields = [
            "name",
            "version_label",
            "period_start",
            "period_end",
            "owner_body",
            "description",
        ]
        labels = {"version_label": "Version"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def _get_validation_exclusions(self):
        # frameworks.framework_create / framework_update explain a clash of versions.
        return super()._get_validation_exclusions() | {"version_label"}

    def validate_unique(self):
        pass


class FrameworkCopyForm(GovUKForm):
    version_label = forms.CharField(
        label="Version of the new copy", max_length=40, help_text="For example 2026."
    )
    period_start = GovUKDateField(label="Period from", help_text="For example 1 4 2026.")
    period_end = GovUKDateField(label="Period to", help_text="For example 31 3 2027.")


class SectionForm(GovUKModelForm):
    class Meta:
        model = Section
        fields = ["number", "title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "number": "Optional, for example 2.",
            "introduction": "Shown above its standards.",
        }


class ScaleForm(GovUKForm):
    name = forms.CharField(max_length=100, help_text="For example Met / partially met / not met.")
    levels = forms.CharField(
        label="Levels, best first",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One per line, as code: label. For example met: Met, then partly: Partially "
        "met, then not_met: Not met. Or 4: Outstanding down to 1: Inadequate.",
    )
    meeting_count = forms.IntegerField(
        label="How many of the best levels meet the standard",
        min_value=1,
        initial=1,
        help_text="Levels below these call for an action.",
    )
    not_applicable = forms.BooleanField(
        label="Add a “Not applicable” level", required=False, initial=True
    )


class StandardForm(PartnershipScopedForm):
    """A standard, and a suggested action (text and days to its due date) for each level
    below met of the framework's scales: fields `action_<level pk>` and `due_<level pk>`."""

    class Meta:
        model = Standard
        fields = ["number", "title", "guidance", "scale", "evidence_required"]
        widgets = {
            "guidance": forms.Textarea(attrs={"rows": 4}),
            "title": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"evidence_required": "Evidence is required"}
        help_texts = {"scale": "How organisations rate themselves against this standard."}

    def __init__(self, *args, framework, **kwargs):
        instance = kwargs.get("instance")
        current = {}
        if instance is not None and instance.pk:
            current = {sa.level_id: sa for sa in instance.suggested_actions.all()}
        scales = list(RatingScale.objects.filter(framework=framework).prefetch_related("levels"))
        # Set before the form is built, so GovUKModelForm styles these fields too.
        self.base_fields = dict(type(self).base_fields)
        self.action_levels = []
        for scale in scales:
            for level in levels_below_met(scale):
                self.base_fields |= self.action_fields(
                    level, current.get(level.pk), scale=scale if len(scales) > 1 else None
                )
                self.action_levels.append((scale, level))
        super().__init__(*args, **kwargs)
        self.fields["scale"].queryset = RatingScale.objects.filter(framework=framework)
        self.fields["scale"].empty_label = None

    @staticmethod
    def action_fields(level, existing, *, scale) -> dict:
        label = f"Suggested action if rated “{level.label}”"
        if scale is not None:
            label += f" ({scale.name})"
        return {
            f"action_{level.pk}": forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=existing.text if existing else "",
                help_text="Leave empty for no action.",
            ),
            f"due_{level.pk}": forms.IntegerField(
                label=f"Days from submission to the due date (“{level.label}”)",
                min_value=1,
                initial=existing.due_in_days if existing else 90,
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
            ),
        }

    def suggested_actions(self) -> dict[int, tuple[str, int]]:
        """For the chosen scale's levels only: {level pk: (text, days)}."""
        scale = self.cleaned_data["scale"]
        return {
            level.pk: (
                self.cleaned_data.get(f"action_{level.pk}", ""),
                self.cleaned_data.get(f"due_{level.pk}"),
            )
            for each, level in self.action_levels
            if each.pk == scale.pk
        }


class VariantForm(PartnershipScopedForm):
    class Meta:
        model = Variant
        fields = ["name", "description", "standards"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "standards": forms.CheckboxSelectMultiple,
        }
        help_texts = {"standards": "The standards organisations answering this variant see."}

    def __init__(self, *args, framework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standards"].queryset = Standard.objects.filter(
            section__framework=framework
        ).order_by("section__order", "order", "pk")
        self.fields["standards"].label_from_instance = lambda s: f"{s.number} {s.title}"
