"""The body's forward plan: entries due by a meeting's date are offered for its agenda
until added to one; items deferred at an earlier meeting are offered the same way."""

import datetime

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings import agenda
from saferboard.meetings.models import ForwardPlanEntry, MeetingStatus, SecurityMarking
from tests.factories import (
    AgendaItemFactory,
    BodyFactory,
    ForwardPlanEntryFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def url(name, partnership, record):
    return reverse(f"meetings:{name}", kwargs={"partnership": partnership.slug, "pk": record.pk})


def entry(partnership, body, title, planned_for=None):
    return ForwardPlanEntryFactory(
        partnership=partnership,
        body=body,
        title=title,
        planned_for=planned_for,
        presenter="Head of Community Safety",
    )


def test_entries_due_by_the_meeting_are_offered(partnership_a, the_board, a_meeting, clerk_a):
    other_body = BodyFactory(partnership=partnership_a)
    due = entry(partnership_a, the_board, "Due", datetime.date(2025, 6, 12))
    undated = entry(partnership_a, the_board, "Whenever")
    entry(partnership_a, the_board, "Later", datetime.date(2025, 9, 1))
    entry(partnership_a, other_body, "Another body's")
    taken = entry(partnership_a, the_board, "Already taken", datetime.date(2025, 3, 1))
    agenda.agenda_item_from_forward_plan(
        meeting=MeetingFactory(
            partnership=partnership_a, bodies=[the_board], date=datetime.date(2025, 3, 20)
        ),
        entry=taken,
        by=clerk_a,
    )

    offers = agenda.agenda_offers(meeting=a_meeting)

    assert offers.planned == [due, undated]


def test_adding_an_entry_copies_it_and_stops_offering_it(
    partnership_a, the_board, a_meeting, clerk_a, clerk_a_client
):
    agenda.agenda_apply_standing_items(meeting=a_meeting, by=clerk_a)
    planned = entry(partnership_a, the_board, "Serious violence strategy")
    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Serious violence strategy" in page and "Add to this agenda" in page

    clerk_a_client.post(url("agenda-offer-add", partnership_a, a_meeting), {"planned": planned.pk})

    item = a_meeting.items.get(forward_plan_entry=planned)
    assert (item.title, item.presenter, item.section.title, item.number) == (
        "Serious violence strategy",
        "Head of Community Safety",
        "Main business",
        8,
    )
    assert agenda.agenda_offers(meeting=a_meeting).planned == []
    with pytest.raises(BusinessRuleError, match="not on an agenda yet"):
        agenda.agenda_item_from_forward_plan(meeting=a_meeting, entry=planned, by=clerk_a)


def test_another_bodys_entry_cannot_be_added(partnership_a, a_meeting, clerk_a_client):
    theirs = entry(partnership_a, BodyFactory(partnership=partnership_a), "Not ours")

    response = clerk_a_client.post(
        url("agenda-offer-add", partnership_a, a_meeting), {"planned": theirs.pk}, follow=True
    )

    assert "cannot be added" in response.content.decode()
    assert not a_meeting.items.exists()


def deferred_item(partnership, body, day, **fields):
    earlier = MeetingFactory(
        partnership=partnership, bodies=[body], date=day, status=MeetingStatus.HELD
    )
    return AgendaItemFactory(
        partnership=partnership, meeting=earlier, is_deferred=True, number=4, **fields
    )


def test_an_item_deferred_earlier_is_offered_until_carried_forward(
    partnership_a, the_board, a_meeting, clerk_a, clerk_a_client
):
    deferred = deferred_item(
        partnership_a,
        the_board,
        datetime.date(2025, 3, 13),
        title="Knife crime review",
        security_marking=SecurityMarking.OFFICIAL_SENSITIVE,
        minutes_allowed=15,
    )
    deferred_item(partnership_a, the_board, datetime.date(2025, 9, 1), title="Deferred later")
    deferred_item(partnership_a, BodyFactory(partnership=partnership_a), datetime.date(2025, 3, 1))
    assert agenda.agenda_offers(meeting=a_meeting).deferred == [deferred]

    clerk_a_client.post(
        url("agenda-offer-add", partnership_a, a_meeting), {"deferred": deferred.pk}
    )

    item = a_meeting.items.get()
    assert (item.carried_from, item.title, item.security_marking, item.minutes_allowed) == (
        deferred,
        "Knife crime review",
        SecurityMarking.OFFICIAL_SENSITIVE,
        15,
    )
    assert item.number == 1
    assert agenda.agenda_offers(meeting=a_meeting).deferred == []
    with pytest.raises(BusinessRuleError, match="not already taken up"):
        agenda.agenda_item_carry_forward(meeting=a_meeting, deferred=deferred, by=clerk_a)


def test_offers_are_not_shown_to_a_viewer(partnership_a, the_board, a_meeting, viewer_a_client):
    entry(partnership_a, the_board, "Serious violence strategy")

    page = viewer_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()

    assert "Serious violence strategy" not in page
    response = viewer_a_client.post(
        url("agenda-offer-add", partnership_a, a_meeting),
        {"planned": ForwardPlanEntry.objects.get().pk},
    )
    assert response.status_code == 403


def test_the_clerk_keeps_the_forward_plan(partnership_a, the_board, clerk_a, clerk_a_client):
    data = {
        "title": "Annual strategic assessment",
        "purpose": "",
        "decision_type": "decision",
        "presenter": "Analyst",
        "lead_officer": "",
        "planned_for_day": "9",
        "planned_for_month": "4",
        "planned_for_year": "2026",
    }

    clerk_a_client.post(url("forward-plan-add", partnership_a, the_board), data)

    planned = ForwardPlanEntry.objects.get()
    assert (planned.body, planned.planned_for) == (the_board, datetime.date(2026, 4, 9))
    assert planned.history.first().history_user == clerk_a
    clerk_a_client.post(
        url("forward-plan-edit", partnership_a, planned),
        data | {"title": "Strategic assessment 2026", "version": str(planned.version)},
    )
    page = clerk_a_client.get(url("forward-plan", partnership_a, the_board)).content.decode()
    assert "Strategic assessment 2026" in page and "9 April 2026" in page

    bad = clerk_a_client.post(
        url("forward-plan-add", partnership_a, the_board),
        data | {"planned_for_day": "31", "planned_for_month": "2"},
    )
    assert "Enter a real date" in bad.content.decode()
    assert ForwardPlanEntry.objects.count() == 1

    clerk_a_client.post(url("forward-plan-delete", partnership_a, planned))
    assert not ForwardPlanEntry.objects.exists()
