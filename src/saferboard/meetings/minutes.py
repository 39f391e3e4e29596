"""Minutes: numbering, writing an item's minute and resolutions, approval, the minutes PDF.

Minute numbers run on across a body's meetings with the body's prefix (HSP16,
HSP17 …). Minutes are approved "as a correct record" at the body's next
meeting, at its "Minutes of the previous meeting" item, and signed by its chair.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.meetings import services
from saferboard.meetings.minutes_document import (  # noqa: F401 - public pages read them here
    ItemMinutes,
    meeting_decisions,
    meeting_minutes,
    minutes_pdf,
    part_label,
)
from saferboard.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Resolution,
    ResolutionKind,
    StandingKind,
)
from saferboard.meetings.selectors import (
    ItemVoters,
    item_voters,
    meeting_agenda,
    meeting_bodies,
)
from saferboard.registry.models import Body, Person

S = MeetingStatus
# Minutes can be written from the moment the meeting has been held until they are approved.
WRITABLE = frozenset({S.HELD, S.DRAFT_MINUTES})
TRAILING_NUMBER = re.compile(r"(\d+)\s*$")


def _number_of(minute_number: str) -> int:
    found = TRAILING_NUMBER.search(minute_number)
    return int(found[1]) if found else 0


def _day(date: datetime.date) -> str:
    return f"{date:%-d %B %Y}"


# --- numbering ---------------------------------------------------------------------


def minutes_body(*, meeting: Meeting) -> Body | None:
    """The body whose numbering the minutes follow: the meeting's first body by name."""
    bodies = meeting_bodies(meeting=meeting)
    return bodies[0] if bodies else None


def minutes_prefix(*, meeting: Meeting) -> str:
    """The body's minute number prefix, else the partnership's, else none."""
    body = minutes_body(meeting=meeting)
    if body is not None and body.minute_number_prefix:
        return body.minute_number_prefix
    return meeting.partnership.minute_number_prefix


def _body_meetings(*, meeting: Meeting) -> QuerySet[Meeting]:
    body = minutes_body(meeting=meeting)
    return (
        Meeting.objects.filter(partnership=meeting.partnership, bodies=body)
        .exclude(pk=meeting.pk)
        .exclude(status=S.CANCELLED)
    )


def _before(meeting: Meeting) -> Q:
    return Q(date__lt=meeting.date) | Q(date=meeting.date, start_time__lt=meeting.start_time)


def minutes_earlier_items(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """Numbered minutes of the body's earlier meetings, newest first: what matters arise from."""
    earlier = _body_meetings(meeting=meeting).filter(_before(meeting))
    return (
        AgendaItem.objects.filter(partnership=meeting.partnership, meeting__in=earlier)
        .exclude(minute_number="")
        .select_related("meeting")
        .order_by("-meeting__date", "-meeting__start_time", "-position", "-pk")
    )


@transaction.atomic
def minutes_number(*, meeting: Meeting, by: User | None) -> list[AgendaItem]:
    """Give the meeting's items minute numbers in agenda order, running on from the
    highest number in the body's earlier minutes (HSP15 -> HSP16, HSP17 …)."""
    if meeting.status == S.MINUTES_APPROVED:
        raise BusinessRuleError(
            f"The minutes of {meeting} have been approved as a correct record, "
            "so their numbers can no longer change."
        )
    if meeting.status == S.CANCELLED:
        raise BusinessRuleError(f"{meeting} was cancelled, so it has no minutes to number.")
    prefix = minutes_prefix(meeting=meeting)
    used = minutes_earlier_items(meeting=meeting).values_list("minute_number", flat=True)
    start = max((_number_of(number) for number in used), default=0) + 1
    items = list(meeting_agenda(meeting=meeting))
    if not items:
        return []
    last = start + len(items) - 1
    later = (
        AgendaItem.objects.filter(
            meeting__in=_body_meetings(meeting=meeting).exclude(_before(meeting))
        )
        .exclude(minute_number="")
        .values_list("minute_number", "meeting__date")
    )
    clash = min(((_number_of(n), d) for n, d in later), default=None)
    if clash is not None and clash[0] <= last:
        raise BusinessRuleError(
            f"Numbering these minutes {prefix}{start} to {prefix}{last} would clash with the "
            f"minutes of the meeting on {_day(clash[1])}, which are already numbered from "
            f"{prefix}{clash[0]}."
        )
    for offset, item in enumerate(items):
        number = f"{prefix}{start + offset}"
        if item.minute_number != number:
            record_update(instance=item, by=by, expected_version=None, minute_number=number)
    return items


# --- writing an item's minute ----------------------------------------------------------


@dataclass(frozen=True)
class ResolutionEntry:
    """One part of what was resolved, as the clerk wrote it; `existing` when editing one."""

    kind: str
    text: str
    delegated_to: str = ""
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    existing: Resolution | None = None
    expected_version: int | None = None

    @property
    def votes_cast(self) -> int | None:
        votes = [v for v in (self.votes_for, self.votes_against, self.abstentions) if v is not None]
        return sum(votes) if votes else None


def minutes_writable_reason(*, meeting: Meeting) -> str:
    """Why the meeting's minutes cannot be written now, or "" if they can."""
    if meeting.status in WRITABLE:
        return ""
    if meeting.status == S.MINUTES_APPROVED:
        return (
            "These minutes have been approved as a correct record, so they can no longer "
            "be changed."
        )
    if meeting.status == S.CANCELLED:
        return "The meeting was cancelled, so it has no minutes."
    return (
        "Minutes can be written once the meeting has been held. Mark the meeting as held "
        "on its overview page first."
    )


def voters_reason(voters: ItemVoters) -> str:
    """Why `voters.count` members may vote, in words: who was present and who is excluded."""
    present = voters.count + len(voters.excluded)
    if not present:
        return "no voting members are recorded as present (record the attendance first)"
    reason = f"{present} voting member{'s' if present != 1 else ''} present"
    if voters.excluded:
        names = ", ".join(
            f"{d.membership.person or 'a member'} ({d.get_interest_type_display().lower()} "
            "interest)"
            for d in voters.excluded
        )
        reason += f", less {names}"
    return reason


def _check_entries(*, item: AgendaItem, entries: list[ResolutionEntry]) -> None:
    voters = None
    for index, entry in enumerate(entries):
        where = f"Resolution {part_label(index)} on “{item.title}”"
        if entry.existing is not None and entry.existing.item_id != item.pk:
            raise BusinessRuleError(f"{where} belongs to another item.")
        candidate = Resolution(
            partnership=item.partnership,
            item=item,
            position=index,
            kind=entry.kind,
            text=entry.text,
            delegated_to=entry.delegated_to,
            votes_for=entry.votes_for,
            votes_against=entry.votes_against,
            abstentions=entry.abstentions,
        )
        try:
            candidate.full_clean()
        except ValidationError as error:
            raise BusinessRuleError(f"{where}: {' '.join(error.messages)}") from error
        cast = entry.votes_cast
        if cast is None:
            continue
        voters = voters or item_voters(item=item)
        if cast > voters.count:
            raise BusinessRuleError(
                f"{where} records {cast} vote{'s' if cast != 1 else ''} (for, against and "
                f"abstentions together), but only {voters.count} "
                f"member{'s' if voters.count != 1 else ''} may vote on this item: "
                f"{voters_reason(voters)}."
            )


@transaction.atomic
def minutes_item_save(
    *,
    item: AgendaItem,
    minute_text: str,
    is_deferred: bool,
    resolutions: list[ResolutionEntry],
    matters_arising_from: list[AgendaItem],
    expected_version: int | None,
    by: User | None,
) -> AgendaItem:
    """Save an item's minute, deferral, matters arising and whole list of resolutions.

    `resolutions` is the complete new list in order; existing ones left out are removed.
    Everything is checked before anything is written, so a bad part saves nothing.
    """
    reason = minutes_writable_reason(meeting=item.meeting)
    if reason:
        raise BusinessRuleError(reason)
    _check_entries(item=item, entries=resolutions)
    allowed = set(minutes_earlier_items(meeting=item.meeting).values_list("pk", flat=True))
    for earlier in matters_arising_from:
        if earlier.pk not in allowed:
            raise BusinessRuleError(
                f"Minute {earlier.minute_number or earlier} is not in the earlier minutes of "
                "this body, so matters cannot arise from it here.",
                field="matters_arising",
            )
    item = record_update(
        instance=item,
        by=by,
        expected_version=expected_version,
        minute_text=minute_text,
        is_deferred=is_deferred,
    )
    item.matters_arising_from.set(matters_arising_from)
    kept = {entry.existing.pk for entry in resolutions if entry.existing is not None}
    for gone in item.resolutions.exclude(pk__in=kept):
        if by is not None:
            gone._history_user = by
        gone.delete()
    for index, entry in enumerate(resolutions):
        values = {
            "position": index,
            "kind": entry.kind,
            "text": entry.text,
            "delegated_to": entry.delegated_to,
            "votes_for": entry.votes_for,
            "votes_against": entry.votes_against,
            "abstentions": entry.abstentions,
        }
        if entry.existing is None:
            record_create(
                model=Resolution, partnership=item.partnership, by=by, item=item, **values
            )
        elif any(getattr(entry.existing, name) != value for name, value in values.items()):
            record_update(
                instance=entry.existing, by=by, expected_version=entry.expected_version, **values
            )
    return item


# --- approval at the next meeting -------------------------------------------------------


def minutes_approval_candidates(*, at_meeting: Meeting) -> list[Meeting]:
    """Earlier meetings of the body whose draft minutes await approval, newest first."""
    return list(
        _body_meetings(meeting=at_meeting)
        .filter(_before(at_meeting), status=S.DRAFT_MINUTES)
        .order_by("-date", "-start_time")
    )


def minutes_previous_meeting(*, at_meeting: Meeting) -> Meeting | None:
    """The body's meeting just before `at_meeting` (not cancelled)."""
    return (
        _body_meetings(meeting=at_meeting)
        .filter(_before(at_meeting))
        .order_by("-date", "-start_time")
        .first()
    )


def approval_resolution_text(*, meeting: Meeting) -> str:
    held = _day(meeting.date)
    return f"That the minutes of the meeting held on {held} be approved as a correct record."


@transaction.atomic
def minutes_approve(
    *,
    meeting: Meeting,
    at_meeting: Meeting,
    signed_by: Person,
    signed_on: datetime.date,
    by: User | None,
) -> Meeting:
    """Record that `at_meeting` approved the minutes of `meeting` as a correct record,
    signed by `signed_by` on `signed_on`, and move `meeting` to "minutes approved"."""
    if meeting.partnership_id != at_meeting.partnership_id:
        raise BusinessRuleError(
            "Minutes can only be approved at a meeting of the same partnership."
        )
    if meeting.status != S.DRAFT_MINUTES:
        if meeting.status == S.MINUTES_APPROVED:
            raise BusinessRuleError(f"The minutes of {meeting} have already been approved.")
        raise BusinessRuleError(
            f"The minutes of {meeting} cannot be approved: the meeting is "
            f"“{meeting.get_status_display()}”, and only draft minutes can be approved. "
            "Start its draft minutes first."
        )
    earlier = _body_meetings(meeting=at_meeting).filter(_before(at_meeting))
    if not earlier.filter(pk=meeting.pk).exists():
        raise BusinessRuleError(
            f"The minutes of {meeting} can only be approved at a later meeting of the same body."
        )
    if at_meeting.status not in (S.HELD, S.DRAFT_MINUTES):
        raise BusinessRuleError(
            f"Minutes are approved at a meeting that has been held: {at_meeting} is "
            f"“{at_meeting.get_status_display()}”."
        )
    item = at_meeting.items.filter(standing_kind=StandingKind.PREVIOUS_MINUTES).first()
    if item is None:
        raise BusinessRuleError(
            f"{at_meeting} has no “Minutes of the previous meeting” item on its agenda: "
            "add one, then record the approval there."
        )
    if signed_by.partnership_id != meeting.partnership_id:
        raise BusinessRuleError("Choose the chair who signed from this partnership's people.")
    if signed_on < at_meeting.date:
        raise BusinessRuleError(
            f"The minutes cannot have been signed before the meeting that approved them "
            f"({_day(at_meeting.date)}).",
            field="signed_on",
        )
    # The signature first, so anything that follows the move (notifications) can read it.
    meeting = record_update(
        instance=meeting,
        by=by,
        expected_version=None,
        minutes_approved_at=at_meeting,
        minutes_signed_by=signed_by,
        minutes_signed_on=signed_on,
    )
    meeting = services.meeting_transition(
        meeting=meeting, to=S.MINUTES_APPROVED, by=by, expected_version=None
    )
    text = approval_resolution_text(meeting=meeting)
    if not item.resolutions.filter(text=text).exists():
        record_create(
            model=Resolution,
            partnership=item.partnership,
            by=by,
            item=item,
            position=item.resolutions.count(),
            kind=ResolutionKind.APPROVED,
            text=text,
        )
    return meeting
