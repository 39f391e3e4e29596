"""A delivery plan's exception report: only its red and amber key actions, with lead,
commentary and mitigation; a priority with none gets one line saying it is on target.

`plan_exceptions` feeds the page, the PDF and any other report (the performance
exception report may put these rows beside its indicators).
"""

import dataclasses
import datetime

from django.template.loader import render_to_string

from saferboard.meetings.packs import html_to_pdf
from saferboard.plans.models import EXCEPTION_STATUSES, DeliveryPlan, KeyAction
from saferboard.plans.selectors import plan_key_actions, plan_sections

REPORT_TITLE = "Delivery plan exceptions"


@dataclasses.dataclass(frozen=True)
class ExceptionRow:
    key_action: KeyAction
    number: str
    title: str
    status: str  # the status's words, such as "On hold" or "Red: off track"
    colour: str  # red or amber
    lead: str
    commentary: str
    mitigation: str
    updated_on: datetime.date | None


@dataclasses.dataclass(frozen=True)
class ExceptionSection:
    heading: str
    rows: list[ExceptionRow]

    @property
    def on_target(self) -> bool:
        return not self.rows


def plan_exceptions(*, plan: DeliveryPlan) -> list[ExceptionSection]:
    """One section per priority of the plan, in order: its red and amber key actions (each
    with the latest update's note as commentary and its mitigation), or none if on target."""
    sections = plan_sections(key_actions=plan_key_actions(plan=plan))
    return [
        ExceptionSection(
            heading=section.heading,
            rows=[
                ExceptionRow(
                    key_action=action,
                    number=action.number,
                    title=action.title,
                    status=action.get_status_display(),
                    colour=action.colour,
                    lead=action.lead_names(),
                    commentary=action.latest_update_note or "",
                    mitigation=action.latest_update_mitigation or "",
                    updated_on=action.latest_update_on,
                )
                for action in section.key_actions
                if action.status in EXCEPTION_STATUSES
            ],
        )
        for section in sections
    ]


def plan_exceptions_pdf(*, plan: DeliveryPlan, today: datetime.date | None = None) -> bytes:
    """The exception report as an A4 landscape PDF."""
    html = render_to_string(
        "plans/pdf/plan_exceptions.html",
        {
            "title": REPORT_TITLE,
            "plan": plan,
            "sections": plan_exceptions(plan=plan),
            "today": today or datetime.date.today(),
        },
    )
    return html_to_pdf(html).write_pdf()


def plan_exceptions_file_name(*, plan: DeliveryPlan) -> str:
    return f"plan-exceptions-{plan.pk}-{datetime.date.today():%Y-%m-%d}.pdf"
