"""Information-sharing reports: counts only, for the partnership's annual review of its
information sharing protocol. Never a subject, never what was asked for or disclosed:
requests by requesting and disclosing partner, by outcome, how long answers took, and
breaches and barriers by escalation level and status, for a financial year.

Counts below five are shown as they are: the report is OFFICIAL-SENSITIVE, read only by
information-governance users and managers, and goes only on agenda items marked
OFFICIAL-SENSITIVE (never a public pack), so there is nobody to hide small numbers from.
"""

import datetime
import statistics
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.template.loader import render_to_string

from saferboard.core.calendar import is_working_day
from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.meetings.models import AgendaItem, Paper, SecurityMarking
from saferboard.meetings.packs import html_to_pdf
from saferboard.performance import pack_papers
from saferboard.performance.periods import Period, financial_year_of
from saferboard.sharing.models import (
    MARKING,
    DisclosureRequest,
    EscalationLevel,
    Incident,
    IncidentKind,
    RequestStatus,
)

# Who reads the reports: information governance, and managers (counts, never requests).
REPORT_READERS = frozenset({Role.MANAGER, Role.INFORMATION_GOVERNANCE})
# The protocol's agreed time to answer a request, in working days from receipt to supply.
AGREED_TURNAROUND_WORKING_DAYS = 10

OUTCOMES = (
    (RequestStatus.DISCLOSED, "Disclosed"),
    (RequestStatus.DECLINED, "Declined"),
    (RequestStatus.SUBMITTED, "Open (awaiting an answer)"),
    (RequestStatus.WITHDRAWN, "Withdrawn"),
)


@dataclass
class PartnerRow:
    organisation: str
    made: int = 0
    received: int = 0
    disclosed: int = 0
    declined: int = 0
    open: int = 0
    withdrawn: int = 0


@dataclass
class Turnaround:
    answered: int
    median: float | None
    within: int

    @property
    def within_share(self) -> int | None:
        """The percentage answered within the agreed time, rounded."""
        return round(100 * self.within / self.answered) if self.answered else None


@dataclass
class IncidentRow:
    level: int
    label: str
    counts: dict = field(default_factory=dict)  # (kind, "open"|"resolved") -> count

    def cells(self) -> list[int]:
        return [
            self.counts.get((kind, state), 0)
            for kind in IncidentKind.values
            for state in ("open", "resolved")
        ]


@dataclass
class SharingReport:
    partnership: Partnership
    period: Period
    total: int
    outcomes: list[tuple[str, int]]
    partners: list[PartnerRow]
    turnaround: Turnaround
    incidents: list[IncidentRow]
    incident_totals: list[int]
    reported_to_ico: int
    agreed_days: int = AGREED_TURNAROUND_WORKING_DAYS
    marking: str = MARKING

    @property
    def title(self) -> str:
        return f"Information sharing annual review {self.period.label}"

    @property
    def file_name(self) -> str:
        return f"information-sharing-annual-review-{self.period.label.replace('/', '-')}.pdf"


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after `start` up to and including `end` (a same-day answer is 0)."""
    days = 0
    current = start
    while current < end:
        current += datetime.timedelta(days=1)
        if is_working_day(current):
            days += 1
    return days


def report_years(*, partnership: Partnership, today: datetime.date) -> list[int]:
    """The financial years (their first calendar year) a report can cover: from the first
    request or incident (or last year, if later) to this year, newest first."""
    first = (
        DisclosureRequest.objects.filter(partnership=partnership, submitted_at__isnull=False)
        .order_by("submitted_at")
        .values_list("submitted_at", flat=True)
        .first()
    )
    first_incident = (
        Incident.objects.filter(partnership=partnership)
        .order_by("reported_on")
        .values_list("reported_on", flat=True)
        .first()
    )
    days = [today]
    if first is not None:
        days.append(first.date())
    if first_incident is not None:
        days.append(first_incident)
    this_year = financial_year_of(today).start.year
    # The year just ended is always offered: it is the one an annual review looks back on.
    earliest = min(financial_year_of(min(days)).start.year, this_year - 1)
    return list(range(this_year, earliest - 1, -1))


def _requests_in(*, partnership: Partnership, period: Period):
    """Requests sent in the period (drafts never sent are not requests yet)."""
    return DisclosureRequest.objects.filter(
        partnership=partnership,
        submitted_at__date__gte=period.start,
        submitted_at__date__lte=period.end,
    )


def sharing_report(*, partnership: Partnership, period: Period) -> SharingReport:
    """The counts for `period`, in a fixed number of queries whatever the data."""
    requests = _requests_in(partnership=partnership, period=period)
    by_status = {
        row["status"]: row["n"] for row in requests.values("status").annotate(n=Count("pk"))
    }
    partners: dict[int, PartnerRow] = {}
    made = requests.values(
        "requesting_party__organisation", "requesting_party__organisation__name"
    ).annotate(n=Count("pk"))
    for row in made:
        partner = partners.setdefault(
            row["requesting_party__organisation"],
            PartnerRow(organisation=row["requesting_party__organisation__name"]),
        )
        partner.made = row["n"]
    received = requests.values(
        "disclosing_party__organisation", "disclosing_party__organisation__name"
    ).annotate(
        n=Count("pk"),
        disclosed=Count("pk", filter=Q(status=RequestStatus.DISCLOSED)),
        declined=Count("pk", filter=Q(status=RequestStatus.DECLINED)),
        open=Count("pk", filter=Q(status=RequestStatus.SUBMITTED)),
        withdrawn=Count("pk", filter=Q(status=RequestStatus.WITHDRAWN)),
    )
    for row in received:
        partner = partners.setdefault(
            row["disclosing_party__organisation"],
            PartnerRow(organisation=row["disclosing_party__organisation__name"]),
        )
        partner.received = row["n"]
        for name in ("disclosed", "declined", "open", "withdrawn"):
            setattr(partner, name, row[name])
    answered = list(
        requests.filter(received_on__isnull=False, supplied_on__isnull=False).values_list(
            "received_on", "supplied_on"
        )
    )
    days = [working_days_between(start, end) for start, end in answered]
    turnaround = Turnaround(
        answered=len(days),
        median=statistics.median(days) if days else None,
        within=sum(1 for n in days if n <= AGREED_TURNAROUND_WORKING_DAYS),
    )
    incidents = Incident.objects.filter(
        partnership=partnership, reported_on__gte=period.start, reported_on__lte=period.end
    )
    rows = {
        level: IncidentRow(level=level, label=label) for level, label in EscalationLevel.choices
    }
    reported_to_ico = 0
    for row in incidents.values("kind", "level").annotate(
        open=Count("pk", filter=Q(resolved_on__isnull=True)),
        resolved=Count("pk", filter=Q(resolved_on__isnull=False)),
        to_ico=Count("pk", filter=Q(reported_to_ico=True)),
    ):
        counts = rows[row["level"]].counts
        for state in ("open", "resolved"):
            counts[(row["kind"], state)] = counts.get((row["kind"], state), 0) + row[state]
        reported_to_ico += row["to_ico"]
    incident_rows = list(rows.values())
    return SharingReport(
        partnership=partnership,
        period=period,
        total=sum(by_status.get(status, 0) for status, _ in OUTCOMES),
        outcomes=[(label, by_status.get(status, 0)) for status, label in OUTCOMES],
        partners=sorted(partners.values(), key=lambda partner: partner.organisation),
        turnaround=turnaround,
        incidents=incident_rows,
        incident_totals=[
            sum(column) for column in zip(*(r.cells() for r in incident_rows), strict=True)
        ],
        reported_to_ico=reported_to_ico,
    )


def annual_review_pdf(*, report: SharingReport, today: datetime.date) -> bytes:
    html = render_to_string(
        "sharing/pdf/annual_review.html", {"report": report, "generated_on": today}
    )
    return html_to_pdf(html).write_pdf()


def annual_review_paper(
    *, partnership: Partnership, period: Period, today: datetime.date
) -> GeneratedPaper:
    report = sharing_report(partnership=partnership, period=period)
    return GeneratedPaper(
        title=report.title,
        file_name=report.file_name,
        pdf=annual_review_pdf(report=report, today=today),
    )


def pack_item_choices(*, partnership: Partnership, today: datetime.date) -> list:
    """The upcoming agenda items the annual review may go on: those marked
    OFFICIAL-SENSITIVE, as the paper is (they never reach a public pack)."""
    choices = []
    for choice in pack_papers.pack_item_choices(partnership=partnership, today=today):
        items = [item for item in choice.items if _may_hold_the_paper(item)]
        if items:
            choices.append(pack_papers.MeetingChoice(meeting=choice.meeting, items=items))
    return choices


def _may_hold_the_paper(item: AgendaItem) -> bool:
    return item.security_marking == SecurityMarking.OFFICIAL_SENSITIVE


def annual_review_put_in_pack(
    *,
    item: AgendaItem,
    partnership: Partnership,
    period: Period,
    by: User | None,
    today: datetime.date,
) -> Paper:
    """Put the annual review for `period` on `item`, which must be marked OFFICIAL-SENSITIVE."""
    if not _may_hold_the_paper(item):
        raise BusinessRuleError(
            f"Item {item} of {item.meeting} is not marked OFFICIAL-SENSITIVE, and the annual "
            "review is. Mark the item OFFICIAL-SENSITIVE first, or choose another item.",
            field="item",
        )
    return pack_papers.report_put_in_pack(
        item=item,
        paper=annual_review_paper(partnership=partnership, period=period, today=today),
        by=by,
        today=today,
    )
