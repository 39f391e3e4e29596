"""The "Actions from this minute" section of the page where the clerk minutes one item:
its "Add an action" form and what the section shows."""

from django import forms

from saferboard.actions.owners import OwnerPool, owner_pool, owners_to_confirm
from saferboard.actions.selectors import action_list
from saferboard.core.forms import GovUKDateField, GovUKForm
from saferboard.meetings.models import AgendaItem
from saferboard.registry.models import Organisation, Person


class MinuteActionForm(GovUKForm):
    """An action raised in the minute: owners typed as the minutes write them, or chosen."""

    prefix = "action"

    text = forms.CharField(
        label="Action",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What was agreed, for example: Circulate the hate crime figures to partners.",
    )
    owners_written = forms.CharField(
        label="Owners",
        max_length=200,
        help_text="Initials or names as the minutes write them, separated by / or commas, "
        "for example CK/EM or CK, EM & MPS.",
    )
    people = forms.ModelMultipleChoiceField(
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="People",
    )
    organisations = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Organisations",
    )
    due_date = GovUKDateField(required=False, label="Due date", help_text="For example 27 3 2026.")
    by_next_meeting = forms.BooleanField(required=False, label="Due by the next meeting")

    def __init__(self, *args, pool: OwnerPool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = Person.objects.filter(
            pk__in=[person.pk for person in pool.people]
        ).order_by("family_name", "given_name")
        self.fields["people"].label_from_instance = lambda p: f"{p} ({p.initials})"
        self.fields["organisations"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in pool.organisations]
        ).order_by("name")
        written = self.fields["owners_written"]
        if pool.people:
            written.help_text += f" At this meeting: {pool.hint()}."
        written.error_messages["required"] = (
            "Enter the owners, for example CK/EM, or choose them from the lists"
        )
        # Owners chosen from the lists need no typed owners.
        if self.is_bound and any(
            self.data.getlist(self.add_prefix(name)) for name in ("people", "organisations")
        ):
            written.required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("due_date") and cleaned.get("by_next_meeting"):
            self.add_error(
                "due_date", "Give a due date or tick “due by the next meeting”, not both"
            )
        return cleaned

    def chosen_owners(self) -> list:
        return [*self.cleaned_data.get("people", []), *self.cleaned_data.get("organisations", [])]


def minute_actions_context(
    *, item: AgendaItem, pool: OwnerPool | None = None, form: MinuteActionForm | None = None
) -> dict:
    """What the minute page's "Actions from this minute" section shows: the item's actions,
    each with its owners still to confirm described, and the "Add an action" form."""
    pool = pool if pool is not None else owner_pool(meeting=item.meeting)
    actions = list(action_list(partnership=item.partnership).filter(agenda_item=item))
    for action in actions:
        action.to_confirm = owners_to_confirm(action=action, pool=pool)
    return {
        "item_actions": actions,
        "action_form": form if form is not None else MinuteActionForm(pool=pool),
    }
