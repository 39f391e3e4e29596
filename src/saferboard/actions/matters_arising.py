"""Matters arising: a draft minute for the "Matters arising" item, listing each action from
the body's previous meeting with its latest status, which the clerk edits and saves.

The minute is written through meetings.minutes.minutes_item_save, so the minutes'
rules (when minutes can be written, the version check) apply unchanged.
"""

from django.db import transaction

from saferboard.actions.models import Action
from saferboard.actions.outstanding import (
    ActionRow,
    action_row,
    previous_meeting,
    with_latest_update,
)
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.meetings.minutes import ResolutionEntry, minutes_item_save
from saferboard.meetings.models import AgendaItem, Meeting, StandingKind

NO_ACTIONS = "No actions were recorded at the previous meeting."


def matters_arising_item(*, meeting: Meeting) -> AgendaItem | None:
    """The meeting's "Matters arising" item (the first, if the agenda has several)."""
    return (
        meeting.items.filter(standing_kind=StandingKind.MATTERS_ARISING)
        .select_related("meeting")
        .order_by("position", "pk")
        .first()
    )


def matters_arising_draft(*, meeting: Meeting) -> list[ActionRow]:
    """Each action raised at the body's previous meeting, with its latest status and note."""
    previous = previous_meeting(meeting=meeting)
    if previous is None:
        return []
    actions = with_latest_update(Action.objects.filter(meeting=previous)).order_by(
        "agenda_item__position", "created_at", "pk"
    )
    return [
        action_row(action, number=number, today=meeting.date)
        for number, action in enumerate(actions, start=1)
    ]


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else f"{text}."


def matters_arising_text(rows: list[ActionRow]) -> str:
    """The draft as plain text, one paragraph per action, e.g.

    "04.12.20 Item 11: Circulate the figures to partners. Owner: Metropolitan Police
    Service. Status: in progress. Latest update (1 July 2025): Sent to partners."
    """
    if not rows:
        return NO_ACTIONS
    paragraphs = []
    for row in rows:
        parts = [f"{row.reference}: " if row.reference else "", _sentence(row.text)]
        if row.owners:
            parts.append(f" Owner: {_sentence(row.owners)}")
        parts.append(f" Status: {row.status.lower()}.")
        if row.note:
            when = f" ({row.note_on:%-d %B %Y})" if row.note_on else ""
            parts.append(f" Latest update{when}: {_sentence(row.note)}")
        paragraphs.append("".join(parts))
    return "\n\n".join(paragraphs)


@transaction.atomic
def matters_arising_save(
    *, meeting: Meeting, text: str, expected_version: int | None, by: User | None
) -> AgendaItem:
    """Write `text` as the minute of the meeting's "Matters arising" item, keeping the
    item's resolutions, deferral and links to earlier minutes as they are."""
    item = matters_arising_item(meeting=meeting)
    if item is None:
        raise BusinessRuleError(
            f"The agenda of {meeting} has no “Matters arising” item, so there is nowhere to "
            "write this minute. Add the standing item to the agenda first."
        )
    kept = [
        ResolutionEntry(
            kind=resolution.kind,
            text=resolution.text,
            delegated_to=resolution.delegated_to,
            votes_for=resolution.votes_for,
            votes_against=resolution.votes_against,
            abstentions=resolution.abstentions,
            existing=resolution,
            expected_version=resolution.version,
        )
        for resolution in item.resolutions.order_by("position", "pk")
    ]
    return minutes_item_save(
        item=item,
        minute_text=text.strip(),
        is_deferred=item.is_deferred,
        resolutions=kept,
        matters_arising_from=list(item.matters_arising_from.all()),
        expected_version=expected_version,
        by=by,
    )
