"""The assessor's form: a conflict of interest, or a score and comment per criterion of the
fund, a recommendation and comments. The rules (what must be given when) are
funding.assessment's; the form only collects."""

from django import forms

from saferboard.core.forms import GovUKForm
from saferboard.funding.models import Assessment, Criterion, Recommendation

YES_NO = [("no", "No"), ("yes", "Yes")]


class AssessmentForm(GovUKForm):
    """The fixed part of the form; `assessment_form` adds the fund's criteria."""

    conflict_of_interest = forms.ChoiceField(
        label="Do you have a conflict of interest in this bid?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        help_text="For example you are a trustee, employee or close relative of someone at "
        "the applicant. If you do, describe it and score nothing.",
    )
    conflict_details = forms.CharField(
        label="Describe the conflict of interest",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    criteria: list[Criterion] = []

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "conflict_of_interest": data["conflict_of_interest"] == "yes",
            "conflict_details": data.get("conflict_details", ""),
            "scores": {
                c.pk: (data.get(f"score_{c.pk}"), data.get(f"comment_{c.pk}", ""))
                for c in self.criteria
            },
            "recommendation": data.get("recommendation", ""),
            "comments": data.get("comments", ""),
            "expected_version": data.get("version"),
        }


def assessment_form(
    *, criteria: list[Criterion], assessment: Assessment | None, data=None
) -> AssessmentForm:
    """The form for `criteria`, filled from `assessment` (the assessor's earlier one) or
    bound to `data`. With a conflict declared, scores and the recommendation are not asked."""
    conflicted = bool(data) and data.get("conflict_of_interest") == "yes"
    fields: dict = {"criteria": criteria}
    initial: dict = {}
    scores = {s.criterion_id: s for s in assessment.scores.all()} if assessment else {}
    for criterion in criteria:
        hint = f"From 0 to {criterion.maximum_score}; weight {criterion.weight:g}."
        if criterion.description:
            hint = f"{criterion.description} {hint}"
        score_field = forms.IntegerField(
            label=f"{criterion.title}: score",
            help_text=hint,
            required=not conflicted,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
        )
        fields[f"score_{criterion.pk}"] = score_field
        fields[f"comment_{criterion.pk}"] = forms.CharField(
            label=f"{criterion.title}: comment",
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        if criterion.pk in scores:
            initial[f"score_{criterion.pk}"] = scores[criterion.pk].score
            initial[f"comment_{criterion.pk}"] = scores[criterion.pk].comment
    fields["recommendation"] = forms.ChoiceField(
        label="Your recommendation",
        choices=Recommendation.choices,
        required=not conflicted,
        widget=forms.RadioSelect,
        help_text="Leave this if you have a conflict of interest.",
    )
    fields["comments"] = forms.CharField(
        label="Comments for the deciding meeting",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    if assessment is not None:
        initial.update(
            conflict_of_interest="yes" if assessment.conflict_of_interest else "no",
            conflict_details=assessment.conflict_details,
            recommendation=assessment.recommendation,
            comments=assessment.comments,
            version=assessment.version,
        )
    form_class = type("CriteriaAssessmentForm", (AssessmentForm,), fields)
    form = form_class(data=data, initial=initial)
    for criterion in criteria:
        field = form.fields[f"score_{criterion.pk}"]
        field.error_messages["required"] = f"Enter the score for {criterion.title}"
        field.error_messages["invalid"] = (
            f"Enter the score for {criterion.title} as a whole number, like 3"
        )
    return form
