"""Matters arising: a draft minute listing each action from the previous meeting with its
latest status, which the clerk edits and saves as the item's minute."""

from django.urls import reverse

from saferboard.actions.matters_arising import (
    matters_arising_draft,
    matters_arising_save,
    matters_arising_text,
)
from saferboard.core.errors import BusinessRuleError, StaleEditError
from saferboard.meetings.models import AgendaItem, Meeting, MeetingStatus
from tests.actions.outstanding_story import a_year_of_the_board
from tests.factories import ResolutionFactory


def _url(meeting) -> str:
    return reverse("actions:matters-arising", kwargs={"partnership": "haringey", "pk": meeting.pk})


def test_the_draft_lists_each_action_from_the_previous_meeting_with_its_latest_status(
    partnership_a, the_police
):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    rows = matters_arising_draft(meeting=story.meeting_2)
    text = matters_arising_text(rows)

    assert [row.action for row in rows] == [story.in_progress, story.completed]
    assert text.split("\n\n") == [
        "12.03.25 Item 7: Circulate the hate crime figures to partners. "
        "Owner: Metropolitan Police Service. Status: in progress. "
        "Latest update (2 April 2025): Figures sent to the police; the council's still to come.",
        "12.03.25 Item 8: Publish the annual report on the council website. "
        "Owner: Metropolitan Police Service. Status: complete. "
        "Latest update (20 April 2025): Published on 20 April.",
    ]
    # Meeting 3 follows meeting 2: only what meeting 2 raised.
    assert [row.action for row in matters_arising_draft(meeting=story.meeting_3)] == [
        story.raised_at_2
    ]


def test_the_clerk_edits_the_draft_and_saves_it_as_the_minute(
    partnership_a, the_police, clerk_a_client
):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    ResolutionFactory(partnership=partnership_a, item=story.matters_arising, text="Noted.")

    page = clerk_a_client.get(_url(story.meeting_2))
    assert "Status: in progress" in page.content.decode()
    response = clerk_a_client.post(
        _url(story.meeting_2),
        {
            "text": "The board noted the figures had reached the police.",
            "version": story.matters_arising.version,
        },
    )

    assert response.status_code == 302
    item = AgendaItem.objects.get(pk=story.matters_arising.pk)
    assert item.minute_text == "The board noted the figures had reached the police."
    assert [r.text for r in item.resolutions.all()] == ["Noted."]
    again = clerk_a_client.get(_url(story.meeting_2)).content.decode()
    assert "The board noted the figures had reached the police." in again
    assert "Start again from the action log" in again


def test_a_stale_draft_is_refused_and_the_other_save_kept(partnership_a, the_police):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    opened = story.matters_arising.version
    matters_arising_save(
        meeting=story.meeting_2, text="First save.", expected_version=opened, by=None
    )

    try:
        matters_arising_save(
            meeting=story.meeting_2, text="Second save.", expected_version=opened, by=None
        )
    except StaleEditError as error:
        assert "changed by someone else" in str(error)
    else:
        raise AssertionError("a stale save went through")
    assert AgendaItem.objects.get(pk=story.matters_arising.pk).minute_text == "First save."


def test_no_matters_arising_item_is_a_clear_error(partnership_a, the_police, clerk_a_client):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    Meeting.objects.filter(pk=story.meeting_3.pk).update(status=MeetingStatus.HELD)

    response = clerk_a_client.post(_url(story.meeting_3), {"text": "Anything.", "version": ""})

    assert response.status_code == 200
    assert "has no “Matters arising” item" in response.content.decode()


def test_minutes_cannot_be_written_before_the_meeting_is_held(partnership_a, the_police):
    story = a_year_of_the_board(partnership_a, owner=the_police)
    Meeting.objects.filter(pk=story.meeting_2.pk).update(status=MeetingStatus.AGENDA_PUBLISHED)
    story.meeting_2.refresh_from_db()

    try:
        matters_arising_save(
            meeting=story.meeting_2,
            text="Too early.",
            expected_version=story.matters_arising.version,
            by=None,
        )
    except BusinessRuleError as error:
        assert "once the meeting has been held" in str(error)
    else:
        raise AssertionError("a minute was written before the meeting was held")
    assert AgendaItem.objects.get(pk=story.matters_arising.pk).minute_text == ""


def test_only_clerks_and_managers_draft_matters_arising(partnership_a, the_police, viewer_a_client):
    story = a_year_of_the_board(partnership_a, owner=the_police)

    looked = viewer_a_client.get(_url(story.meeting_2))
    posted = viewer_a_client.post(
        _url(story.meeting_2), {"text": "Mine.", "version": story.matters_arising.version}
    )

    assert (looked.status_code, posted.status_code) == (403, 403)
    assert AgendaItem.objects.get(pk=story.matters_arising.pk).minute_text == ""
