"""Standing items come from the body's template (or the default one) and open and close
the agenda; the button adds them once."""

import pytest
from django.urls import reverse

from saferboard.core.errors import BusinessRuleError
from saferboard.meetings import agenda
from saferboard.meetings.models import StandingItem, StandingKind
from saferboard.meetings.selectors import meeting_agenda
from tests.factories import StandingItemFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, record):
    return reverse(f"meetings:{name}", kwargs={"partnership": partnership.slug, "pk": record.pk})


def agenda_rows(meeting) -> list[tuple]:
    return [
        (item.number, item.section.title if item.section else "", item.title, item.standing_kind)
        for item in meeting_agenda(meeting=meeting)
    ]


def test_the_button_adds_the_default_standing_items_around_the_main_business(
    partnership_a, a_meeting, clerk_a_client
):
    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Add the standing items" in page

    clerk_a_client.post(url("agenda-standing-items", partnership_a, a_meeting))

    rows = agenda_rows(a_meeting)
    assert [row[2] for row in rows] == [
        "Filming at meetings",
        "Apologies for absence",
        "Urgent business",
        "Declarations of interest",
        "Minutes of the previous meeting",
        "Matters arising",
        "Outstanding actions",
        "Any other business",
        "Dates of future meetings",
    ]
    assert [row[0] for row in rows] == list(range(1, 10))
    assert {row[1] for row in rows[:7]} == {"Standing items"}
    assert {row[1] for row in rows[7:]} == {"Closing items"}
    assert rows[4][3] == StandingKind.PREVIOUS_MINUTES
    sections = [s.title for s in a_meeting.sections.order_by("position")]
    assert sections == ["Standing items", "Main business", "Closing items"]
    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Add the standing items" not in page


def test_standing_items_are_not_added_twice(partnership_a, a_meeting, clerk_a, clerk_a_client):
    agenda.agenda_apply_standing_items(meeting=a_meeting, by=clerk_a)

    with pytest.raises(BusinessRuleError, match="already on this agenda"):
        agenda.agenda_apply_standing_items(meeting=a_meeting, by=clerk_a)
    response = clerk_a_client.post(
        url("agenda-standing-items", partnership_a, a_meeting), follow=True
    )

    assert "The standing items are already on this agenda." in response.content.decode()
    assert a_meeting.items.count() == 9


def test_the_bodys_own_template_replaces_the_default(partnership_a, the_board, a_meeting, clerk_a):
    StandingItemFactory(
        partnership=partnership_a, body=the_board, kind=StandingKind.APOLOGIES, position=2
    )
    StandingItemFactory(
        partnership=partnership_a,
        body=the_board,
        kind=StandingKind.DECLARATIONS,
        title="Declarations",
        purpose="Members declare interests.",
        decision_type="discussion",
        position=1,
    )
    StandingItemFactory(
        partnership=partnership_a,
        body=the_board,
        kind="",
        title="Questions from the public",
        at_end=True,
        position=0,
    )

    agenda.agenda_apply_standing_items(meeting=a_meeting, by=clerk_a)

    assert agenda_rows(a_meeting) == [
        (1, "Standing items", "Declarations", StandingKind.DECLARATIONS),
        (2, "Standing items", "Apologies for absence", StandingKind.APOLOGIES),
        (3, "Closing items", "Questions from the public", ""),
    ]
    declarations = a_meeting.items.get(standing_kind=StandingKind.DECLARATIONS)
    assert (declarations.purpose, declarations.decision_type) == (
        "Members declare interests.",
        "discussion",
    )


def test_existing_business_stays_between_the_standing_items(partnership_a, a_meeting, clerk_a):
    agenda.agenda_item_create(meeting=a_meeting, by=clerk_a, title="Annual report")

    agenda.agenda_apply_standing_items(meeting=a_meeting, by=clerk_a)

    titles = [row[2] for row in agenda_rows(a_meeting)]
    assert titles.index("Annual report") == 7
    assert agenda_rows(a_meeting)[7][:2] == (8, "Main business")


def test_the_clerk_makes_the_default_the_bodys_own_and_changes_it(
    partnership_a, the_board, clerk_a_client
):
    page = clerk_a_client.get(url("standing-items", partnership_a, the_board)).content.decode()
    assert "This body uses the default standing items." in page

    clerk_a_client.post(url("standing-items-copy-default", partnership_a, the_board))
    rows = list(the_board.standing_items.order_by("at_end", "position"))
    assert len(rows) == 9 and [r.at_end for r in rows].count(True) == 2

    filming = rows[0]
    clerk_a_client.post(url("standing-item-delete", partnership_a, filming))
    apologies = the_board.standing_items.get(kind=StandingKind.APOLOGIES)
    clerk_a_client.post(url("standing-item-move", partnership_a, apologies), {"direction": "down"})
    clerk_a_client.post(
        url("standing-item-add", partnership_a, the_board),
        {"title": "Public questions", "kind": "", "purpose": "", "decision_type": "discussion"},
    )

    start = [r.title for r in the_board.standing_items.filter(at_end=False).order_by("position")]
    assert start[:2] == ["Urgent business", "Apologies for absence"]
    assert start[-1] == "Public questions"
    assert not StandingItem.objects.filter(kind=StandingKind.FILMING).exists()
    page = clerk_a_client.get(url("standing-items", partnership_a, the_board)).content.decode()
    assert "Public questions" in page and "uses the default" not in page


def test_the_body_calendar_links_to_the_standing_items(partnership_a, the_board, viewer_a_client):
    page = viewer_a_client.get(url("body-calendar", partnership_a, the_board)).content.decode()

    assert url("standing-items", partnership_a, the_board) in page
    assert url("forward-plan", partnership_a, the_board) in page


def test_a_viewer_reads_the_template_but_cannot_change_it(
    partnership_a, the_board, viewer_a_client
):
    page = viewer_a_client.get(url("standing-items", partnership_a, the_board))
    assert page.status_code == 200 and "Apologies for absence" in page.content.decode()

    response = viewer_a_client.post(url("standing-items-copy-default", partnership_a, the_board))

    assert response.status_code == 403
    assert not the_board.standing_items.exists()
