"""The outstanding-actions report for a meeting: what is still open from the body's earlier
meetings, and what has been closed since its last one.

The same rows feed the page, the PDF and the paper the pack builder puts on the
agenda's "Outstanding actions" item (registered in apps.py).
"""

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.template.loader import render_to_string

from saferboard.actions.models import CLOSED_STATUSES, Action, ActionOwner, ActionUpdate
from saferboard.actions.selectors import with_due_on
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.meetings.packs import html_to_pdf

REPORT_TITLE = "Outstanding actions"


def _day(date: datetime.date | None) -> str:
    return f"{date:%-d %B %Y}" if date else ""


def earlier_meetings(*, meeting: Meeting) -> QuerySet[Meeting]:
    """Meetings of any of `meeting`'s bodies held on an earlier date, cancelled ones left out."""
    return (
        Meeting.objects.filter(
            partnership=meeting.partnership_id,
            bodies__in=meeting.bodies.all(),
            date__lt=meeting.date,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .distinct()
    )


def previous_meeting(*, meeting: Meeting) -> Meeting | None:
    """The body's last meeting before `meeting` (not cancelled), or None for its first."""
    return earlier_meetings(meeting=meeting).order_by("-date", "-start_time").first()


def with_latest_update(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate the latest update's note and date, and prefetch the owners: a fixed
    number of queries however many actions there are."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-on", "-pk")
    owners = ActionOwner.objects.select_related(
        "person", "post__organisation", "organisation", "body"
    )
    return (
        with_due_on(queryset)
        .annotate(
            latest_note=Subquery(latest.values("note")[:1]),
            latest_on=Subquery(latest.values("on")[:1]),
        )
        .select_related("meeting", "agenda_item")
        .prefetch_related(Prefetch("owners", queryset=owners))
    )


@dataclass(frozen=True)
class ActionRow:
    """One action as the outstanding-actions report and matters arising show it."""

    number: int
    action: Action
    raised: str  # the meeting's date, or "Raised directly"
    reference: str
    text: str
    owners: str
    status: str
    note: str  # the latest update's note, or the closing note of a closed action
    note_on: datetime.date | None
    due: str
    overdue: bool

    @property
    def note_label(self) -> str:
        """The note with its date, e.g. "Report sent to partners (1 July 2025)"."""
        if not self.note:
            return ""
        return f"{self.note} ({_day(self.note_on)})" if self.note_on else self.note


def action_row(action: Action, *, number: int, today: datetime.date) -> ActionRow:
    """`action` (from with_latest_update) as a report row."""
    note, note_on = action.latest_note or "", action.latest_on
    if action.is_closed and action.closing_note:
        note, note_on = action.closing_note, action.closed_on
    owners = [action.owner_names()]
    if action.owners_to_confirm:
        owners.append(f"still to confirm: {action.owners_to_confirm}")
    return ActionRow(
        number=number,
        action=action,
        raised=_day(action.meeting.date) if action.meeting else "Raised directly",
        reference=action.reference,
        text=action.text,
        owners="; ".join(part for part in owners if part),
        status=action.get_status_display(),
        note=note,
        note_on=note_on,
        due=action.due_label(),
        overdue=action.is_overdue(today),
    )


def outstanding_actions_queryset(*, meeting: Meeting) -> QuerySet[Action]:
    """The actions the report lists for `meeting`, in its order (oldest meeting first).

    Raised at an earlier meeting of one of its bodies, or raised directly (no meeting)
    for one of its bodies as an owner on or before the meeting's date; and still open
    (open, in progress, carried forward) or closed since the body's previous meeting.
    """
    previous = previous_meeting(meeting=meeting)
    bodies = meeting.bodies.all()
    owned_by_body = ActionOwner.objects.filter(body__in=bodies).values("action_id")
    raised = Q(meeting__in=earlier_meetings(meeting=meeting)) | Q(
        meeting__isnull=True, pk__in=owned_by_body, created_at__date__lte=meeting.date
    )
    closed_since = Q(status__in=CLOSED_STATUSES)
    if previous is not None:
        closed_since &= Q(closed_on__gt=previous.date)
    shown = ~Q(status__in=CLOSED_STATUSES) | closed_since
    actions = Action.objects.filter(raised, shown, partnership=meeting.partnership_id)
    return with_latest_update(actions).order_by(
        F("meeting__date").asc(nulls_last=True),
        F("agenda_item__position").asc(nulls_last=True),
        "created_at",
        "pk",
    )


def outstanding_actions(*, meeting: Meeting, today: datetime.date | None = None) -> list[ActionRow]:
    """The outstanding-actions report for `meeting`, numbered 1..n; "overdue" as at `today`."""
    today = today or datetime.date.today()
    return [
        action_row(action, number=number, today=today)
        for number, action in enumerate(outstanding_actions_queryset(meeting=meeting), start=1)
    ]


def outstanding_actions_subtitle(*, meeting: Meeting) -> str:
    return f"{meeting.body_names() or meeting}, {meeting.date_label()}"


def outstanding_actions_pdf(*, meeting: Meeting, today: datetime.date | None = None) -> bytes:
    """The report as an A4 landscape PDF, the paper for the "Outstanding actions" item."""
    today = today or datetime.date.today()
    html = render_to_string(
        "actions/pdf/outstanding_actions.html",
        {
            "title": REPORT_TITLE,
            "subtitle": outstanding_actions_subtitle(meeting=meeting),
            "meeting": meeting,
            "previous": previous_meeting(meeting=meeting),
            "rows": outstanding_actions(meeting=meeting, today=today),
            "today": today,
        },
    )
    return html_to_pdf(html).write_pdf()


def outstanding_actions_file_name(*, meeting: Meeting) -> str:
    return f"outstanding-actions-{meeting.date:%Y-%m-%d}.pdf"


def outstanding_actions_paper(meeting: Meeting) -> GeneratedPaper:
    """The generated paper for the pack builder (meetings.generated_papers)."""
    return GeneratedPaper(
        title=REPORT_TITLE,
        file_name=outstanding_actions_file_name(meeting=meeting),
        pdf=outstanding_actions_pdf(meeting=meeting),
    )
