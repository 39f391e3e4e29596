"""An item's resolutions: votes cannot exceed the members who may vote on it (a prejudicial
interest lowers the count), a delegated decision must say to whom, and a bad part saves nothing."""

import pytest

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings.minutes import ResolutionEntry, minutes_item_save
from saferboard.meetings.models import InterestType, MeetingStatus, Resolution
from saferboard.meetings.selectors import item_voters
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    DeclarationFactory,
    ResolutionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_item(partnership_a, a_meeting, seats):
    """An item of a held meeting at which all three board members were present."""
    a_meeting.status = MeetingStatus.HELD
    a_meeting.save()
    for seat in seats.values():
        AttendanceFactory(partnership=partnership_a, meeting=a_meeting, membership=seat)
    return AgendaItemFactory(partnership=partnership_a, meeting=a_meeting, title="Knife crime plan")


def save(item, entries, by, **kwargs):
    return minutes_item_save(
        item=item,
        minute_text=kwargs.get("minute_text", "The board discussed the plan."),
        is_deferred=False,
        resolutions=entries,
        matters_arising_from=[],
        expected_version=None,
        by=by,
    )


def test_votes_within_the_voters_are_recorded(held_item, clerk_a):
    save(
        held_item, [ResolutionEntry(kind="agreed", text="To agree the plan.", votes_for=3)], clerk_a
    )

    assert Resolution.objects.get(item=held_item).votes_for == 3


def test_a_prejudicial_interest_lowers_the_count_and_the_refusal_says_why(
    partnership_a, held_item, seats, clerk_a
):
    DeclarationFactory(
        partnership=partnership_a,
        item=held_item,
        membership=seats["police"],
        interest_type=InterestType.PREJUDICIAL,
    )
    voters = item_voters(item=held_item)
    entry = ResolutionEntry(
        kind="agreed", text="To agree the plan.", votes_for=voters.count, abstentions=1
    )

    with pytest.raises(BusinessRuleError) as refused:
        save(held_item, [entry], clerk_a)

    message = str(refused.value)
    assert f"only {voters.count} members may vote on this item" in message
    assert "3 voting members present" in message
    assert f"less {seats['police'].person} (prejudicial interest)" in message
    assert not Resolution.objects.filter(item=held_item).exists()


def test_a_delegated_decision_without_to_whom_is_refused(held_item, clerk_a):
    with pytest.raises(BusinessRuleError, match="Say who the decision is delegated to"):
        save(
            held_item, [ResolutionEntry(kind="delegated", text="To agree the final plan.")], clerk_a
        )

    assert not Resolution.objects.filter(item=held_item).exists()


def test_one_bad_part_saves_nothing_not_even_the_minute_text(held_item, clerk_a):
    entries = [
        ResolutionEntry(kind="noted", text="To note the report."),
        ResolutionEntry(kind="delegated", text="To agree the final plan."),
    ]

    with pytest.raises(BusinessRuleError, match=r"Resolution \(b\)"):
        save(held_item, entries, clerk_a, minute_text="Changed text")

    held_item.refresh_from_db()
    assert held_item.minute_text == ""
    assert not Resolution.objects.filter(item=held_item).exists()


def test_saving_replaces_the_list_in_order_and_removes_left_out_parts(
    partnership_a, held_item, clerk_a
):
    kept = ResolutionFactory(partnership=partnership_a, item=held_item, text="Keep me.")
    ResolutionFactory(partnership=partnership_a, item=held_item, text="Remove me.")

    save(
        held_item,
        [
            ResolutionEntry(kind="recommended", text="To recommend the plan to Cabinet."),
            ResolutionEntry(kind="noted", text="Keep me, reworded.", existing=kept),
        ],
        clerk_a,
    )

    texts = list(held_item.resolutions.order_by("position").values_list("text", flat=True))
    assert texts == ["To recommend the plan to Cabinet.", "Keep me, reworded."]
    kept.refresh_from_db()
    assert kept.history.first().history_user == clerk_a


def test_minutes_cannot_be_written_before_the_meeting_is_held(partnership_a, a_meeting, clerk_a):
    item = AgendaItemFactory(partnership=partnership_a, meeting=a_meeting)

    with pytest.raises(BusinessRuleError, match="once the meeting has been held"):
        save(item, [], clerk_a)
