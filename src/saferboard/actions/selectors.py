"""Reads of the action log, always scoped to one partnership."""

import datetime

from django.db.models import Case, F, OuterRef, Prefetch, Q, QuerySet, Subquery, When

from saferboard.actions.models import CLOSED_STATUSES, Action, ActionOwner
from saferboard.core.models import Partnership, User
from saferboard.core.roles import ACTION_EDITORS, Role
from saferboard.meetings.models import Meeting, MeetingStatus
from saferboard.registry.models import Membership, Organisation, Person
from saferboard.registry.selectors import membership_held_on


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


def _owned_by_organisation(organisation_ids) -> Q:
    """Actions an organisation owns: directly, through one of its posts or its people's seats."""
    return (
        Q(owners__organisation__in=organisation_ids)
        | Q(owners__post__organisation__in=organisation_ids)
        | Q(owners__person__memberships__organisation__in=organisation_ids)
    )


def action_filter(
    *,
    queryset: QuerySet[Action],
    organisation: Organisation | None = None,
    body=None,
    status: str = "",
    overdue: bool = False,
    today: datetime.date,
) -> QuerySet[Action]:
    if organisation is not None:
        queryset = queryset.filter(_owned_by_organisation([organisation.pk]))
    if body is not None:
        queryset = queryset.filter(Q(meeting__bodies=body) | Q(owners__body=body))
    if status:
        queryset = queryset.filter(status=status)
    if overdue:
        if "due_on" not in queryset.query.annotations:
            queryset = with_due_on(queryset)
        queryset = queryset.exclude(status__in=CLOSED_STATUSES).filter(due_on__lt=today)
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
