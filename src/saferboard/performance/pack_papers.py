"""Putting a performance report into a meeting's pack: the clerk or manager chooses an
agenda item of an upcoming meeting, and the report's PDF becomes a paper of that item.

Putting the same report on the same item again replaces the paper made last time (the
report's file name says which report it is), so the pack never holds two copies. After
the main pack is published it is a late paper, like any other replacement.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import MEETING_EDITORS
from saferboard.core.services import record_update
from saferboard.meetings import papers as papers_service
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.models import AgendaItem, MeetingStatus, Paper

# Who may put a report into a pack: those who build the packs.
PACK_EDITORS = MEETING_EDITORS


def pack_items(*, partnership: Partnership, today: datetime.date) -> QuerySet[AgendaItem]:
    """Items a report may go on: those of the partnership's meetings from today on (not
    cancelled), in meeting then agenda order. Standing items (apologies, minutes,
    outstanding actions and so on) are left out: their papers are their own."""
    return (
        AgendaItem.objects.filter(partnership=partnership, meeting__date__gte=today)
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .filter(standing_kind="")
        .select_related("meeting", "section")
        .prefetch_related("meeting__bodies")
        .order_by(
            "meeting__date",
            "meeting__start_time",
            "meeting_id",
            F("section__position").asc(nulls_first=True),
            "section_id",
            "position",
            "pk",
        )
    )


@dataclass(frozen=True)
class MeetingChoice:
    """One upcoming meeting and the items a report may go on, for the form's list."""

    meeting: object
    items: list


def pack_item_choices(*, partnership: Partnership, today: datetime.date) -> list[MeetingChoice]:
    choices: list[MeetingChoice] = []
    for item in pack_items(partnership=partnership, today=today):
        if not choices or choices[-1].meeting.pk != item.meeting_id:
            choices.append(MeetingChoice(meeting=item.meeting, items=[]))
        choices[-1].items.append(item)
    return choices


def pack_item_get(*, partnership: Partnership, pk) -> AgendaItem:
    """An agenda item of the partnership (404 for anyone else's, or for nonsense)."""
    queryset = AgendaItem.objects.filter(partnership=partnership).select_related("meeting")
    return get_object_or_404(queryset, pk=pk if str(pk).isdigit() else None)


@transaction.atomic
def report_put_in_pack(
    *, item: AgendaItem, paper: GeneratedPaper, by: User | None, today: datetime.date
) -> Paper:
    """Attach a report's PDF to `item` as a paper, or replace the copy put there before."""
    meeting = item.meeting
    if meeting.status == MeetingStatus.CANCELLED or meeting.date < today:
        raise BusinessRuleError(
            f"{meeting} is not an upcoming meeting, so a report cannot go in its pack. "
            "Choose an item of a meeting still to come.",
            field="item",
        )
    if item.standing_kind:
        raise BusinessRuleError(
            f"Item {item} is a standing item with papers of its own. Choose another item.",
            field="item",
        )
    earlier = item.papers.filter(generated=True, original_name=paper.file_name).first()
    if earlier is None:
        return papers_service.paper_add(
            item=item,
            name=paper.file_name,
            data=paper.pdf,
            title=paper.title,
            by=by,
            generated=True,
        )
    replaced = papers_service.paper_replace(
        paper=earlier, name=paper.file_name, data=paper.pdf, by=by, expected_version=None
    )
    if replaced.title != paper.title:
        replaced = record_update(instance=replaced, by=by, expected_version=None, title=paper.title)
    return replaced
