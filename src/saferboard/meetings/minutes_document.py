"""What the minutes say: each item's minute in agenda order, the attendance block, and
the minutes PDF in the council style (WeasyPrint from a Django template).

Reads only; writing and approving minutes is in meetings/minutes.py.
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.template.loader import render_to_string

from saferboard.meetings.models import (
    AgendaItem,
    AttendanceStatus,
    Meeting,
    MeetingStatus,
    Resolution,
)
from saferboard.meetings.participation import (
    declaration_minute_line,
    declarations_in_minute_order,
)
from saferboard.meetings.selectors import meeting_agenda, meeting_attendance, meeting_bodies


def part_label(index: int) -> str:
    """(a), (b) … (z), (aa) for the index-th part of a resolution."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"({letters})"


@dataclass(frozen=True)
class ItemMinutes:
    """One item as the minutes record it."""

    item: AgendaItem
    resolutions: list[Resolution]
    declarations: list[str]
    matters_arising: list[AgendaItem]

    @property
    def parts(self) -> list[tuple[str, Resolution]]:
        """("(a)", resolution) pairs; a single resolution has no letter."""
        if len(self.resolutions) == 1:
            return [("", self.resolutions[0])]
        return [(part_label(i), r) for i, r in enumerate(self.resolutions)]


def meeting_minutes(*, meeting: Meeting, public: bool = False) -> list[ItemMinutes]:
    """Every item's minute in agenda order; `public` leaves out exempt and sensitive items."""
    items = meeting_agenda(meeting=meeting).prefetch_related(
        Prefetch("resolutions", queryset=Resolution.objects.order_by("position", "pk")),
        # Fetched for all items at once, in the minutes' order.
        Prefetch("declarations", queryset=declarations_in_minute_order()),
        Prefetch(
            "matters_arising_from",
            queryset=AgendaItem.objects.select_related("meeting").order_by("minute_number"),
        ),
    )
    return [
        ItemMinutes(
            item=item,
            resolutions=list(item.resolutions.all()),
            declarations=[declaration_minute_line(d) for d in item.declarations.all()],
            matters_arising=list(item.matters_arising_from.all()),
        )
        for item in items
        if item.is_public or not public
    ]


def meeting_decisions(*, meeting: Meeting, public: bool) -> list[ItemMinutes]:
    """The items on which the meeting resolved something; `public` leaves out non-public ones."""
    return [
        minute for minute in meeting_minutes(meeting=meeting, public=public) if minute.resolutions
    ]


@dataclass(frozen=True)
class MinutesAttendance:
    present: list[str]  # "Ann Chair (Chair)", "Joan Hancox (substitute for Stephen McDonnell)"
    apologies: list[str]  # "Stephen McDonnell (Joan Hancox substituted)"
    in_attendance: list[str]  # "Sam Officer, Community Safety Officer, Haringey Council"


def minutes_attendance(*, meeting: Meeting) -> MinutesAttendance:
    present, substitutes, apologies = [], [], []
    for row in meeting_attendance(meeting=meeting):
        seat = row.membership
        name = str(seat.person or "Vacant seat")
        if row.status == AttendanceStatus.PRESENT:
            role = f" ({seat.get_role_display()})" if seat.is_chairing_role else ""
            present.append(f"{name}{role}")
        elif row.status == AttendanceStatus.APOLOGIES:
            if row.substitute:
                substitutes.append(f"{row.substitute} (substitute for {name})")
                apologies.append(f"{name} ({row.substitute} substituted)")
            else:
                apologies.append(name)
    others = []
    for row in meeting.in_attendance.select_related("person"):
        parts = [row.name or str(row.person), row.role, row.organisation]
        others.append(", ".join(part for part in parts if part))
    return MinutesAttendance(
        present=present + substitutes, apologies=apologies, in_attendance=others
    )


def minutes_heading(*, meeting: Meeting) -> str:
    names = " AND THE ".join(body.name.upper() for body in meeting_bodies(meeting=meeting))
    held = f"{meeting.date:%A, %-d %B %Y}".upper()
    return f"MINUTES OF THE MEETING OF THE {names or 'PARTNERSHIP'} HELD ON {held}"


def minutes_pdf(*, meeting: Meeting, public: bool) -> bytes:
    """The minutes as a PDF in the council style. With `public`, exempt and
    OFFICIAL-SENSITIVE items are left out entirely; otherwise they are marked."""
    from weasyprint import HTML  # heavy import: only when a PDF is made

    html = render_to_string(
        "meetings/pdf/minutes.html",
        {
            "meeting": meeting,
            "heading": minutes_heading(meeting=meeting),
            "attendance": minutes_attendance(meeting=meeting),
            "minutes": meeting_minutes(meeting=meeting, public=public),
            "approved": meeting.status == MeetingStatus.MINUTES_APPROVED,
            "public": public,
        },
    )
    return HTML(string=html).write_pdf()
