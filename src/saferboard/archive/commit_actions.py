"""Actions of an imported document: those raised in minutes, with owners read by
`actions.owners`, and the rows of an action tracker with their status and latest update
(docs/archive.md, "Committing an import")."""

import datetime

from saferboard.actions.models import Action, ActionStatus, ActionUpdate
from saferboard.actions.owners import OwnerMatch, OwnerPool, owner_pool, owners_from_text
from saferboard.actions.services import action_add_update, action_create
from saferboard.archive.commit_run import CommitRun, iso_date, squash, text_key
from saferboard.meetings.models import Meeting
from saferboard.registry.models import Body, Membership, Organisation, Person, Post
from saferboard.registry.selectors import membership_held_on

# The action log's words for a status, as the saferboard.import/1 format gives them.
LOG_STATUSES = {
    "ongoing": ActionStatus.IN_PROGRESS,
    "complete": ActionStatus.COMPLETE,
    "obsolete": ActionStatus.OBSOLETE,
    "carried_forward": ActionStatus.CARRIED_FORWARD,
}
NO_OWNER = "Not named in the source"


def _owners(run: CommitRun, written: list, pool: OwnerPool) -> OwnerMatch:
    tokens = []
    for owner in written:
        if squash(owner):
            tokens.extend(owners_from_text(squash(owner), meeting=None, pool=pool).tokens)
    return OwnerMatch(tokens=tuple(tokens))


def _action(
    run: CommitRun, *, key: str, existing: Action | None, text: str, owners: OwnerMatch, **fields
):
    if existing is not None:
        run.note(existing, key=key, created=False)
        return existing
    action = action_create(
        partnership=run.partnership,
        by=run.by,
        text=text,
        owners=owners.owners,
        owners_to_confirm=owners.to_confirm or ("" if owners.owners else NO_OWNER),
        **fields,
    )
    run.note(action, key=key, created=True)
    return action


def meeting_actions(run: CommitRun, meeting: Meeting, found: dict, items: dict) -> None:
    """The actions of the meeting's minutes, on their items, with owners read against the
    meeting's people (so attendance must be written first); matched by meeting and text."""
    actions = [
        (found_item, action)
        for found_item in found.get("items") or []
        for action in found_item.get("actions") or []
        if squash(action.get("text"))
    ]
    if not actions:
        return
    pool = owner_pool(meeting=meeting)
    existing = {text_key(action.text): action for action in meeting.actions.all()}
    for found_item, found_action in actions:
        text = squash(found_action["text"])
        item = (
            items.get(text_key(found_item.get("number")))
            or meeting.items.filter(title__iexact=squash(found_item["title"])[:300]).first()
        )
        existing[text_key(text)] = _action(
            run,
            key=f"{meeting.pk}:{text_key(text)}",
            existing=existing.get(text_key(text)),
            text=text,
            owners=_owners(run, found_action.get("owners") or [], pool),
            meeting=meeting,
            agenda_item=item,
            # "RESOLVED that X" with X in the action column: the action carries out the
            # resolution.
            resolution=item.resolutions.filter(text=text).first() if item else None,
            due_date=iso_date(found_action.get("due")),
        )


def action_log(run: CommitRun, rows: list, on: datetime.date) -> None:
    """Rows of an action tracker: actions with their status, reference and latest update,
    linked to the body's meeting on the date raised where there is one."""
    pools: dict = {}
    for number, row in enumerate(rows, 1):
        text = squash(row.get("action")) if isinstance(row, dict) else ""
        if not text:
            run.skipped.append(f"Action log row {number}: no action text, not recorded.")
            continue
        raised = iso_date(row.get("raised"))
        meeting = (
            Meeting.objects.filter(partnership=run.partnership, bodies=run.body, date=raised)
            .order_by("start_time")
            .first()
            if raised
            else None
        )
        if meeting is not None and meeting.pk not in pools:
            pools[meeting.pk] = owner_pool(meeting=meeting)
        if meeting is None and None not in pools:
            pools[None] = _body_pool(run, on)
        status = LOG_STATUSES.get(row.get("status"), ActionStatus.OPEN)
        label = ActionStatus(status).label.lower()
        update = squash(row.get("update"))
        closed = status in (ActionStatus.COMPLETE, ActionStatus.OBSOLETE)
        reference = squash(row.get("reference")) or (
            f"Action log {squash(row.get('number'))}" if row.get("number") else ""
        )
        existing = Action.objects.filter(
            partnership=run.partnership, text=text, meeting=meeting
        ).first()
        action = _action(
            run,
            key=f"log:{text_key(text)}",
            existing=existing,
            text=text,
            owners=_owners(run, row.get("owners") or [], pools[meeting.pk if meeting else None]),
            meeting=meeting,
            reference=reference[:60],
            status=status,
            closing_note=(update or f"Shown as {label} in the imported action log.")
            if closed
            else "",
            closed_on=on if closed else None,
        )
        if existing is not None:
            _log_progress(run, existing, status=status, update=update, on=on, label=label)
        elif update:
            run.create(
                ActionUpdate,
                key=f"log:{text_key(text)}:{text_key(update)}",
                action=action,
                on=on,
                note=update,
                status=status,
                author=run.by,
            )


def _log_progress(run: CommitRun, action: Action, *, status, update: str, on, label: str) -> None:
    """A tracker row for an action already there: its status and note become a dated
    update, unless the action already has them or a later update."""
    latest = action.updates.order_by("-on", "-pk").first()
    if latest is not None and latest.on > on:
        return
    if status == action.status and (not update or action.updates.filter(note=update).exists()):
        return
    note = update or f"Shown as {label} in the imported action log."
    progress = action_add_update(
        action=action, by=run.by, expected_version=None, on=on, note=note, status=status
    )
    run.note(progress, key=f"log:{text_key(action.text)}:{text_key(note)}", created=True)
    run.updated[action._meta.label_lower] += 1


def _body_pool(run: CommitRun, on: datetime.date) -> OwnerPool:
    """Who an owner in an action log may name when no meeting is known: the body's
    members on `on`, and the partnership's organisations, bodies and posts."""
    seats = Membership.objects.filter(membership_held_on(on), body=run.body)
    return OwnerPool(
        people=list(
            Person.objects.filter(pk__in=seats.values("person")).order_by(
                "family_name", "given_name", "pk"
            )
        ),
        organisations=list(Organisation.objects.filter(partnership=run.partnership)),
        bodies=list(Body.objects.filter(partnership=run.partnership)),
        posts=list(Post.objects.filter(partnership=run.partnership).select_related("organisation")),
    )
