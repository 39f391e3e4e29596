"""The decision form (outcome, where it was taken, the award and its tranches) and the
tranche release form. The rules are funding.decisions'; the forms only collect."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.funding import decisions
from saferboard.funding.models import Bid, Outcome

TRANCHE_ROWS = 3


def _grouped(records, group_label, option_label) -> list:
    """Choices grouped by `group_label(record)`, in the records' order."""
    groups: list = []
    for record in records:
        label = group_label(record)
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append((str(record.pk), option_label(record)))
    return [("", "Not recorded"), *groups]


class DecisionForm(GovUKForm):
    outcome = forms.ChoiceField(
        label="What did the meeting decide?", choices=Outcome.choices, widget=forms.RadioSelect
    )
    decided_on = GovUKDateField(label="Date of the decision")
    item = forms.ChoiceField(
        label="Agenda item where it was decided",
        required=False,
        help_text="Items of the deciding body's meetings, latest first.",
    )
    resolution = forms.ChoiceField(
        label="Resolution",
        required=False,
        help_text="The resolution recorded on that item, if there is one.",
    )
    reason = forms.CharField(
        label="Reason",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed for a rejection, for example “outside the partnership's objectives”.",
    )
    conditions = forms.CharField(
        label="Conditions of the approval",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed when approved with conditions.",
    )
    redirected_to = forms.CharField(
        label="Other funding the bid is redirected to",
        required=False,
        help_text="Needed when redirected.",
    )
    award_total = forms.CharField(
        label="Total awarded (£)",
        required=False,
        help_text="For an approval: committed against the fund's available money.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    starts_on = GovUKDateField(label="Grant starts on", required=False)
    ends_on = GovUKDateField(label="Grant ends on", required=False)
    review_on = GovUKDateField(
        label="Review date",
        required=False,
        help_text="Leave blank for a review after nine months.",
    )
    release_first_now = forms.BooleanField(
        label="Release the first tranche now (on the date of the decision)", required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    WHERE_AND_WHY = ["outcome", "decided_on", "item", "resolution", "reason", "conditions"]
    AWARD = ["redirected_to", "award_total", "starts_on", "ends_on", "review_on"]

    def __init__(self, *args, bid: Bid, **kwargs):
        super().__init__(*args, **kwargs)
        self.bid = bid
        fund = bid.fund
        self.items = {str(i.pk): i for i in decisions.deciding_items(fund=fund)}
        self.resolutions = {str(r.pk): r for r in decisions.deciding_resolutions(fund=fund)}
        self.fields["item"].choices = _grouped(self.items.values(), lambda i: str(i.meeting), str)
        self.fields["resolution"].choices = _grouped(
            self.resolutions.values(), lambda r: f"{r.item.meeting} – {r.item}", str
        )
        self.fields[
            "ends_on"
        ].help_text = f"Leave blank for the bid's term of {bid.term_months} months."
        for number in range(1, TRANCHE_ROWS + 1):
            self.fields[f"tranche_{number}_amount"] = forms.CharField(
                label=f"Tranche {number}: amount (£)",
                required=False,
                widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10"}),
            )
            self.fields[f"tranche_{number}_due_on"] = GovUKDateField(
                label=f"Tranche {number}: due on", required=False
            )
            self.fields[f"tranche_{number}_condition"] = forms.CharField(
                label=f"Tranche {number}: condition",
                required=False,
                help_text="For example “after a satisfactory review”.",
                widget=forms.TextInput(attrs={"class": "govuk-input"}),
            )
        self.order_fields(
            [*self.WHERE_AND_WHY, *self.AWARD, *self.tranche_names(), "release_first_now"]
        )
        self.fields["version"].initial = bid.version
        self.fields["award_total"].initial = f"{bid.amount_requested:.2f}"
        self.fields["tranche_1_amount"].initial = f"{bid.amount_requested:.2f}"
        if bid.proposed_start:
            self.fields["starts_on"].initial = bid.proposed_start
            self.fields["review_on"].initial = decisions.default_review_on(bid.proposed_start)
            self.fields["tranche_1_due_on"].initial = bid.proposed_start

    def tranche_names(self) -> list[str]:
        return [
            f"tranche_{n}_{part}"
            for n in range(1, TRANCHE_ROWS + 1)
            for part in ("amount", "due_on", "condition")
        ]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        item = self.items.get(data.get("item") or "")
        resolution = self.resolutions.get(data.get("resolution") or "")
        tranches = [
            (
                data[f"tranche_{n}_amount"],
                data[f"tranche_{n}_due_on"],
                data[f"tranche_{n}_condition"],
            )
            for n in range(1, TRANCHE_ROWS + 1)
            if data[f"tranche_{n}_amount"].strip() or data[f"tranche_{n}_due_on"]
        ]
        starts_on = data.get("starts_on")
        review_on = data.get("review_on")
        if review_on is None and starts_on is not None:
            review_on = decisions.default_review_on(starts_on)
        return {
            "outcome": data["outcome"],
            "decided_on": data["decided_on"],
            "meeting": item.meeting if item else None,
            "item": item,
            "resolution": resolution,
            "reason": data["reason"],
            "conditions": data["conditions"],
            "redirected_to": data["redirected_to"],
            "award_total": data["award_total"],
            "starts_on": starts_on,
            "ends_on": data.get("ends_on"),
            "review_on": review_on,
            "tranches": tranches,
            "release_first_now": data["release_first_now"],
            "expected_version": data.get("version"),
        }


class TrancheReleaseForm(GovUKForm):
    released_on = GovUKDateField(label="Date paid")
