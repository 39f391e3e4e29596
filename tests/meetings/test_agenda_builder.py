"""The clerk builds an agenda: sections and items, moved up and down, numbered 1..n in
agenda order after every change; everyone in the partnership reads it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saferboard.meetings import agenda
from saferboard.meetings.models import AgendaItem, AgendaSection, MeetingStatus
from saferboard.meetings.selectors import meeting_agenda
from tests.factories import AgendaItemFactory, AgendaSectionFactory, PaperFactory

pytestmark = pytest.mark.django_db


def url(name, partnership, record):
    return reverse(f"meetings:{name}", kwargs={"partnership": partnership.slug, "pk": record.pk})


def item_data(**changes) -> dict:
    data = {
        "section": "",
        "title": "Serious violence duty: strategy",
        "purpose": "To agree the strategy.",
        "decision_type": "decision",
        "presenter": "Director of Public Health",
        "lead_officer": "Sam Jones",
        "minutes_allowed": "20",
        "security_marking": "official",
        "exempt_paragraph": "",
    }
    data.update(changes)
    return data


def numbered(meeting) -> list[tuple[int, str]]:
    return [(item.number, item.title) for item in meeting_agenda(meeting=meeting)]


@pytest.fixture
def built(partnership_a, a_meeting, clerk_a):
    """Two sections, A (items 1, 2) and B (item 3), built through the services."""
    first = agenda.agenda_section_create(meeting=a_meeting, title="Section A", by=clerk_a)
    second = agenda.agenda_section_create(meeting=a_meeting, title="Section B", by=clerk_a)
    items = [
        agenda.agenda_item_create(meeting=a_meeting, by=clerk_a, section=section, title=title)
        for section, title in ((first, "One"), (first, "Two"), (second, "Three"))
    ]
    return first, second, items


def test_the_clerk_adds_an_item_with_every_field(partnership_a, a_meeting, clerk_a, clerk_a_client):
    section = agenda.agenda_section_create(meeting=a_meeting, title="Main business", by=clerk_a)

    response = clerk_a_client.post(
        url("agenda-item-add", partnership_a, a_meeting), item_data(section=str(section.pk))
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert (item.number, item.section, item.meeting, item.minutes_allowed) == (
        1,
        section,
        a_meeting,
        20,
    )
    assert item.history.first().history_user == clerk_a
    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Serious violence duty: strategy" in page
    assert "Report of Director of Public Health" in page and "Lead officer: Sam Jones" in page
    assert "For decision" in page and "20 min" in page


def test_an_exempt_item_needs_its_paragraph_and_is_tagged(partnership_a, a_meeting, clerk_a_client):
    refused = clerk_a_client.post(
        url("agenda-item-add", partnership_a, a_meeting), item_data(is_exempt="on")
    )
    assert "Give the Schedule 12A paragraph an exempt item falls under." in (
        refused.content.decode()
    )
    assert not AgendaItem.objects.exists()

    clerk_a_client.post(
        url("agenda-item-add", partnership_a, a_meeting),
        item_data(is_exempt="on", exempt_paragraph="3", title="Contract award"),
    )
    clerk_a_client.post(
        url("agenda-item-add", partnership_a, a_meeting),
        item_data(security_marking="official_sensitive", title="Gang matrix"),
    )

    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Exempt – paragraph 3" in page and "OFFICIAL-SENSITIVE" in page
    assert numbered(a_meeting) == [(1, "Contract award"), (2, "Gang matrix")]


def test_items_are_renumbered_after_a_move_within_a_section(built, a_meeting, clerk_a):
    _, _, (one, two, three) = built

    agenda.agenda_item_move(item=two, direction=agenda.UP, by=clerk_a)

    assert numbered(a_meeting) == [(1, "Two"), (2, "One"), (3, "Three")]


def test_an_item_moves_across_sections(built, a_meeting, clerk_a):
    first, second, (one, two, three) = built

    agenda.agenda_item_move(item=two, direction=agenda.DOWN, by=clerk_a)
    two.refresh_from_db()
    assert two.section == second
    assert numbered(a_meeting) == [(1, "One"), (2, "Two"), (3, "Three")]

    agenda.agenda_item_move(item=three, direction=agenda.UP, by=clerk_a)
    agenda.agenda_item_move(item=three, direction=agenda.UP, by=clerk_a)
    three.refresh_from_db()
    assert three.section == first
    assert numbered(a_meeting) == [(1, "One"), (2, "Three"), (3, "Two")]


def test_the_first_item_cannot_move_up_nor_the_last_down(built, a_meeting, clerk_a):
    _, _, (one, two, three) = built

    agenda.agenda_item_move(item=one, direction=agenda.UP, by=clerk_a)
    agenda.agenda_item_move(item=three, direction=agenda.DOWN, by=clerk_a)

    assert numbered(a_meeting) == [(1, "One"), (2, "Two"), (3, "Three")]


def test_a_section_moves_with_its_items(built, a_meeting, clerk_a):
    _, second, _ = built

    agenda.agenda_section_move(section=second, direction=agenda.UP, by=clerk_a)

    assert numbered(a_meeting) == [(1, "Three"), (2, "One"), (3, "Two")]
    assert [s.title for s in a_meeting.sections.order_by("position")] == [
        "Section B",
        "Section A",
    ]


def test_the_move_buttons_post_and_renumber(built, partnership_a, a_meeting, clerk_a_client):
    first, second, (one, two, three) = built

    def press(name, record, direction):
        clerk_a_client.post(url(name, partnership_a, record), {"direction": direction})

    press("agenda-item-move", three, "up")  # from the top of B to the end of A
    three.refresh_from_db()
    assert three.section == first
    assert numbered(a_meeting) == [(1, "One"), (2, "Two"), (3, "Three")]
    press("agenda-item-move", three, "up")
    assert numbered(a_meeting) == [(1, "One"), (2, "Three"), (3, "Two")]
    press("agenda-item-move", two, "down")  # into the now empty section B
    press("agenda-section-move", second, "up")
    assert numbered(a_meeting) == [(1, "Two"), (2, "One"), (3, "Three")]


def test_renumbering_closes_gaps_left_by_other_writes(partnership_a, a_meeting, clerk_a):
    section = AgendaSectionFactory(partnership=partnership_a, meeting=a_meeting, position=7)
    for position, title in ((30, "Late"), (10, "Early")):
        AgendaItemFactory(
            partnership=partnership_a,
            meeting=a_meeting,
            section=section,
            position=position,
            title=title,
            number=99,
        )

    agenda.agenda_renumber(meeting=a_meeting, by=clerk_a)

    assert numbered(a_meeting) == [(1, "Early"), (2, "Late")]
    assert sorted(a_meeting.items.values_list("position", flat=True)) == [0, 1]
    section.refresh_from_db()
    assert section.position == 0


def test_deleting_an_item_renumbers_the_rest(built, partnership_a, a_meeting, clerk_a_client):
    _, _, (one, two, three) = built

    clerk_a_client.post(url("agenda-item-delete", partnership_a, one))

    assert numbered(a_meeting) == [(1, "Two"), (2, "Three")]


def test_an_item_with_papers_is_not_deleted(built, partnership_a, a_meeting, clerk_a_client):
    _, _, (one, two, three) = built
    PaperFactory(partnership=partnership_a, item=one)

    response = clerk_a_client.post(url("agenda-item-delete", partnership_a, one), follow=True)

    assert "has papers, so it cannot be deleted" in response.content.decode()
    assert numbered(a_meeting) == [(1, "One"), (2, "Two"), (3, "Three")]


def test_a_section_with_items_is_not_deleted(built, partnership_a, a_meeting, clerk_a_client):
    first, _, _ = built

    response = clerk_a_client.post(url("agenda-section-delete", partnership_a, first), follow=True)

    assert "still has 2 items: move or delete them first" in response.content.decode()
    assert AgendaSection.objects.filter(pk=first.pk).exists()


def test_changing_an_items_section_puts_it_at_the_end_of_that_section(
    built, partnership_a, a_meeting, clerk_a_client
):
    first, second, (one, two, three) = built

    clerk_a_client.post(
        url("agenda-item-edit", partnership_a, one),
        item_data(section=str(second.pk), title="One", version=str(one.version)),
    )

    assert numbered(a_meeting) == [(1, "Two"), (2, "Three"), (3, "One")]


def test_a_stale_item_edit_is_refused_but_a_reorder_does_not_make_it_stale(
    built, partnership_a, a_meeting, clerk_a, clerk_a_client
):
    _, _, (one, two, three) = built
    opened_at = str(two.version)
    agenda.agenda_item_move(item=two, direction=agenda.UP, by=clerk_a)

    clerk_a_client.post(
        url("agenda-item-edit", partnership_a, two),
        item_data(section=str(two.section_id), title="Two, renamed", version=opened_at),
    )
    response = clerk_a_client.post(
        url("agenda-item-edit", partnership_a, two),
        item_data(section=str(two.section_id), title="Two, again", version=opened_at),
    )

    assert "was changed by someone else after you opened it" in response.content.decode()
    assert numbered(a_meeting) == [(1, "Two, renamed"), (2, "One"), (3, "Three")]


def test_editing_a_published_agenda_is_allowed_but_says_so(
    built, partnership_a, a_meeting, clerk_a_client
):
    _, _, (one, _, _) = built
    a_meeting.status = MeetingStatus.AGENDA_PUBLISHED
    a_meeting.save()

    form = clerk_a_client.get(url("agenda-item-edit", partnership_a, one)).content.decode()
    assert "The agenda has been published" in form

    clerk_a_client.post(
        url("agenda-item-edit", partnership_a, one),
        item_data(section=str(one.section_id), title="One, corrected", version=str(one.version)),
    )
    one.refresh_from_db()
    assert one.title == "One, corrected"


def test_a_viewer_reads_the_agenda_but_cannot_change_it(
    built, partnership_a, a_meeting, viewer_a_client
):
    _, _, (one, _, _) = built

    page = viewer_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()

    assert "One" in page and "Section B" in page
    assert "Add an item" not in page and "Move up" not in page
    assert viewer_a_client.get(url("agenda-item-add", partnership_a, a_meeting)).status_code == 403
    assert viewer_a_client.post(url("agenda-item-delete", partnership_a, one)).status_code == 403
    move = viewer_a_client.post(url("agenda-item-move", partnership_a, one), {"direction": "down"})
    assert move.status_code == 403
    assert numbered(a_meeting) == [(1, "One"), (2, "Two"), (3, "Three")]


def test_the_agenda_page_query_count_does_not_grow_with_items(
    partnership_a, a_meeting, clerk_a, clerk_a_client
):
    section = agenda.agenda_section_create(meeting=a_meeting, title="Main", by=clerk_a)
    agenda.agenda_item_create(meeting=a_meeting, by=clerk_a, section=section, title="First")
    address = url("agenda", partnership_a, a_meeting)

    with CaptureQueriesContext(connection) as few:
        clerk_a_client.get(address)
    for n in range(10):
        agenda.agenda_item_create(meeting=a_meeting, by=clerk_a, section=section, title=f"I{n}")
    with CaptureQueriesContext(connection) as many:
        clerk_a_client.get(address)

    assert len(many) == len(few)


def test_the_clerk_adds_renames_and_deletes_a_section(partnership_a, a_meeting, clerk_a_client):
    clerk_a_client.post(url("agenda-section-add", partnership_a, a_meeting), {"title": "Main"})
    section = AgendaSection.objects.get()
    assert section.meeting == a_meeting

    clerk_a_client.post(
        url("agenda-section-edit", partnership_a, section),
        {"title": "Information items", "version": str(section.version)},
    )
    page = clerk_a_client.get(url("agenda", partnership_a, a_meeting)).content.decode()
    assert "Information items" in page

    confirm = clerk_a_client.get(url("agenda-section-delete", partnership_a, section))
    assert "Delete “Information items”?" in confirm.content.decode()
    clerk_a_client.post(url("agenda-section-delete", partnership_a, section))
    assert not AgendaSection.objects.exists()
