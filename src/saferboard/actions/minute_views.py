"""Raising an action from the page where the clerk minutes one item.

The "Add an action" form sits on the minute page (meetings:minutes-item) and
posts here. A valid action is saved and the clerk goes back to the page's
actions, told who the written owners were taken to be and which are still to
confirm; an invalid one shows the minute page again with the errors, saving nothing.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html

from saferboard.actions.minute_forms import MinuteActionForm
from saferboard.actions.owners import OwnerMatch, owner_pool
from saferboard.actions.services import action_create_from_minute
from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.minutes_views import ItemMinute


class MinuteActionAdd(ItemMinute):
    """POST only (a visit goes back to the minute page); managers and clerks, as the page."""

    def minute_url(self) -> str:
        kwargs = {"partnership": self.partnership.slug, "pk": self.item.pk}
        return reverse("meetings:minutes-item", kwargs=kwargs) + "#actions"

    def get(self, request, *args, **kwargs):
        return redirect(self.minute_url())

    def post(self, request, *args, **kwargs):
        pool = owner_pool(meeting=self.meeting)
        form = MinuteActionForm(request.POST, pool=pool)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    action, match = action_create_from_minute(
                        item=self.item,
                        by=request.user,
                        text=data["text"],
                        owners_written=data["owners_written"],
                        owners=form.chosen_owners(),
                        due_date=data["due_date"],
                        by_next_meeting=data["by_next_meeting"],
                    )
            except (BusinessRuleError, ValidationError) as error:
                name = getattr(error, "field", None)
                messages_ = error.messages if isinstance(error, ValidationError) else [str(error)]
                form.add_error(name if name in form.fields else None, " ".join(messages_))
            else:
                self.report(action, match)
                return redirect(self.minute_url())
        context = self.get_context_data(action_form=form, action_pool=pool, form=form)
        return self.render_to_response(context, status=400)

    def report(self, action, match: OwnerMatch) -> None:
        """Say who the owners were taken to be and, if any are still to confirm, who they
        could be, with a link to choose them."""
        named = "; ".join(token.describe() for token in match.resolved)
        reference = f"“{action.reference}” " if action.reference else ""
        success = f"Action {reference}added."
        if named:
            success += f" Owners: {named}."
        messages.success(self.request, success)
        if match.unresolved:
            edit = reverse(
                "actions:action-edit",
                kwargs={"partnership": self.partnership.slug, "pk": action.pk},
            )
            messages.warning(
                self.request,
                format_html(
                    'Owner to confirm: {}. <a class="govuk-notification-banner__link" '
                    'href="{}">Choose the owners of this action</a>.',
                    "; ".join(token.describe() for token in match.unresolved),
                    edit,
                ),
            )
