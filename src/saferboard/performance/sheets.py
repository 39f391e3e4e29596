"""A priority's quarterly performance sheet (the Haringey A3 sheet).

For each indicator of the priority: a chart of its values against the target and the
quarter's figures; then the words people write about the quarter: context, activity,
areas of concern, emerging issues and partner comments. The figures are worked out;
only the words are stored (`QuarterlySheet`, one per priority and quarter, with history).

Managers and analysts write the sheet; partner comments are usually added at the board
before the sheet goes on, so clerks, board members and contributors may write those too.
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404

from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.core.models import Partnership, User
from saferboard.core.roles import Role
from saferboard.core.services import record_create, record_update
from saferboard.meetings.generated_papers import GeneratedPaper
from saferboard.performance import periods as period_rules
from saferboard.performance import reports, selectors
from saferboard.performance.models import Lifecycle, QuarterlySheet
from saferboard.plans.models import Priority
from saferboard.plans.selectors import priority_list

# The words of a sheet, in the order the sheet shows them, with their headings.
SECTIONS = (
    ("context", "Context"),
    ("activity", "Activity"),
    ("concerns", "Areas of concern"),
    ("emerging_issues", "Emerging issues"),
    ("partner_comments", "Partner comments"),
)
NARRATIVE_FIELDS = frozenset({"context", "activity", "concerns", "emerging_issues"})
COMMENT_FIELDS = frozenset({"partner_comments"})
# Who may write what: the narrative, or only the partner comments.
NARRATIVE_WRITERS = frozenset({Role.MANAGER, Role.ANALYST})
COMMENT_WRITERS = NARRATIVE_WRITERS | {Role.CLERK, Role.MEMBER, Role.CONTRIBUTOR}
NO_SHEET_YET = 0  # the version a form carries when nobody had written the sheet


def sheet_fields_for(roles) -> list[str]:
    """The sheet's fields a user with `roles` may write, in sheet order."""
    allowed = set()
    if roles & NARRATIVE_WRITERS:
        allowed |= NARRATIVE_FIELDS
    if roles & COMMENT_WRITERS:
        allowed |= COMMENT_FIELDS
    return [name for name, _ in SECTIONS if name in allowed]


def sheet_priority_get(*, partnership: Partnership, pk) -> Priority:
    return get_object_or_404(priority_list(partnership=partnership), pk=pk)


def quarterly_sheet_get(
    *, priority: Priority, quarter: period_rules.Period
) -> QuarterlySheet | None:
    return QuarterlySheet.objects.filter(priority=priority, period_start=quarter.start).first()


def _check_quarter(quarter: period_rules.Period) -> None:
    if quarter.kind != period_rules.QUARTER:
        raise BusinessRuleError(
            f"A quarterly sheet is for a quarter, such as Q2 2025/26, not “{quarter.label}”.",
            field="quarter",
        )


@transaction.atomic
def quarterly_sheet_save(
    *,
    priority: Priority,
    quarter: period_rules.Period,
    by: User | None,
    expected_version: int | None,
    **words: str,
) -> QuarterlySheet:
    """Write some or all of a sheet's words for a priority and quarter (the first save
    creates the sheet). `expected_version` is the sheet's version when the page opened
    (NO_SHEET_YET when there was none; None skips the check): a sheet someone else saved
    since is refused with StaleEditError, and nothing is written."""
    _check_quarter(quarter)
    unknown = set(words) - NARRATIVE_FIELDS - COMMENT_FIELDS
    if unknown:
        raise ValueError(f"A quarterly sheet has no {', '.join(sorted(unknown))}.")
    words = {name: (text or "").strip() for name, text in words.items()}
    label = f"The quarterly sheet for priority {priority}, {quarter.label},"
    sheet = (
        QuarterlySheet.objects.select_for_update()
        .filter(priority=priority, period_start=quarter.start)
        .first()
    )
    if sheet is None:
        if expected_version not in (None, NO_SHEET_YET):
            raise StaleEditError(label)
        try:
            with transaction.atomic():
                return record_create(
                    model=QuarterlySheet,
                    partnership=priority.partnership,
                    by=by,
                    priority=priority,
                    period_start=quarter.start,
                    period_end=quarter.end,
                    **words,
                )
        except IntegrityError as error:  # someone wrote the sheet at the same moment
            raise StaleEditError(label) from error
    if expected_version == NO_SHEET_YET:
        raise StaleEditError(label)
    return record_update(instance=sheet, by=by, expected_version=expected_version, **words)


@dataclass
class SheetIndicator:
    summary: selectors.IndicatorSummary
    current: bool
    target: str
    chart: object  # SafeString or None


@dataclass
class SheetReport:
    priority: Priority
    quarter: period_rules.Period
    sheet: QuarterlySheet | None
    indicators: list[SheetIndicator]

    @property
    def sections(self) -> list[tuple[str, str, str]]:
        """(field, heading, text) for each of the sheet's words; text empty if not written."""
        return [
            (name, heading, getattr(self.sheet, name) if self.sheet else "")
            for name, heading in SECTIONS
        ]

    @property
    def version(self) -> int:
        return self.sheet.version if self.sheet else NO_SHEET_YET


def quarterly_sheet_report(*, priority: Priority, quarter: period_rules.Period) -> SheetReport:
    """The sheet as shown: the priority's indicators (not retired) judged at the end of the
    quarter, each with its chart, and the sheet's words."""
    indicators = list(
        selectors.indicator_list(partnership=priority.partnership)
        .filter(priority=priority)
        .exclude(lifecycle=Lifecycle.RETIRED)
    )
    rows = []
    for summary in selectors.indicator_summaries(indicators=indicators, as_at=quarter.end):
        row = reports.report_row(summary, quarter)
        rows.append(
            SheetIndicator(
                summary=row.summary,
                current=row.current,
                target=row.target,
                chart=reports.indicator_chart(summary, chart_id=f"sheet-{summary.indicator.pk}"),
            )
        )
    return SheetReport(
        priority=priority,
        quarter=quarter,
        sheet=quarterly_sheet_get(priority=priority, quarter=quarter),
        indicators=rows,
    )


def quarterly_sheet_pdf(*, report: SheetReport, today: datetime.date) -> bytes:
    return reports.render_pdf(
        "performance/pdf/quarterly_sheet.html",
        {"partnership": report.priority.partnership, "report": report, "generated_on": today},
    )


def quarterly_sheet_paper(
    *, priority: Priority, quarter: period_rules.Period, today: datetime.date
) -> GeneratedPaper:
    """The sheet as a meeting paper; one per priority on an item (a later quarter's
    sheet replaces the earlier one)."""
    report = quarterly_sheet_report(priority=priority, quarter=quarter)
    return GeneratedPaper(
        title=f"Quarterly performance sheet: priority {priority}, {quarter.label}",
        file_name=f"quarterly-sheet-priority-{priority.pk}.pdf",
        pdf=quarterly_sheet_pdf(report=report, today=today),
    )


def quarterly_sheet_priorities(*, partnership: Partnership, quarter: period_rules.Period):
    """Every priority with indicators (not retired), in strategy order, each with its sheet
    for the quarter if one has been written: [(priority, sheet or None)]."""
    priorities = list(
        priority_list(partnership=partnership)
        .filter(indicators__lifecycle__in=set(Lifecycle.values) - {Lifecycle.RETIRED})
        .distinct()
        .select_related("strategy")
        .order_by("-strategy__period_start", "strategy_id", "position", "pk")
    )
    sheets = {
        sheet.priority_id: sheet
        for sheet in QuarterlySheet.objects.filter(
            partnership=partnership, period_start=quarter.start
        )
    }
    return [(priority, sheets.get(priority.pk)) for priority in priorities]
