"""Forms for strategies and delivery plans; every choice is limited to the user's partnership."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.plans.models import (
    DeliveryPlan,
    KeyAction,
    KeyActionStatus,
    Priority,
    Strategy,
)
from saferboard.plans.selectors import OPEN
from saferboard.registry.forms import PartnershipScopedForm
from saferboard.registry.models import Organisation


class StrategyForm(PartnershipScopedForm):
    class Meta:
        model = Strategy
        fields = [
            "name",
            "period_start",
            "period_end",
            "owner_body",
            "parent",
            "is_statutory",
            "status",
            "description",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["parent"].queryset = self.fields["parent"].queryset.exclude(
                pk=self.instance.pk
            )


class PriorityForm(PartnershipScopedForm):
    class Meta:
        model = Priority
        fields = ["strategy", "number", "title", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": "Priorities are listed in this order (lowest first)."}


class DeliveryPlanForm(PartnershipScopedForm):
    class Meta:
        model = DeliveryPlan
        fields = [
            "name",
            "plan_type",
            "strategy",
            "period_start",
            "period_end",
            "owner_body",
            "is_statutory",
            "status",
            "status_key",
        ]
        widgets = {"status_key": forms.RadioSelect}


class KeyActionForm(PartnershipScopedForm):
    """Add (with the plan chosen, or passed as ?plan=) or change a key action. Its status is
    set by updates, not here."""

    class Meta:
        model = KeyAction
        fields = [
            "plan",
            "priority",
            "number",
            "title",
            "description",
            "delivery",
            "lead_organisations",
            "lead_officers",
            "co_operating_organisations",
            "co_operating_note",
            "deadline",
            "timescale",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "delivery": forms.Textarea(attrs={"rows": 3}),
            "lead_organisations": forms.CheckboxSelectMultiple,
            "co_operating_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = self.fields["priority"].queryset.select_related(
            "strategy"
        )
        self.fields["priority"].label_from_instance = lambda p: f"{p.strategy.name}: {p}"
        if self.instance.pk:
            # A key action stays in its plan; copying to next year makes a new one.
            del self.fields["plan"]

    def _get_validation_exclusions(self):
        # The service checks the number is unused, naming the key action that has it.
        return super()._get_validation_exclusions() | {"number"}


class KeyActionFilterForm(GovUKForm):
    """The key actions' filters, in the address (GET) so a filtered list can be shared."""

    status = forms.ChoiceField(required=False)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        label="Lead organisation",
        empty_label="Any organisation",
    )

    def __init__(self, *args, partnership, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        statuses = statuses or KeyActionStatus.values
        self.fields["status"].choices = [
            ("", "Any status"),
            (OPEN, "Not complete"),
            *((s, KeyActionStatus(s).label) for s in statuses),
        ]
        self.fields["organisation"].queryset = Organisation.objects.filter(
            partnership=partnership
        ).order_by("name")

    def filters(self) -> dict:
        """The valid filters as selectors.key_action_filter's arguments."""
        if not self.is_bound or not self.is_valid():
            return {}
        return {
            "status": self.cleaned_data.get("status") or "",
            "organisation": self.cleaned_data.get("organisation"),
        }


class KeyActionUpdateForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = GovUKDateField(label="Date of the update")
    status = forms.ChoiceField(widget=forms.RadioSelect)
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Update",
        help_text="What has happened since the last update; if it is complete, what shows it.",
    )
    mitigation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="If it is behind (red or amber): what is being done to bring it back.",
    )

    def __init__(self, *args, plan: DeliveryPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (entry.status, f"{KeyActionStatus(entry.status).label} ({entry.colour})")
            for entry in plan.key_entries()
        ]


class PlanCopyForm(GovUKForm):
    name = forms.CharField(label="Name of the new plan", max_length=200)
    period_start = GovUKDateField(label="Starts")
    period_end = GovUKDateField(label="Ends")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end must be on or after the start")
        return cleaned


class PlanReportForm(GovUKForm):
    reported_on = GovUKDateField(label="Date reported")
    reported_to = forms.CharField(
        required=False,
        max_length=200,
        label="Reported to",
        help_text="For example the SCP board, or the Health and Wellbeing Board.",
    )
