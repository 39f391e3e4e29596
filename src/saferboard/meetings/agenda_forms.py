"""Forms for building agendas: sections, items, standing items, the forward plan, late papers."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.meetings.models import (
    AgendaItem,
    AgendaSection,
    ForwardPlanEntry,
    Meeting,
    StandingItem,
)
from saferboard.registry.forms import PartnershipScopedForm


class AgendaSectionForm(PartnershipScopedForm):
    class Meta:
        model = AgendaSection
        fields = ["title"]
        help_texts = {"title": "For example Main business or Information items."}


class AgendaItemForm(PartnershipScopedForm):
    """An item of business; the section list holds only this meeting's sections."""

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        section = self.fields["section"]
        section.queryset = meeting.sections.all()
        section.empty_label = "No section"
        section.help_text = "New items go at the end of their section."

    class Meta:
        model = AgendaItem
        fields = [
            "section",
            "title",
            "purpose",
            "decision_type",
            "presenter",
            "lead_officer",
            "minutes_allowed",
            "security_marking",
            "is_exempt",
            "exempt_paragraph",
        ]
        labels = {"presenter": "Report of", "decision_type": "Decision type"}
        help_texts = {
            "presenter": "Who presents it, for example Director of Public Health.",
            "security_marking": "OFFICIAL-SENSITIVE items and their papers are never published.",
        }
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "decision_type": forms.RadioSelect,
            "security_marking": forms.RadioSelect,
        }


class StandingItemForm(PartnershipScopedForm):
    class Meta:
        model = StandingItem
        fields = ["title", "kind", "purpose", "decision_type", "at_end"]
        labels = {"kind": "Kind of standing item", "at_end": "Place after the main business"}
        help_texts = {"kind": "Lets minutes and reports find, say, the apologies item."}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class ForwardPlanEntryForm(PartnershipScopedForm):
    planned_for = GovUKDateField(
        label="Planned for",
        required=False,
        help_text="The meeting date it is planned for, for example 9 4 2026. Leave empty to "
        "offer it for the next agenda.",
    )

    class Meta:
        model = ForwardPlanEntry
        fields = ["title", "purpose", "decision_type", "presenter", "lead_officer", "planned_for"]
        labels = {"presenter": "Report of"}
        widgets = {"purpose": forms.Textarea(attrs={"rows": 3})}


class PublishLateForm(GovUKForm):
    """The reason the papers went out after the circulation deadline."""

    late_reason = forms.CharField(
        label="Why are the papers late?",
        help_text="This is shown on the meeting page beside “Published late”.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late_reason"].error_messages["required"] = (
            "Enter the reason the papers are late"
        )
