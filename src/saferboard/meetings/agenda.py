"""Building a meeting's agenda: sections and items, their order and numbers, standing
items from the body's template, and business offered from earlier meetings and the
forward plan.

Order is `selectors.meeting_agenda`'s: section position, then item position. After
every change the agenda is renumbered 1..n in that order (`agenda_renumber`).
Positions and numbers are saved with history but without bumping the record's
version: no form edits them, so an item's edit form opened before a reorder still saves.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q

from saferboard.core.errors import BusinessRuleError
from saferboard.core.models import User
from saferboard.core.services import record_create, record_update
from saferboard.meetings.models import (
    AgendaItem,
    AgendaSection,
    DecisionType,
    ForwardPlanEntry,
    Meeting,
    StandingItem,
    StandingKind,
)
from saferboard.meetings.selectors import meeting_agenda, meeting_bodies
from saferboard.registry.models import Body

UP, DOWN = "up", "down"
START_SECTION = "Standing items"
MAIN_SECTION = "Main business"
END_SECTION = "Closing items"
# Fields an item takes over from a deferred item it carries forward.
CARRIED_FIELDS = (
    "title",
    "purpose",
    "decision_type",
    "presenter",
    "lead_officer",
    "minutes_allowed",
    "security_marking",
    "is_exempt",
    "exempt_paragraph",
)
PLANNED_FIELDS = ("title", "purpose", "decision_type", "presenter", "lead_officer")


# --- order and numbers ----------------------------------------------------------------


@dataclass
class Group:
    """One section of the agenda (or the items without a section) and its items in order."""

    section: AgendaSection | None
    items: list[AgendaItem]


def agenda_groups(*, meeting: Meeting) -> list[Group]:
    """The agenda as sections with their items, in order.

    Items without a section come first (as `meeting_agenda` orders them); that group is
    listed only when it has items or the agenda has no sections at all.
    """
    sections = list(meeting.sections.order_by("position", "pk"))
    loose = Group(section=None, items=[])
    by_section = {section.pk: Group(section=section, items=[]) for section in sections}
    for item in meeting_agenda(meeting=meeting):
        (by_section[item.section_id] if item.section_id else loose).items.append(item)
    groups = [by_section[section.pk] for section in sections]
    if loose.items or not groups:
        groups.insert(0, loose)
    return groups


def _save_order(instance, *, by: User | None, **changes) -> None:
    # Compare foreign keys by id, so that checking costs no query.
    changed = {
        name: value
        for name, value in changes.items()
        if getattr(instance, f"{name}_id" if name == "section" else name)
        != (getattr(value, "pk", None) if name == "section" else value)
    }
    if not changed:
        return
    for name, value in changed.items():
        setattr(instance, name, value)
    if by is not None:
        instance._history_user = by
    instance.save(update_fields=[*changed, "updated_at"])


def _apply_order(groups: list[Group], *, by: User | None) -> None:
    """Save sections' and items' positions and number the items 1..n as `groups` lists them."""
    number = 1
    sections = [group.section for group in groups if group.section is not None]
    for position, section in enumerate(sections):
        _save_order(section, by=by, position=position)
    for group in groups:
        for position, item in enumerate(group.items):
            _save_order(item, by=by, section=group.section, position=position, number=number)
            number += 1


def _lock(meeting: Meeting) -> None:
    # Two clerks reordering at once take turns (PostgreSQL; SQLite writes one at a time).
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()


@transaction.atomic
def agenda_renumber(*, meeting: Meeting, by: User | None) -> None:
    """Number the items 1..n in agenda order and close any gaps in the positions."""
    _lock(meeting)
    _apply_order(agenda_groups(meeting=meeting), by=by)


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str, by: User | None) -> None:
    """Move an item one place up or down; past the edge of its section it joins the next."""
    _lock(item.meeting)
    groups = agenda_groups(meeting=item.meeting)
    g = next(i for i, group in enumerate(groups) if group.section == item.section)
    items = groups[g].items
    i = next(i for i, other in enumerate(items) if other.pk == item.pk)
    step = -1 if direction == UP else 1
    if 0 <= i + step < len(items):
        items[i], items[i + step] = items[i + step], items[i]
    elif 0 <= g + step < len(groups):
        moved = items.pop(i)
        target = groups[g + step].items
        if direction == UP:
            target.append(moved)
        else:
            target.insert(0, moved)
    _apply_order(groups, by=by)


@transaction.atomic
def agenda_section_move(*, section: AgendaSection, direction: str, by: User | None) -> None:
    """Move a section, with its items, one place up or down."""
    _lock(section.meeting)
    groups = agenda_groups(meeting=section.meeting)
    i = next(i for i, group in enumerate(groups) if group.section == section)
    j = i + (-1 if direction == UP else 1)
    if 0 <= j < len(groups) and groups[j].section is not None:
        groups[i], groups[j] = groups[j], groups[i]
    _apply_order(groups, by=by)


# --- sections and items ---------------------------------------------------------------


def _next_position(queryset) -> int:
    last = queryset.order_by("-position").values_list("position", flat=True).first()
    return 0 if last is None else last + 1


@transaction.atomic
def agenda_section_create(*, meeting: Meeting, title: str, by: User | None) -> AgendaSection:
    """Add a section at the end of the agenda."""
    _lock(meeting)
    section = record_create(
        model=AgendaSection,
        partnership=meeting.partnership,
        by=by,
        meeting=meeting,
        title=title,
        position=_next_position(meeting.sections.all()),
    )
    _apply_order(agenda_groups(meeting=meeting), by=by)
    return section


@transaction.atomic
def agenda_section_update(
    *, section: AgendaSection, by: User | None, expected_version: int | None, title: str
) -> AgendaSection:
    return record_update(instance=section, by=by, expected_version=expected_version, title=title)


@transaction.atomic
def agenda_section_delete(*, section: AgendaSection, by: User | None) -> None:
    """Delete an empty section; one with items must be emptied first."""
    count = section.items.count()
    if count:
        raise BusinessRuleError(
            f"The section “{section}” still has {count} item{'s' if count != 1 else ''}: "
            "move or delete them first."
        )
    meeting = section.meeting
    _lock(meeting)
    if by is not None:
        section._history_user = by
    section.delete()
    _apply_order(agenda_groups(meeting=meeting), by=by)


@transaction.atomic
def agenda_item_create(
    *, meeting: Meeting, by: User | None, section: AgendaSection | None = None, **fields
) -> AgendaItem:
    """Add an item at the end of `section` (or of the items without a section)."""
    _lock(meeting)
    item = record_create(
        model=AgendaItem,
        partnership=meeting.partnership,
        by=by,
        meeting=meeting,
        section=section,
        position=_next_position(meeting.items.filter(section=section)),
        **fields,
    )
    _apply_order(agenda_groups(meeting=meeting), by=by)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_update(
    *, item: AgendaItem, by: User | None, expected_version: int | None, **fields
) -> AgendaItem:
    """Change an item; a new section puts it at the end of that section."""
    meeting = item.meeting
    _lock(meeting)
    # Compare with the saved row: a model form has already set the new value on `item`.
    saved = AgendaItem.objects.values_list("section_id", flat=True).get(pk=item.pk)
    section = fields.get("section", item.section)
    if (section.pk if section else None) != saved:
        fields["position"] = _next_position(meeting.items.filter(section=section))
    item = record_update(instance=item, by=by, expected_version=expected_version, **fields)
    _apply_order(agenda_groups(meeting=meeting), by=by)
    item.refresh_from_db()
    return item


@transaction.atomic
def agenda_item_delete(*, item: AgendaItem, by: User | None) -> None:
    """Delete an item that has nothing recorded against it yet."""
    recorded = []
    if item.papers.exists():
        recorded.append("papers")
    if item.declarations.exists():
        recorded.append("declarations of interest")
    if item.minute_text or item.resolutions.exists():
        recorded.append("minutes")
    if recorded:
        raise BusinessRuleError(
            f"Item {item.number or ''} “{item.title}” has {' and '.join(recorded)}, so it "
            "cannot be deleted: remove them first, or mark the item as deferred instead."
        )
    meeting = item.meeting
    _lock(meeting)
    if by is not None:
        item._history_user = by
    item.delete()
    _apply_order(agenda_groups(meeting=meeting), by=by)


# --- standing items -------------------------------------------------------------------


@dataclass(frozen=True)
class StandingLine:
    """One line of a standing-items template: a body's own, or the default."""

    kind: str
    title: str
    purpose: str
    decision_type: str
    at_end: bool = False


K, D = StandingKind, DecisionType
DEFAULT_STANDING_ITEMS = (
    StandingLine(
        K.FILMING,
        "Filming at meetings",
        "The chair will remind those present that the meeting may be filmed, recorded or "
        "reported on.",
        D.FOR_INFORMATION,
    ),
    StandingLine(
        K.APOLOGIES,
        "Apologies for absence",
        "To receive apologies for absence and notice of substitutes.",
        D.FOR_INFORMATION,
    ),
    StandingLine(
        K.URGENT_BUSINESS,
        "Urgent business",
        "The chair will consider whether to admit any late items of urgent business.",
        D.FOR_DECISION,
    ),
    StandingLine(
        K.DECLARATIONS,
        "Declarations of interest",
        "Members are asked to declare any personal, prejudicial or disclosable pecuniary "
        "interest in any item on the agenda.",
        D.FOR_INFORMATION,
    ),
    StandingLine(
        K.PREVIOUS_MINUTES,
        "Minutes of the previous meeting",
        "To approve the minutes of the previous meeting as a correct record.",
        D.FOR_DECISION,
    ),
    StandingLine(
        K.MATTERS_ARISING,
        "Matters arising",
        "To note matters arising from the minutes of the previous meeting.",
        D.FOR_INFORMATION,
    ),
    StandingLine(
        K.OUTSTANDING_ACTIONS,
        "Outstanding actions",
        "To review the actions outstanding from earlier meetings.",
        D.FOR_DISCUSSION,
    ),
    StandingLine(
        K.ANY_OTHER_BUSINESS,
        "Any other business",
        "Any other business the chair agrees to take.",
        D.FOR_DISCUSSION,
        at_end=True,
    ),
    StandingLine(
        K.FUTURE_DATES,
        "Dates of future meetings",
        "To note the dates of future meetings.",
        D.FOR_INFORMATION,
        at_end=True,
    ),
)


def body_standing_items(*, body: Body) -> list[StandingItem]:
    return list(body.standing_items.order_by("at_end", "position", "pk"))


def body_standing_template(*, body: Body) -> tuple[list[StandingLine], bool]:
    """The body's standing items in order and whether they are the default template."""
    rows = body_standing_items(body=body)
    if not rows:
        return list(DEFAULT_STANDING_ITEMS), True
    lines = [
        StandingLine(row.kind, row.title, row.purpose, row.decision_type, row.at_end)
        for row in rows
    ]
    return lines, False


def agenda_has_standing_items(*, meeting: Meeting) -> bool:
    return (
        meeting.items.exclude(standing_kind="").exists()
        or meeting.sections.filter(title=START_SECTION).exists()
    )


@transaction.atomic
def agenda_apply_standing_items(*, meeting: Meeting, by: User | None) -> None:
    """Put the first body's standing items on the agenda: a "Standing items" section at
    the start, the existing business (or an empty "Main business" section), and a
    closing section for the items that come after the main business.
    """
    _lock(meeting)
    if agenda_has_standing_items(meeting=meeting):
        raise BusinessRuleError("The standing items are already on this agenda.")
    bodies = meeting_bodies(meeting=meeting)
    if not bodies:
        raise BusinessRuleError("Choose the meeting's body first: standing items come from it.")
    lines, _ = body_standing_template(body=bodies[0])
    groups = agenda_groups(meeting=meeting)
    loose = groups.pop(0).items if groups[0].section is None else []

    def section(title: str) -> AgendaSection:
        return record_create(
            model=AgendaSection,
            partnership=meeting.partnership,
            by=by,
            meeting=meeting,
            title=title,
            position=0,
        )

    def items(chosen: list[StandingLine], into: AgendaSection) -> list[AgendaItem]:
        return [
            record_create(
                model=AgendaItem,
                partnership=meeting.partnership,
                by=by,
                meeting=meeting,
                section=into,
                standing_kind=line.kind,
                title=line.title,
                purpose=line.purpose,
                decision_type=line.decision_type,
            )
            for line in chosen
        ]

    if not groups:
        groups = [Group(section=section(MAIN_SECTION), items=[])]
    groups[0].items[:0] = loose
    start = [line for line in lines if not line.at_end]
    end = [line for line in lines if line.at_end]
    if start:
        first = section(START_SECTION)
        groups.insert(0, Group(section=first, items=items(start, first)))
    if end:
        last = section(END_SECTION)
        groups.append(Group(section=last, items=items(end, last)))
    _apply_order(groups, by=by)


def _copy_line(line: StandingLine, *, body: Body, position: int, by: User | None):
    return record_create(
        model=StandingItem,
        partnership=body.partnership,
        by=by,
        body=body,
        kind=line.kind,
        title=line.title,
        purpose=line.purpose,
        decision_type=line.decision_type,
        at_end=line.at_end,
        position=position,
    )


@transaction.atomic
def body_standing_items_copy_default(*, body: Body, by: User | None) -> list[StandingItem]:
    """Give the body its own copy of the default template, to change as it wishes."""
    if body.standing_items.exists():
        raise BusinessRuleError(f"{body} already has its own standing items.")
    return [
        _copy_line(line, body=body, position=position, by=by)
        for position, line in enumerate(DEFAULT_STANDING_ITEMS)
    ]


@transaction.atomic
def standing_item_create(*, body: Body, by: User | None, **fields) -> StandingItem:
    at_end = fields.get("at_end", False)
    position = _next_position(body.standing_items.filter(at_end=at_end))
    return record_create(
        model=StandingItem,
        partnership=body.partnership,
        by=by,
        body=body,
        position=position,
        **fields,
    )


@transaction.atomic
def standing_item_update(
    *, standing_item: StandingItem, by: User | None, expected_version: int | None, **fields
) -> StandingItem:
    saved = StandingItem.objects.values_list("at_end", flat=True).get(pk=standing_item.pk)
    if "at_end" in fields and fields["at_end"] != saved:
        siblings = standing_item.body.standing_items.filter(at_end=fields["at_end"])
        fields["position"] = _next_position(siblings)
    return record_update(instance=standing_item, by=by, expected_version=expected_version, **fields)


@transaction.atomic
def standing_item_delete(*, standing_item: StandingItem, by: User | None) -> None:
    if by is not None:
        standing_item._history_user = by
    standing_item.delete()


@transaction.atomic
def standing_item_move(*, standing_item: StandingItem, direction: str, by: User | None) -> None:
    """Move a line of the template one place up or down within its part (start or end)."""
    rows = [
        row
        for row in body_standing_items(body=standing_item.body)
        if row.at_end == standing_item.at_end
    ]
    i = next(i for i, row in enumerate(rows) if row.pk == standing_item.pk)
    j = i + (-1 if direction == UP else 1)
    if 0 <= j < len(rows):
        rows[i], rows[j] = rows[j], rows[i]
    for position, row in enumerate(rows):
        _save_order(row, by=by, position=position)


# --- business offered for the agenda ----------------------------------------------------


@dataclass(frozen=True)
class AgendaOffers:
    """Business waiting for this meeting: deferred items and forward-plan entries."""

    deferred: list[AgendaItem]
    planned: list[ForwardPlanEntry]

    def __bool__(self) -> bool:
        return bool(self.deferred or self.planned)


def agenda_offer_deferred(*, meeting: Meeting):
    """Items deferred at an earlier meeting of the same bodies and not yet taken up."""
    earlier = Q(meeting__date__lt=meeting.date) | Q(
        meeting__date=meeting.date, meeting__start_time__lt=meeting.start_time
    )
    return (
        AgendaItem.objects.filter(
            earlier,
            partnership=meeting.partnership,
            meeting__bodies__in=meeting.bodies.all(),
            is_deferred=True,
            carried_to__isnull=True,
        )
        .exclude(meeting=meeting)
        .select_related("meeting")
        .distinct()
        .order_by("meeting__date", "number", "pk")
    )


def agenda_offer_planned(*, meeting: Meeting):
    """Forward-plan entries of the meeting's bodies due by its date and on no agenda yet."""
    return (
        ForwardPlanEntry.objects.filter(
            Q(planned_for__isnull=True) | Q(planned_for__lte=meeting.date),
            partnership=meeting.partnership,
            body__in=meeting.bodies.all(),
            agenda_items__isnull=True,
        )
        .select_related("body")
        .distinct()
        .order_by(F("planned_for").asc(nulls_last=True), "pk")
    )


def agenda_offers(*, meeting: Meeting) -> AgendaOffers:
    return AgendaOffers(
        deferred=list(agenda_offer_deferred(meeting=meeting)),
        planned=list(agenda_offer_planned(meeting=meeting)),
    )


def agenda_main_section(*, meeting: Meeting) -> AgendaSection | None:
    """Where new business goes: the first section with no standing items in it."""
    return meeting.sections.exclude(items__standing_kind__gt="").order_by("position", "pk").first()


def _offered_item(*, meeting: Meeting, by: User | None, **fields) -> AgendaItem:
    section = agenda_main_section(meeting=meeting)
    if section is None and meeting.sections.exists():
        # Only standing sections so far: main business goes after the first of them.
        groups = agenda_groups(meeting=meeting)
        section = record_create(
            model=AgendaSection,
            partnership=meeting.partnership,
            by=by,
            meeting=meeting,
            title=MAIN_SECTION,
        )
        groups.insert(min(1, len(groups)), Group(section=section, items=[]))
        _apply_order(groups, by=by)
    return agenda_item_create(meeting=meeting, by=by, section=section, **fields)


@transaction.atomic
def agenda_item_carry_forward(
    *, meeting: Meeting, deferred: AgendaItem, by: User | None
) -> AgendaItem:
    """Put an item deferred at an earlier meeting on this agenda, linked to it."""
    _lock(meeting)
    if not agenda_offer_deferred(meeting=meeting).filter(pk=deferred.pk).exists():
        raise BusinessRuleError(
            f"“{deferred.title}” cannot be added: only an item deferred at an earlier "
            "meeting of the same body, and not already taken up, can be carried forward."
        )
    fields = {name: getattr(deferred, name) for name in CARRIED_FIELDS}
    return _offered_item(meeting=meeting, by=by, carried_from=deferred, **fields)


@transaction.atomic
def agenda_item_from_forward_plan(
    *, meeting: Meeting, entry: ForwardPlanEntry, by: User | None
) -> AgendaItem:
    """Put a forward-plan entry on this agenda, linked to it."""
    _lock(meeting)
    if not agenda_offer_planned(meeting=meeting).filter(pk=entry.pk).exists():
        raise BusinessRuleError(
            f"“{entry.title}” cannot be added: only a forward-plan entry of this meeting's "
            "bodies, planned for this date or earlier and not on an agenda yet, can be added."
        )
    fields = {name: getattr(entry, name) for name in PLANNED_FIELDS}
    return _offered_item(meeting=meeting, by=by, forward_plan_entry=entry, **fields)


# --- forward plan -----------------------------------------------------------------------


def body_forward_plan(*, body: Body):
    return body.forward_plan.order_by("planned_for", "pk").prefetch_related("agenda_items__meeting")


@transaction.atomic
def forward_plan_entry_create(*, body: Body, by: User | None, **fields) -> ForwardPlanEntry:
    return record_create(
        model=ForwardPlanEntry, partnership=body.partnership, by=by, body=body, **fields
    )


@transaction.atomic
def forward_plan_entry_update(
    *, entry: ForwardPlanEntry, by: User | None, expected_version: int | None, **fields
) -> ForwardPlanEntry:
    return record_update(instance=entry, by=by, expected_version=expected_version, **fields)


@transaction.atomic
def forward_plan_entry_delete(*, entry: ForwardPlanEntry, by: User | None) -> None:
    """Delete an entry; items already on an agenda stay there."""
    if by is not None:
        entry._history_user = by
    entry.delete()
