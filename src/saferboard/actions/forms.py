"""Forms for the action log; every choice is limited to the user's partnership."""

from django import forms

from saferboard.actions.models import Action, ActionStatus
from saferboard.actions.owners import owners_to_confirm
from saferboard.actions.selectors import NO_ORGANISATION, OUTSTANDING
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
            to_confirm = owners_to_confirm(action=self.instance)
            if to_confirm:
                described = "; ".join(token.describe() for token in to_confirm)
                self.fields["people"].help_text = (
                    f"Owner to confirm from the minutes: {described}. Choosing the owners "
                    "settles it."
                )

    def owners(self) -> list:
        return [owner for name in OWNER_CHOICES for owner in self.cleaned_data.get(name, [])]


class ActionFilterForm(GovUKForm):
    """The log's filters, sent in the address (GET) so a filtered log can be shared."""

    organisation = forms.ChoiceField(required=False, label="Owner organisation")
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Owner (person)",
        empty_label="Anyone",
    )
    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        empty_label="Any body",
        help_text="The body whose meeting raised it, or that owns it.",
    )
    status = forms.ChoiceField(
        choices=[
            ("", "Any status"),
            (OUTSTANDING, "Not closed (open, in progress or carried forward)"),
            *ActionStatus.choices,
        ],
        required=False,
    )
    due_from = GovUKDateField(required=False, label="Due on or after")
    due_to = GovUKDateField(required=False, label="Due on or before")
    closed_from = GovUKDateField(required=False, label="Closed on or after")
    due_soon = forms.BooleanField(required=False, label="Due in the next 7 days")
    overdue = forms.BooleanField(required=False, label="Overdue only")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.filter(partnership=partnership).order_by("name")
        self.fields["organisation"].choices = [
            ("", "Any organisation"),
            *((str(pk), name) for pk, name in organisations.values_list("pk", "name")),
            (NO_ORGANISATION, "Other owners (bodies, and people with no organisation)"),
        ]
        self.fields["person"].queryset = Person.objects.filter(partnership=partnership)
        self.fields["body"].queryset = Body.objects.filter(partnership=partnership)

    def clean_organisation(self) -> int | str | None:
        value = self.cleaned_data["organisation"]
        if value == NO_ORGANISATION:
            return value
        return int(value) if value else None

    def clean(self):
        cleaned = super().clean()
        due_from, due_to = cleaned.get("due_from"), cleaned.get("due_to")
        if due_from and due_to and due_from > due_to:
            self.add_error("due_to", "The “due on or before” date must be after “due on or after”")
        return cleaned

    def filters(self) -> dict:
        """The valid filters as selectors.action_filter's arguments; invalid ones are left out
        (the page shows their errors) so the rest still apply."""
        if not self.is_bound:
            return {}
        self.is_valid()
        values = {name: self.cleaned_data.get(name) for name in self.fields}
        values["status"] = values["status"] or ""
        values["due_soon"] = bool(values["due_soon"])
        values["overdue"] = True if values["overdue"] else None
        return {name: value for name, value in values.items() if name in self.cleaned_data}


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
