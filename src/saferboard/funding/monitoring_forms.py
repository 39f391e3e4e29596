"""Forms for monitoring a grant: milestones, reports, the review, variations, money back and
the end of the grant. Rules live in funding/monitoring.py; these only parse input."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.funding.models import MilestoneStatus, ReportKind, VariationKind
from saferboard.funding.monitoring import REVIEW_OUTCOMES
from saferboard.meetings.models import Resolution


class VersionedForm(GovUKForm):
    """A form about a saved record: carries the version it was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ScheduleForm(GovUKForm):
    """Nothing to fill in: the button confirms."""


class MilestoneForm(VersionedForm):
    title = forms.CharField(label="Milestone or target", max_length=200)
    target = forms.CharField(
        label="Target (optional)",
        max_length=200,
        required=False,
        help_text="For example: 30 outreach sessions.",
    )
    due_on = GovUKDateField(label="Due date")


class MilestoneRecordForm(VersionedForm):
    status = forms.ChoiceField(
        label="Was it met?",
        widget=forms.RadioSelect,
        choices=[
            (MilestoneStatus.MET, "Met"),
            (MilestoneStatus.PARTLY_MET, "Partly met"),
            (MilestoneStatus.MISSED, "Missed"),
        ],
    )
    achieved = forms.CharField(
        label="What was achieved",
        max_length=200,
        required=False,
        help_text="Needed when the milestone is partly met or missed. For example: 24 sessions.",
    )


class ReportScheduleForm(GovUKForm):
    kind = forms.ChoiceField(
        label="Kind of report", widget=forms.RadioSelect, choices=ReportKind.choices
    )
    due_on = GovUKDateField(label="Due date")


class ReportSubmitForm(VersionedForm):
    narrative = forms.CharField(
        label="What happened in this period", widget=forms.Textarea(attrs={"rows": 8})
    )
    outputs = forms.CharField(
        label="Outputs against the targets (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: 12 of 30 sessions delivered; 85 young people reached.",
    )
    spend_to_date = forms.DecimalField(
        label="Spend to date in pounds (optional)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )


class ReportAcceptForm(VersionedForm):
    review_outcome = forms.ChoiceField(
        label="What did the review decide?",
        widget=forms.RadioSelect,
        choices=list(REVIEW_OUTCOMES.items()),
        help_text="Ending the grant releases nothing more: its planned tranches are cancelled "
        "and their money goes back to the fund.",
    )
    comments = forms.CharField(
        label="Comments (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, is_review: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_review:
            del self.fields["review_outcome"]


class VariationForm(GovUKForm):
    kind = forms.ChoiceField(
        label="What do you want to change?",
        widget=forms.RadioSelect,
        choices=[
            (VariationKind.CHANGE_OF_USE, "How the money is used (a change request)"),
            (VariationKind.EXTENSION, "When the grant ends (an extension)"),
        ],
    )
    description = forms.CharField(
        label="The change and why it is needed", widget=forms.Textarea(attrs={"rows": 6})
    )
    new_ends_on = GovUKDateField(label="New end date (for an extension)", required=False)


class VariationDecideForm(VersionedForm):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when refusing: the grantee sees it.",
    )
    resolution = forms.ModelChoiceField(
        label="Resolution that approved it (optional)",
        queryset=Resolution.objects.none(),
        required=False,
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = (
            Resolution.objects.filter(partnership=partnership)
            .select_related("item__meeting")
            .order_by("-item__meeting__date", "item__position", "position", "pk")
        )
        self.fields["resolution"].label_from_instance = lambda each: (
            f"{each.item.meeting.date.day} {each.item.meeting.date:%B %Y}: {each}"
        )


class MoneyReturnForm(GovUKForm):
    amount = forms.CharField(label="Amount returned in pounds", max_length=20)
    on = GovUKDateField(label="Date received")
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)


class AwardEndForm(VersionedForm):
    returned = forms.CharField(
        label="Unused money the grantee returned, in pounds (optional)",
        max_length=20,
        required=False,
        help_text="Leave empty if they returned nothing.",
    )
    on = GovUKDateField(label="Date the grant ends")
    note = forms.CharField(label="Note (optional)", required=False, max_length=300)
