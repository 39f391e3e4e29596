"""The manager's summary: how many actions each organisation owns, by status and due date.

An action counts for every organisation that owns it, by the log filter's rule
(selectors._owned_by_organisation): as an owner, through one of its posts or
through a seat one of its people holds. Bodies, and people who hold no seat,
count under "Other owners". The counts come from three queries whatever the
number of actions, and each one's filter reproduces it on the log.
"""

import dataclasses
import datetime
from collections import defaultdict
from urllib.parse import urlencode

from saferboard.actions.models import CLOSED_STATUSES, Action, ActionOwner, ActionStatus
from saferboard.actions.selectors import DUE_SOON, NO_ORGANISATION, OUTSTANDING, with_due_on
from saferboard.core.models import Partnership
from saferboard.registry.models import Organisation

OTHER_OWNERS = "Other owners"


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclasses.dataclass
class SummaryColumn:
    key: str
    heading: str


COLUMNS = (
    SummaryColumn("open", "Open"),
    SummaryColumn("in_progress", "In progress"),
    SummaryColumn("carried_forward", "Carried forward"),
    SummaryColumn("overdue", "Overdue"),
    SummaryColumn("due_soon", "Due in the next 7 days"),
    SummaryColumn("completed", "Completed in the last 3 months"),
    SummaryColumn("outstanding", "Total not closed"),
)
# The statuses the chart stacks: together they make the "total not closed".
STACKED = ("open", "in_progress", "carried_forward")


@dataclasses.dataclass
class SummaryRow:
    name: str
    organisation: int | str  # an organisation's id, or NO_ORGANISATION
    counts: dict[str, int]


def _columns_of(action: dict, *, today: datetime.date, completed_since: datetime.date) -> set:
    status, due = action["status"], action["due_on"]
    closed = status in CLOSED_STATUSES
    keys = set()
    if status in STACKED:
        keys.add(status)
    if not closed:
        keys.add("outstanding")
        if due is not None and due < today:
            keys.add("overdue")
        if due is not None and today <= due <= today + DUE_SOON:
            keys.add("due_soon")
    closed_on = action["closed_on"]
    if status == ActionStatus.COMPLETE and closed_on and closed_on >= completed_since:
        keys.add("completed")
    return keys


def _owning_organisations(partnership: Partnership) -> dict[int, set]:
    """Each action's owning organisations' ids, with NO_ORGANISATION for bodies and people
    who hold no seat (one query)."""
    rows = ActionOwner.objects.filter(partnership=partnership).values_list(
        "pk",
        "action_id",
        "organisation_id",
        "post__organisation_id",
        "person_id",
        "person__memberships__organisation_id",
        "body_id",
    )
    by_owner: dict[int, tuple[int, set]] = {}
    for owner, action, organisation, post_organisation, person, seat_organisation, body in rows:
        # One row per seat the owner holds; a person with no seat has one row, with None.
        _, found = by_owner.setdefault(owner, (action, set()))
        found.update(pk for pk in (organisation, post_organisation, seat_organisation) if pk)
        if body or (person and seat_organisation is None):
            found.add(NO_ORGANISATION)
    owning: dict[int, set] = defaultdict(set)
    for action, found in by_owner.values():
        owning[action] |= found
    return owning


def action_summary_by_organisation(
    *, partnership: Partnership, today: datetime.date
) -> list[SummaryRow]:
    """One row per organisation owning actions (by name), then "Other owners" if any."""
    completed_since = months_before(today, 3)
    actions = with_due_on(Action.objects.filter(partnership=partnership)).values(
        "pk", "status", "due_on", "closed_on"
    )
    owning = _owning_organisations(partnership)
    counts: dict = {}
    for action in actions:
        keys = _columns_of(action, today=today, completed_since=completed_since)
        for organisation in owning.get(action["pk"], ()):
            row = counts.setdefault(organisation, dict.fromkeys((c.key for c in COLUMNS), 0))
            for key in keys:
                row[key] += 1
    names = dict(
        Organisation.objects.filter(
            partnership=partnership, pk__in=counts.keys() - {NO_ORGANISATION}
        ).values_list("pk", "name")
    )
    rows = [
        SummaryRow(name, pk, counts[pk])
        for pk, name in sorted(names.items(), key=lambda item: item[1].casefold())
    ]
    if NO_ORGANISATION in counts:
        rows.append(SummaryRow(OTHER_OWNERS, NO_ORGANISATION, counts[NO_ORGANISATION]))
    return rows


def log_filters(*, organisation: int | str, column: str, today: datetime.date) -> dict:
    """The log's query-string filters that list the actions counted in one cell."""
    query: dict = {"organisation": organisation}
    if column in STACKED:
        query["status"] = column
    elif column == "outstanding":
        query["status"] = OUTSTANDING
    elif column == "overdue":
        query["overdue"] = "on"
    elif column == "due_soon":
        query["due_soon"] = "on"
    elif column == "completed":
        since = months_before(today, 3)
        query |= {
            "status": ActionStatus.COMPLETE,
            "closed_from_day": since.day,
            "closed_from_month": since.month,
            "closed_from_year": since.year,
        }
    return query


def summary_table(*, rows: list[SummaryRow], log_url: str, today: datetime.date) -> list[dict]:
    """The rows as the page shows them: each count with the log address that lists it."""
    return [
        {
            "name": row.name,
            "cells": [
                {
                    "count": row.counts[column.key],
                    "heading": column.heading,
                    "url": f"{log_url}?"
                    + urlencode(
                        log_filters(organisation=row.organisation, column=column.key, today=today)
                    ),
                }
                for column in COLUMNS
            ],
        }
        for row in rows
    ]


@dataclasses.dataclass
class BarSegment:
    label: str
    count: int
    x: float
    width: float
    fill: str


@dataclasses.dataclass
class Bar:
    name: str
    y: int
    total: int
    end: float
    segments: list[BarSegment]


CHART_LABEL_WIDTH = 260
CHART_BAR_WIDTH = 400
CHART_ROW_HEIGHT = 36
CHART_TOP = 40
# Solid, striped and dotted, so the statuses differ by more than colour.
CHART_FILLS = {
    "open": "#1d70b8",
    "in_progress": "url(#sb-stripes)",
    "carried_forward": "url(#sb-dots)",
}


def summary_chart(rows: list[SummaryRow]) -> dict:
    """Geometry of a horizontal stacked bar chart of actions not closed, by status."""
    largest = max((row.counts["outstanding"] for row in rows), default=0) or 1
    scale = CHART_BAR_WIDTH / largest
    labels = {column.key: column.heading for column in COLUMNS}
    bars = []
    for index, row in enumerate(rows):
        x = float(CHART_LABEL_WIDTH)
        segments = []
        for key in STACKED:
            count = row.counts[key]
            if count:
                width = count * scale
                segments.append(BarSegment(labels[key], count, x, width, CHART_FILLS[key]))
                x += width
        y = CHART_TOP + index * CHART_ROW_HEIGHT
        bars.append(Bar(row.name, y, row.counts["outstanding"], x, segments))
    return {
        "bars": bars,
        "legend": [
            {"label": labels[key], "fill": CHART_FILLS[key], "x": index * 180}
            for index, key in enumerate(STACKED)
        ],
        "label_width": CHART_LABEL_WIDTH,
        "width": CHART_LABEL_WIDTH + CHART_BAR_WIDTH + 60,
        "height": CHART_TOP + len(rows) * CHART_ROW_HEIGHT + 10,
    }
