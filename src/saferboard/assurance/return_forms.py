"""Forms for returns: inviting organisations, one section's answers, and evidence files."""

from django import forms

from saferboard.assurance.models import AssuranceReturn, Framework, Variant
from saferboard.core.forms import GovUKDateField, GovUKForm, GovUKModelForm
from saferboard.registry.models import Organisation


class InviteForm(GovUKForm):
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Organisations already invited to this framework are not listed.",
    )
    due_date = GovUKDateField(label="Due date", help_text="For example 31 10 2025.")
    variant = forms.ModelChoiceField(
        queryset=Variant.objects.none(),
        required=False,
        empty_label="The full framework",
        label="Which form of the framework",
    )
    contact_email = forms.EmailField(
        label="Contact e-mail",
        required=False,
        help_text="Who is reminded and sent the report. Leave empty for each organisation's "
        "contributors.",
    )

    def __init__(self, *args, framework: Framework, **kwargs):
        super().__init__(*args, **kwargs)
        invited = AssuranceReturn.objects.filter(framework=framework).values("organisation")
        self.fields["organisations"].queryset = (
            Organisation.objects.filter(partnership=framework.partnership)
            .exclude(pk__in=invited)
            .order_by("name")
        )
        variants = Variant.objects.filter(framework=framework)
        self.fields["variant"].queryset = variants
        if not variants.exists():
            del self.fields["variant"]


class ReturnEditForm(GovUKModelForm):
    class Meta:
        model = AssuranceReturn
        fields = ["due_date", "contact_email"]
        labels = {"contact_email": "Contact e-mail"}


class SectionAnswersForm(GovUKForm):
    """The answers to one section's standards: for each standard `level_<pk>`,
    `comment_<pk>`, `link_<pk>` and the hidden `version_<pk>` of the answer it was shown
    with. Nothing is required: an unfinished section can be saved and finished later."""

    def __init__(self, *args, standards, answers, **kwargs):
        self.standards = standards
        # Set before the form is built, so GovUKForm styles these fields like declared ones.
        self.base_fields = {}
        for standard in standards:
            self.base_fields |= self.standard_fields(standard, answers.get(standard.pk))
        super().__init__(*args, **kwargs)

    @staticmethod
    def standard_fields(standard, answer) -> dict:
        pk, number = standard.pk, standard.number
        link = forms.URLField(
            label=f"Link to evidence for standard {number}",
            required=False,
            max_length=500,
            assume_scheme="https",
            help_text="A web address where the partnership can see it, if there is one.",
            initial=answer.evidence_link if answer else "",
        )
        link.error_messages["invalid"] = (
            f"Enter the link to evidence for standard {number} as a web address, "
            "like https://example.org/policy.pdf"
        )
        return {
            f"level_{pk}": forms.ModelChoiceField(
                queryset=standard.scale.levels.all(),
                widget=forms.RadioSelect,
                required=False,
                empty_label=None,
                label=f"Rating for standard {number}",
                initial=answer.level_id if answer else None,
            ),
            f"comment_{pk}": forms.CharField(
                label=f"How you meet standard {number}, or why not",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=answer.comment if answer else "",
            ),
            f"link_{pk}": link,
            f"version_{pk}": forms.IntegerField(
                widget=forms.HiddenInput,
                required=False,
                initial=answer.version if answer else None,
            ),
        }

    def blocks(self):
        """Per standard, its bound fields, for the template."""
        return [
            {
                "standard": standard,
                "level": self[f"level_{standard.pk}"],
                "comment": self[f"comment_{standard.pk}"],
                "link": self[f"link_{standard.pk}"],
                "version": self[f"version_{standard.pk}"],
            }
            for standard in self.standards
        ]

    def answers(self) -> list[dict]:
        """The keyword arguments of returns.answer_save for each standard."""
        return [
            {
                "standard": standard,
                "level": self.cleaned_data[f"level_{standard.pk}"],
                "comment": self.cleaned_data[f"comment_{standard.pk}"],
                "evidence_link": self.cleaned_data[f"link_{standard.pk}"],
                "version": self.cleaned_data[f"version_{standard.pk}"],
            }
            for standard in self.standards
        ]


class EvidenceForm(GovUKForm):
    title = forms.CharField(
        max_length=200, required=False, help_text="For example Safeguarding policy 2025."
    )
    file = forms.FileField(
        label="File", help_text="PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to 10 MB."
    )
