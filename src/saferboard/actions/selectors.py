"""Reads of the action log, always scoped to one partnership."""

import datetime

from django.db.models import (
    Case,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    When,
)

from saferboard.actions.models import CLOSED_STATUSES, Action, ActionOwner, ActionUpdate
from saferboard.core.models import Partnership, User
from saferboard.core.roles import ACTION_EDITORS, Role
from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.registry.models import Body, Membership, Organisation, Person
from saferboard.registry.selectors import membership_held_on

# "Due soon": from today to this many days on, as the reminders count it.
DUE_SOON = datetime.timedelta(days=7)
# The status filter's value for every status that is not closed.
OUTSTANDING = "outstanding"


def next_meeting_date() -> Subquery:
    """The date of the next meeting after the action's, of a body that meeting belongs to
    (cancelled meetings skipped): when an action "by the next meeting" falls due."""
    return Subquery(
        Meeting.objects.filter(
            bodies__meetings=OuterRef("meeting_id"), date__gt=OuterRef("meeting__date")
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date")
        .values("date")[:1]
    )


def with_due_on(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate `due_on`: the due date, or the next meeting's date for "by the next meeting"."""
    return queryset.annotate(
        due_on=Case(When(by_next_meeting=True, then=next_meeting_date()), default=F("due_date"))
    )


def action_list(*, partnership: Partnership) -> QuerySet[Action]:
    owners = ActionOwner.objects.select_related(
        "person", "post__organisation", "organisation", "body"
    )
    return (
        with_due_on(Action.objects.filter(partnership=partnership))
        .select_related("meeting", "agenda_item")
        .prefetch_related(Prefetch("owners", queryset=owners))
        .order_by("-meeting__date", "-created_at", "-pk")
    )


# The organisation filter's value for owners that belong to no organisation.
NO_ORGANISATION = "other"


def _owned_by_organisation(organisations) -> Q:
    """Actions an organisation owns: directly, through one of its posts or its people's seats.

    `organisations` are records or their ids. The manager's summary (summary.py) counts by
    the same rule."""
    return (
        Q(owners__organisation__in=organisations)
        | Q(owners__post__organisation__in=organisations)
        | Q(owners__person__memberships__organisation__in=organisations)
    )


def _owned_without_organisation() -> Q:
    """Actions with an owner that is a body, or a person who holds no organisation's seat."""
    seated = Membership.objects.filter(person=OuterRef("person"))
    owners = ActionOwner.objects.filter(
        Q(body__isnull=False) | (Q(person__isnull=False) & ~Exists(seated))
    )
    return Q(pk__in=owners.values("action_id"))


def action_filter(
    *,
    queryset: QuerySet[Action],
    today: datetime.date,
    organisation: Organisation | int | str | None = None,
    person: Person | int | None = None,
    body: Body | int | None = None,
    status: str = "",
    overdue: bool | None = None,
    due_soon: bool = False,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
    closed_from: datetime.date | None = None,
) -> QuerySet[Action]:
    """Narrow the log. Records or their ids; `organisation` may be NO_ORGANISATION.

    `status` may be OUTSTANDING (any status that is not closed). `overdue` True keeps only
    overdue actions and False drops them; `due_soon` keeps those due from today to a week
    on. Due dates are `due_on`: for "by the next meeting", the next meeting's date.
    """
    if organisation == NO_ORGANISATION:
        queryset = queryset.filter(_owned_without_organisation())
    elif organisation is not None:
        queryset = queryset.filter(_owned_by_organisation([organisation]))
    if person is not None:
        queryset = queryset.filter(owners__person=person)
    if body is not None:
        queryset = queryset.filter(Q(meeting__bodies=body) | Q(owners__body=body))
    if status == OUTSTANDING:
        queryset = queryset.exclude(status__in=CLOSED_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if closed_from is not None:
        queryset = queryset.filter(closed_on__gte=closed_from)
    by_due_date = overdue is not None or due_soon or due_from or due_to
    if by_due_date and "due_on" not in queryset.query.annotations:
        queryset = with_due_on(queryset)
    if overdue:
        queryset = queryset.filter(due_on__lt=today).exclude(status__in=CLOSED_STATUSES)
    elif overdue is not None:
        # Spelt out: excluding "due before today" would also drop actions with no due date.
        queryset = queryset.filter(
            Q(due_on__isnull=True) | Q(due_on__gte=today) | Q(status__in=CLOSED_STATUSES)
        )
    if due_soon:
        queryset = queryset.exclude(status__in=CLOSED_STATUSES).filter(
            due_on__gte=today, due_on__lte=today + DUE_SOON
        )
    if due_from is not None:
        queryset = queryset.filter(due_on__gte=due_from)
    if due_to is not None:
        queryset = queryset.filter(due_on__lte=due_to)
    return queryset.distinct()


def user_people(*, partnership: Partnership, user: User) -> QuerySet[Person]:
    """The registry people linked to `user`'s account in `partnership`."""
    return Person.objects.filter(partnership=partnership, user=user)


def user_organisation_ids(*, partnership: Partnership, user: User, on: datetime.date) -> set[int]:
    """Organisations `user` works for: those of the seats their person holds on `on`."""
    rows = Membership.objects.filter(
        membership_held_on(on),
        partnership=partnership,
        person__user=user,
    ).values_list("organisation_id", "post__organisation_id")
    return {pk for row in rows for pk in row if pk is not None}


def action_list_for_user(
    *, partnership: Partnership, user: User, on: datetime.date
) -> QuerySet[Action]:
    """ "My actions": owned by the user's person or by their organisation."""
    people = user_people(partnership=partnership, user=user)
    organisations = user_organisation_ids(partnership=partnership, user=user, on=on)
    condition = Q(owners__person__in=people)
    if organisations:
        condition |= Q(owners__organisation__in=organisations) | Q(
            owners__post__organisation__in=organisations
        )
    ids = Action.objects.filter(condition, partnership=partnership).values("pk")
    return action_list(partnership=partnership).filter(pk__in=ids)


def action_may_add_update(
    *, action: Action, user: User, roles: frozenset[str], on: datetime.date
) -> bool:
    """Managers and clerks update any action; contributors their own or their organisation's."""
    if roles & ACTION_EDITORS:
        return True
    if Role.CONTRIBUTOR not in roles:
        return False
    mine = action_list_for_user(partnership=action.partnership, user=user, on=on)
    return mine.filter(pk=action.pk).exists()


def with_latest_update(queryset: QuerySet[Action]) -> QuerySet[Action]:
    """Annotate `latest_update_on` and `latest_update_note`: the newest owner's update."""
    latest = ActionUpdate.objects.filter(action=OuterRef("pk")).order_by("-on", "-pk")
    return queryset.annotate(
        latest_update_on=Subquery(latest.values("on")[:1]),
        latest_update_note=Subquery(latest.values("note")[:1]),
    )
