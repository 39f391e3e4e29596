"""Forms for funds, their settings and their money; choices are limited to the partnership.

Amounts are typed as text and read by ledger.money, so "£1,500" and "1500.00" both work and
a bad amount gets a message naming the field."""

from django import forms

from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.core.models import User
from saferboard.funding.funds import partnership_user_ids
from saferboard.funding.models import Criterion, EligibilityRule, Fund
from saferboard.registry.forms import AliasesField, PartnershipScopedForm


class FundForm(PartnershipScopedForm):
    priority_areas = AliasesField(
        label="Priority areas",
        help_text="The outcomes the fund supports, one per line.",
    )
    key_themes = AliasesField(
        label="Key themes",
        help_text="One per line, for example Youth and knife crime. Bids choose at least one.",
    )

    class Meta:
        model = Fund
        fields = [
            "name",
            "reference_prefix",
            "source",
            "description",
            "period",
            "financial_year",
            "status",
            "minimum_award",
            "maximum_award",
            "standard_term_months",
            "match_funding_expectation",
            "priority_areas",
            "key_themes",
            "deciding_body",
        ]
        labels = {
            "minimum_award": "Minimum award (£)",
            "maximum_award": "Maximum award (£)",
            "standard_term_months": "Standard term (months)",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "match_funding_expectation": forms.Textarea(attrs={"rows": 2}),
            "period": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("minimum_award", "maximum_award"):
            label = self.fields[name].label.replace(" (£)", "").lower()
            self.fields[name].error_messages.update(
                invalid=f"Enter the {label} as an amount in pounds, like 5000 or 5000.00",
                max_decimal_places=f"Enter the {label} in pounds and pence: at most 2 decimal "
                "places",
                max_digits=f"Enter the {label} as an amount under £10,000,000,000",
            )
        self.fields["financial_year"].error_messages["invalid"] = (
            "Enter the financial year as the year it starts, like 2020 for 2020/21"
        )

    def _get_validation_exclusions(self):
        # funds.fund_create / fund_update check the rules these fields are in and explain a
        # broken one with the figures (or the fund that clashes); the database still holds them.
        return super()._get_validation_exclusions() | {
            "reference_prefix",
            "minimum_award",
            "financial_year",
        }


class IncomeForm(GovUKForm):
    amount = forms.CharField(
        label="Amount (£)", max_length=20, help_text="For example 110000 or £110,000.00."
    )
    on = GovUKDateField(label="Date received")
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Where the money came from, for example a POCA receipt.",
    )


class ReallocateForm(GovUKForm):
    target = forms.ModelChoiceField(
        queryset=Fund.objects.none(), label="Fund to move the money to", empty_label=None
    )
    amount = forms.CharField(label="Amount (£)", max_length=20)
    on = GovUKDateField(label="Date of the move")
    note = forms.CharField(
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why, for example: unspent at year end, agreed at the board.",
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = Fund.objects.filter(partnership=fund.partnership).exclude(
            pk=fund.pk
        )


class RuleForm(GovUKModelForm):
    class Meta:
        model = EligibilityRule
        fields = ["kind", "wording", "guidance"]
        widgets = {"kind": forms.RadioSelect, "guidance": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": "Type of rule"}
        help_texts = {
            "wording": "For example: Bank account needing two unrelated signatories.",
        }


class CriterionForm(GovUKModelForm):
    class Meta:
        model = Criterion
        fields = ["title", "description", "weight", "maximum_score"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "weight": "How much the criterion counts: a weight of 2 counts twice as much as 1.",
            "maximum_score": "Assessors score from 0 to this.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["weight"].error_messages["invalid"] = "Enter the weight as a number, like 1.5"


class AssessorsForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assessors = forms.ModelMultipleChoiceField(
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They score the fund's bids and see all of the partnership's bids.",
    )

    def __init__(self, *args, fund: Fund, **kwargs):
        super().__init__(*args, **kwargs)
        people = partnership_user_ids(partnership=fund.partnership)
        self.fields["assessors"].queryset = User.objects.filter(pk__in=people).order_by(
            "last_name", "first_name", "username"
        )
        self.fields["assessors"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
