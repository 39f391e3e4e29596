"""What anonymous visitors may read about a partnership's meetings: the one gate for public pages,
the iCalendar feed and anything else published.

A partnership's meetings are public only if it publishes public pages. A meeting's agenda is
public once published (a cancelled meeting's only if it was published before it was cancelled);
its minutes and decisions once the draft minutes exist. Items that are exempt or
OFFICIAL-SENSITIVE (`AgendaItem.is_public` False) are shown as a bare line naming the Schedule
12A paragraph: never their title, purpose, papers, minutes or decisions.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from saferboard.core.models import Partnership
from saferboard.meetings.minutes import meeting_decisions
from saferboard.meetings.models import (
    AgendaItem,
    Meeting,
    MeetingStatus,
    Pack,
    PackKind,
    Paper,
    Resolution,
    SecurityMarking,
)
from saferboard.meetings.selectors import meeting_agenda
from saferboard.registry.models import Body

S = MeetingStatus
# Statuses whose agenda anyone may read; a draft meeting is not public at all.
AGENDA_PUBLIC_STATUSES = frozenset(
    {S.AGENDA_PUBLISHED, S.HELD, S.DRAFT_MINUTES, S.MINUTES_APPROVED}
)
# Statuses whose minutes and decisions are public ("draft" until approved).
MINUTES_PUBLIC_STATUSES = frozenset({S.DRAFT_MINUTES, S.MINUTES_APPROVED})
# Listed on public calendars: published meetings, and cancelled ones shown as cancelled.
LISTED_STATUSES = AGENDA_PUBLIC_STATUSES | {S.CANCELLED}
# The only items whose words and papers may be published.
PUBLIC_ITEM = Q(is_exempt=False, security_marking=SecurityMarking.OFFICIAL)


def public_partnership_get(*, slug: str) -> Partnership:
    """The partnership `slug` if it publishes public pages; 404 otherwise, for everything."""
    found = Partnership.objects.filter(slug=slug, publishes_public_pages=True).first()
    if found is None:
        raise Http404("No such partnership")
    return found


def public_body_list(*, partnership: Partnership) -> QuerySet[Body]:
    """The bodies whose meetings are published. Case panels (MARAC, Channel) never are."""
    return Body.objects.filter(partnership=partnership, is_case_panel=False).order_by("name")


def public_body_get(*, partnership: Partnership, pk: int) -> Body:
    return get_object_or_404(public_body_list(partnership=partnership), pk=pk)


def public_meeting_list(*, partnership: Partnership) -> QuerySet[Meeting]:
    """Meetings anyone may see listed: not drafts, and not meetings of case panels only."""
    return (
        Meeting.objects.filter(partnership=partnership, status__in=LISTED_STATUSES)
        .filter(bodies__in=public_body_list(partnership=partnership))
        .distinct()
        .prefetch_related(Prefetch("bodies", queryset=Body.objects.order_by("name")))
    )


def public_meeting_get(*, partnership: Partnership, pk: int) -> Meeting:
    return get_object_or_404(public_meeting_list(partnership=partnership), pk=pk)


def agenda_is_public(meeting: Meeting) -> bool:
    if meeting.status == S.CANCELLED:
        return meeting.agenda_published_at is not None
    return meeting.status in AGENDA_PUBLIC_STATUSES


def minutes_are_public(meeting: Meeting) -> bool:
    return meeting.status in MINUTES_PUBLIC_STATUSES


@dataclass(frozen=True)
class BodyMeetings:
    upcoming: list[Meeting]  # soonest first
    past: list[Meeting]  # most recent first


def public_body_meetings(*, body: Body, today: datetime.date) -> BodyMeetings:
    meetings = list(
        public_meeting_list(partnership=body.partnership)
        .filter(bodies=body)
        .order_by("date", "start_time")
    )
    return BodyMeetings(
        upcoming=[m for m in meetings if m.date >= today],
        past=[m for m in reversed(meetings) if m.date < today],
    )


def file_label(*, file_format: str, size: int) -> str:
    """Format and size as committee sites print them: "PDF 153 KB", "PDF 1.2 MB"."""
    if size >= 1024 * 1024:
        amount = f"{size / (1024 * 1024):.1f} MB"
    else:
        amount = f"{max(1, round(size / 1024))} KB"
    return f"{file_format.upper()} {amount}"


def paper_file_size(paper: Paper) -> int:
    try:
        return paper.pdf.size
    except (OSError, ValueError):
        return 0


def pack_file_size(pack: Pack) -> int:
    if pack.size:
        return pack.size
    try:
        return pack.file.size
    except (OSError, ValueError):
        return 0


@dataclass(frozen=True)
class PublicPaper:
    paper: Paper
    label: str  # "PDF 153 KB"


@dataclass(frozen=True)
class PublicItem:
    """One line of the public agenda. For a non-public item only `number` and
    `withheld` are set: nothing else about it leaves the selector."""

    number: int | None
    withheld: str = ""  # "Exempt item – not for publication (Schedule 12A paragraph 3)"
    item: AgendaItem | None = None
    papers: list[PublicPaper] = field(default_factory=list)
    decisions: list[tuple[str, Resolution]] = field(default_factory=list)  # ("(a)", resolution)


def withheld_label(item: AgendaItem) -> str:
    if item.is_exempt:
        return f"Exempt item – not for publication (Schedule 12A paragraph {item.exempt_paragraph})"
    return "Item not for publication"


def public_agenda(*, meeting: Meeting) -> list[PublicItem]:
    """The meeting's agenda as the public sees it, in agenda order (empty if not yet public).

    Decisions are included once the minutes are public.
    """
    if not agenda_is_public(meeting):
        return []
    decided = {}
    if minutes_are_public(meeting):
        decided = {
            minute.item.pk: minute.parts
            for minute in meeting_decisions(meeting=meeting, public=True)
        }
    items = meeting_agenda(meeting=meeting).prefetch_related(
        Prefetch("papers", queryset=Paper.objects.order_by("supplement", "position", "pk"))
    )
    agenda = []
    for item in items:
        if not item.is_public:
            agenda.append(PublicItem(number=item.number, withheld=withheld_label(item)))
            continue
        papers = [
            PublicPaper(
                paper=paper,
                label=file_label(file_format="PDF", size=paper_file_size(paper)),
            )
            for paper in item.papers.all()
        ]
        agenda.append(
            PublicItem(
                number=item.number, item=item, papers=papers, decisions=decided.get(item.pk, [])
            )
        )
    return agenda


def public_packs(*, meeting: Meeting) -> list[tuple[Pack, str]]:
    """The meeting's public packs (main, then supplements) with their "PDF 2.1 MB" labels."""
    if not agenda_is_public(meeting):
        return []
    packs = meeting.packs.filter(kind=PackKind.PUBLIC).order_by("supplement")
    return [(pack, file_label(file_format="PDF", size=pack_file_size(pack))) for pack in packs]


def public_paper_get(*, partnership: Partnership, pk: int) -> Paper:
    """A paper anyone may download: a public item's, on a meeting whose agenda is public."""
    paper = get_object_or_404(
        Paper.objects.filter(
            item__in=AgendaItem.objects.filter(PUBLIC_ITEM),
            item__meeting__in=public_meeting_list(partnership=partnership),
        ).select_related("item__meeting"),
        pk=pk,
        partnership=partnership,
    )
    if not agenda_is_public(paper.item.meeting):
        raise Http404("No such paper")
    return paper


def public_pack_get(*, partnership: Partnership, pk: int) -> Pack:
    """A public pack anyone may download; members' (restricted) packs never are."""
    pack = get_object_or_404(
        Pack.objects.filter(
            kind=PackKind.PUBLIC, meeting__in=public_meeting_list(partnership=partnership)
        ).select_related("meeting"),
        pk=pk,
        partnership=partnership,
    )
    if not agenda_is_public(pack.meeting):
        raise Http404("No such pack")
    return pack


def public_decisions(*, body: Body) -> QuerySet[Resolution]:
    """Resolutions on public items of the body's meetings whose minutes are public,
    newest meeting first, in agenda order within a meeting."""
    return (
        Resolution.objects.filter(
            partnership=body.partnership,
            item__in=AgendaItem.objects.filter(PUBLIC_ITEM),
            item__meeting__bodies=body,
            item__meeting__status__in=MINUTES_PUBLIC_STATUSES,
        )
        .select_related("item__meeting", "item__section")
        .order_by(
            "-item__meeting__date",
            "-item__meeting__start_time",
            "item__meeting_id",
            F("item__section__position").asc(nulls_first=True),
            "item__section_id",
            "item__position",
            "item_id",
            "position",
            "pk",
        )
    )
