"""Forms for applicants, bids, stage moves, the eligibility checklist and documents. They
only parse; the rules live in funding.bids."""

from django import forms

from saferboard.core.forms import GovUKForm, GovUKModelForm
from saferboard.core.models import User
from saferboard.funding.models import Applicant, Bid, CheckResult, DocumentKind, LegalForm
from saferboard.registry.models import Organisation

BID_FIELDS = [
    "project_title",
    "summary",
    "amount_requested",
    "term_months",
    "proposed_start",
    "priority_areas",
    "key_themes",
    "need",
    "means",
    "evaluation_plan",
    "match_funding_amount",
    "match_funding_source",
]


class ApplicantForm(GovUKModelForm):
    """`organisations` and `users` are the choices the acting user may make; `users` is None
    for someone who may not say which accounts act for the applicant."""

    website = forms.URLField(label="Website", required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Applicant
        fields = [
            "name",
            "legal_form",
            "charity_number",
            "company_number",
            "organisation",
            "address",
            "website",
            "contact_name",
            "contact_email",
            "users",
        ]
        labels = {
            "legal_form": "Legal form",
            "charity_number": "Charity Commission number",
            "company_number": "Companies House number",
            "users": "Accounts that act for this applicant",
        }
        help_texts = {
            "charity_number": "Needed for a registered charity or a CIO: 6 to 8 digits.",
            "company_number": "Needed for a company or a CIC: 8 characters, like 01234567 or "
            "SC123456.",
            "organisation": "Needed for a partner agency.",
        }
        widgets = {
            "legal_form": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 3}),
            "users": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, organisations, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_form"].choices = LegalForm.choices
        self.fields["organisation"].queryset = organisations
        if users is None:
            del self.fields["users"]
        else:
            self.fields["users"].queryset = users
            self.fields["users"].label_from_instance = _user_label


def _user_label(user: User) -> str:
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


def organisations_for_form(*, partnership, only=None):
    organisations = Organisation.objects.filter(partnership=partnership)
    return organisations if only is None else organisations.filter(pk__in=only)


class BidForm(GovUKModelForm):
    """A bid's application. Priority areas and key themes are ticked from the fund's lists;
    `applicants` is given when a bid is started (who it is for)."""

    applicant = forms.ModelChoiceField(queryset=Applicant.objects.none(), label="Applicant")

    class Meta:
        model = Bid
        fields = BID_FIELDS
        labels = {
            "project_title": "Project title",
            "amount_requested": "Amount requested (£)",
            "term_months": "Term in months",
            "proposed_start": "Proposed start date",
            "need": "The need",
            "means": "How the project will meet the need",
            "evaluation_plan": "How you will evaluate it",
            "match_funding_amount": "Match funding (£)",
            "match_funding_source": "Where the match funding comes from",
        }
        help_texts = {
            "need": "The evidence of the problem in the area: figures, who is affected.",
            "summary": "One or two sentences about the project.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "need": forms.Textarea(attrs={"rows": 6}),
            "means": forms.Textarea(attrs={"rows": 6}),
            "evaluation_plan": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, fund, applicants=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority_areas"] = forms.MultipleChoiceField(
            label="Priority areas",
            help_text="Choose at least one of the fund's priority areas.",
            choices=[(value, value) for value in fund.priority_areas],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields["key_themes"] = forms.MultipleChoiceField(
            label="Key themes",
            help_text="Choose at least one of the fund's key themes.",
            choices=[(value, value) for value in fund.key_themes],
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )
        self.fields[
            "term_months"
        ].help_text = f"The fund's standard term is {fund.standard_term_months} months."
        self.fields[
            "amount_requested"
        ].help_text = f"Between £{fund.minimum_award:,.2f} and £{fund.maximum_award:,.2f}."
        for name in ("priority_areas", "key_themes"):
            self.fields[name].widget.attrs["class"] = "govuk-checkboxes__input"
        if applicants is None:
            del self.fields["applicant"]
        else:
            self.fields["applicant"].queryset = applicants
            self.order_fields(["applicant", *BID_FIELDS])
            if applicants.count() == 1:
                self.fields["applicant"].initial = applicants.get().pk


class BidSubmitForm(GovUKForm):
    term_justification = forms.CharField(
        label="Why the project needs a longer term than the fund's standard",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, long_term: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not long_term:
            del self.fields["term_justification"]


class BidNoteForm(GovUKForm):
    """A stage move or a withdrawal: an optional note, recorded in the bid's history."""

    note = forms.CharField(
        label="Note (shown in the bid's history)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class EligibilityForm(GovUKForm):
    """One answer and reason per rule of the fund: fields result_<rule pk> and reason_<pk>.
    `lines` are funding.bids.ChecklistLine."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = lines
        for line in lines:
            pk = line.rule.pk
            self.fields[f"result_{pk}"] = forms.ChoiceField(
                label=line.rule.wording,
                choices=CheckResult.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=line.check.result if line.check else None,
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label="Reason",
                help_text="Needed if not met; the applicant sees it.",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=line.check.reason if line.check else "",
            )

    def rows(self):
        """(line, result field, reason field) for the template's fieldsets."""
        return [
            (line, self[f"result_{line.rule.pk}"], self[f"reason_{line.rule.pk}"])
            for line in self.lines
        ]

    def answers(self) -> dict[int, tuple[str, str]]:
        """Only the rules answered; a rule left blank stays unanswered."""
        answers = {}
        for line in self.lines:
            result = self.cleaned_data.get(f"result_{line.rule.pk}")
            if result:
                answers[line.rule.pk] = (result, self.cleaned_data[f"reason_{line.rule.pk}"])
        return answers


class BidDocumentForm(GovUKForm):
    kind = forms.ChoiceField(label="What it is", choices=DocumentKind.choices)
    title = forms.CharField(label="Title", max_length=200, required=False)
    file = forms.FileField(
        label="File",
        help_text="PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, at most 10 MB.",
    )
