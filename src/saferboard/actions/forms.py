"""Forms for the action log; every choice is limited to the user's partnership."""

from django import forms

from saferboard.actions.models import Action, ActionStatus
from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.registry.forms import PartnershipScopedForm
from saferboard.registry.models import Body, Organisation, Person, Post

OWNER_CHOICES = {
    "people": Person,
    "posts": Post,
    "organisations": Organisation,
    "bodies": Body,
}


class ActionForm(PartnershipScopedForm):
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.all(), required=False, label="Owners: people"
    )
    posts = forms.ModelMultipleChoiceField(
        queryset=Post.objects.select_related("organisation"),
        required=False,
        label="Owners: posts",
        help_text="For example Community Safety Manager.",
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.all(), required=False, label="Owners: organisations"
    )
    bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.all(), required=False, label="Owners: bodies"
    )

    class Meta:
        model = Action
        fields = [
            "text",
            "agenda_item",
            "reference",
            "due_date",
            "by_next_meeting",
            "status",
            "closing_note",
            "closed_on",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "closing_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        item_field = self.fields["agenda_item"]
        item_field.queryset = item_field.queryset.select_related("meeting").order_by(
            "-meeting__date", "position"
        )
        item_field.label_from_instance = lambda item: f"{item.meeting}: {item}"
        if self.instance.pk:
            for name, model in OWNER_CHOICES.items():
                field_name = model.__name__.lower()
                self.fields[name].initial = [
                    getattr(owner, f"{field_name}_id")
                    for owner in self.instance.owners.all()
                    if getattr(owner, f"{field_name}_id")
                ]

    def owners(self) -> list:
        return [owner for name in OWNER_CHOICES for owner in self.cleaned_data.get(name, [])]


class ActionFilterForm(GovUKForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), required=False, label="Owner organisation"
    )
    body = forms.ModelChoiceField(queryset=Body.objects.none(), required=False)
    status = forms.ChoiceField(choices=[("", "Any status"), *ActionStatus.choices], required=False)
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(partnership=partnership)
        self.fields["body"].queryset = Body.objects.filter(partnership=partnership)


class ActionUpdateForm(GovUKForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    on = GovUKDateField(label="Date of the update")
    status = forms.ChoiceField(
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        help_text="Complete or obsolete closes the action: the note is its closing note.",
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Update",
        help_text="What has happened, and the evidence if it is done.",
    )
