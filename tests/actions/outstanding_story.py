"""A board's year of meetings and the actions between them, for the outstanding-actions and
matters-arising tests: raised at meeting 1, updated, closed between meetings."""

import datetime
from dataclasses import dataclass

from saferboard.actions.models import Action, ActionStatus
from saferboard.actions.services import action_add_update, action_create
from saferboard.meetings.models import AgendaItem, Meeting, MeetingStatus, StandingKind
from saferboard.registry.models import Body
from tests.factories import AgendaItemFactory, BodyFactory, MeetingFactory


@dataclass
class Story:
    board: Body
    meeting_0: Meeting  # 15 January 2025
    meeting_1: Meeting  # 12 March 2025
    meeting_2: Meeting  # 14 May 2025, held: its agenda has matters arising and outstanding actions
    meeting_3: Meeting  # 9 July 2025
    matters_arising: AgendaItem
    outstanding_item: AgendaItem
    in_progress: Action  # raised at meeting 1, updated, still open
    completed: Action  # raised at meeting 1, completed between meetings 1 and 2
    closed_long_ago: Action  # raised at meeting 0, completed before meeting 1
    direct: Action  # raised directly for the board, no meeting
    raised_at_2: Action
    other_body: Action  # raised at another body's meeting


def _update(action: Action, *, on, note, status) -> Action:
    action.refresh_from_db()
    action_add_update(
        action=action, by=None, expected_version=action.version, on=on, note=note, status=status
    )
    action.refresh_from_db()
    return action


def a_year_of_the_board(partnership, *, owner) -> Story:
    board = BodyFactory(partnership=partnership, name="Safer Haringey Board")

    def meeting(date, **fields):
        return MeetingFactory(partnership=partnership, bodies=[board], date=date, **fields)

    m0 = meeting(datetime.date(2025, 1, 15))
    m1 = meeting(datetime.date(2025, 3, 12))
    m2 = meeting(datetime.date(2025, 5, 14), status=MeetingStatus.HELD)
    m3 = meeting(datetime.date(2025, 7, 9))
    MeetingFactory(
        partnership=partnership,
        bodies=[board],
        date=datetime.date(2025, 4, 9),
        status=MeetingStatus.CANCELLED,
    )

    def item(meeting, number, **fields):
        return AgendaItemFactory(partnership=partnership, meeting=meeting, number=number, **fields)

    item_0, item_1, item_1b, item_2 = item(m0, 6), item(m1, 7), item(m1, 8), item(m2, 9)
    matters = item(m2, 3, title="Matters arising", standing_kind=StandingKind.MATTERS_ARISING)
    outstanding = item(
        m2, 4, title="Outstanding actions", standing_kind=StandingKind.OUTSTANDING_ACTIONS
    )

    def raise_at(agenda_item, text, **fields):
        return action_create(
            partnership=partnership,
            by=None,
            text=text,
            owners=[owner],
            agenda_item=agenda_item,
            **fields,
        )

    in_progress = raise_at(
        item_1, "Circulate the hate crime figures to partners", by_next_meeting=True
    )
    _update(
        in_progress,
        on=datetime.date(2025, 4, 2),
        note="Figures sent to the police; the council's still to come",
        status=ActionStatus.IN_PROGRESS,
    )
    completed = raise_at(item_1b, "Publish the annual report on the council website")
    _update(
        completed,
        on=datetime.date(2025, 4, 20),
        note="Published on 20 April",
        status=ActionStatus.COMPLETE,
    )
    closed_long_ago = raise_at(item_0, "Book the venue for the away day")
    _update(
        closed_long_ago,
        on=datetime.date(2025, 2, 1),
        note="Venue booked",
        status=ActionStatus.COMPLETE,
    )
    direct = action_create(
        partnership=partnership, by=None, text="Refresh the partnership strategy", owners=[board]
    )
    # Raised before meeting 1 (records made today carry today's date).
    raised_on = datetime.datetime(2025, 2, 1, 10, 0, tzinfo=datetime.UTC)
    Action.objects.filter(pk=direct.pk).update(created_at=raised_on)
    raised_at_2 = raise_at(item_2, "Invite the fire service to the next meeting")
    elsewhere = MeetingFactory(partnership=partnership, date=datetime.date(2025, 2, 5))
    other_body = raise_at(
        AgendaItemFactory(partnership=partnership, meeting=elsewhere, number=2),
        "Review the domestic abuse referral pathway",
    )
    return Story(
        board=board,
        meeting_0=m0,
        meeting_1=m1,
        meeting_2=m2,
        meeting_3=m3,
        matters_arising=matters,
        outstanding_item=outstanding,
        in_progress=in_progress,
        completed=completed,
        closed_long_ago=closed_long_ago,
        direct=direct,
        raised_at_2=raised_at_2,
        other_body=other_body,
    )
